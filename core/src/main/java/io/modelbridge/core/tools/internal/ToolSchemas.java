package io.modelbridge.core.tools.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import java.util.ArrayList;
import java.util.List;

/** Builds the LangChain4j tool specification of one adapter operation. */
final class ToolSchemas {

  /** The extra argument through which the model passes the version an update or delete is based on. */
  static final String EXPECTED_VERSION = "expectedVersion";

  private ToolSchemas() {}

  /** Whether the tool of {@code op} takes the extra {@link #EXPECTED_VERSION} argument. */
  static boolean takesExpectedVersion(OperationDescriptor op) {
    return (op.kind() == OperationKind.UPDATE || op.kind() == OperationKind.DELETE)
        && op.inputField(EXPECTED_VERSION).isEmpty();
  }

  static ToolSpecification specification(String toolName, String systemId, OperationDescriptor op) {
    JsonObjectSchema.Builder params = JsonObjectSchema.builder();
    List<String> required = new ArrayList<>();
    for (FieldSchema f : op.input()) {
      params.addProperty(f.name(), element(f));
      if (f.required()) {
        required.add(f.name());
      }
    }
    if (takesExpectedVersion(op)) {
      params.addProperty(EXPECTED_VERSION, JsonStringSchema.builder()
          .description("the version of the record as you last read it (its 'version'); the call is refused "
              + "if the record changed since")
          .build());
    }
    params.required(required).additionalProperties(false);
    String description = (op.description().isEmpty() ? op.kind() + " " + op.entity() : op.description())
        + " [system " + systemId + ", " + op.effect()
        + (op.effect().writes() ? ", writes: may need human approval" : ", read-only") + "]";
    return ToolSpecification.builder()
        .name(toolName)
        .description(description)
        .parameters(params.build())
        .build();
  }

  private static JsonSchemaElement element(FieldSchema f) {
    String d = f.description();
    if (!f.allowedValues().isEmpty()) {
      return JsonEnumSchema.builder().enumValues(f.allowedValues()).description(d.isEmpty() ? null : d).build();
    }
    if (f.format().isPresent()) {
      return JsonStringSchema.builder().description(join(d, "format " + f.format().get())).build();
    }
    return switch (f.type()) {
      case STRING -> JsonStringSchema.builder().description(d.isEmpty() ? null : d).build();
      case INTEGER -> JsonIntegerSchema.builder().description(d.isEmpty() ? null : d).build();
      case DECIMAL -> JsonNumberSchema.builder().description(d.isEmpty() ? null : d).build();
      case BOOLEAN -> JsonBooleanSchema.builder().description(d.isEmpty() ? null : d).build();
      case DATE -> JsonStringSchema.builder()
          .description(join(d, "a date as YYYY-MM-DD")).build();
      case TIMESTAMP -> JsonStringSchema.builder()
          .description(join(d, "an ISO-8601 instant such as 2024-05-01T12:00:00Z")).build();
    };
  }

  private static String join(String description, String format) {
    return description.isEmpty() ? format : description + " (" + format + ")";
  }
}
