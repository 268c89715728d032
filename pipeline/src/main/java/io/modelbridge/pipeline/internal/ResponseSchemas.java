package io.modelbridge.pipeline.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.modelbridge.json.DataJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a pack task's JSON Schema (text) into the LangChain4j {@link ResponseFormat} the pipeline sends with
 * the request, so providers that support structured output (OpenAI-compatible, Ollama, the offline model)
 * answer in that shape. Keywords LangChain4j's schema types cannot carry ({@code maxItems}, {@code minItems},
 * {@code pattern}, {@code maxLength}) are added to the element's description; the pipeline still validates
 * the answer against the full schema.
 */
public final class ResponseSchemas {

  private static final ObjectMapper JSON = DataJson.mapper();

  private ResponseSchemas() {}

  /**
   * The JSON response format for {@code schemaJson}, named after the task; plain JSON (no schema) when the
   * schema uses a construct that has no LangChain4j equivalent (e.g. {@code $ref}) or is not an object.
   */
  public static ResponseFormat jsonFormat(String taskName, String schemaJson) {
    JsonSchemaElement root;
    try {
      root = element(JSON.readTree(schemaJson));
    } catch (java.io.IOException | IllegalArgumentException unsupported) {
      return ResponseFormat.JSON;
    }
    if (!(root instanceof JsonObjectSchema)) {
      return ResponseFormat.JSON;
    }
    String name = taskName.replaceAll("[^A-Za-z0-9_-]", "_");
    return ResponseFormat.builder().type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name(name.isEmpty() ? "answer" : name).rootElement(root).build())
        .build();
  }

  private static JsonSchemaElement element(JsonNode s) {
    String description = description(s);
    if (s.has("enum")) {
      List<String> values = new ArrayList<>();
      s.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().description(description).enumValues(values).build();
    }
    if (s.has("anyOf")) {
      List<JsonSchemaElement> options = new ArrayList<>();
      s.get("anyOf").forEach(o -> options.add(element(o)));
      return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
    }
    switch (type(s)) {
      case "object": {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        s.path("properties").fields().forEachRemaining(p -> b.addProperty(p.getKey(), element(p.getValue())));
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        b.required(required);
        if (s.path("additionalProperties").isBoolean()) {
          b.additionalProperties(s.get("additionalProperties").asBoolean());
        }
        return b.build();
      }
      case "array":
        return JsonArraySchema.builder().description(description)
            .items(s.has("items") ? element(s.get("items")) : new JsonStringSchema()).build();
      case "string":
        return JsonStringSchema.builder().description(description).build();
      case "integer":
        return JsonIntegerSchema.builder().description(description).build();
      case "number":
        return JsonNumberSchema.builder().description(description).build();
      case "boolean":
        return JsonBooleanSchema.builder().description(description).build();
      default:
        throw new IllegalArgumentException("no LangChain4j schema type for " + s);
    }
  }

  private static String type(JsonNode s) {
    JsonNode t = s.path("type");
    if (t.isArray()) {
      for (JsonNode option : t) {
        if (!option.asText().equals("null")) {
          return option.asText();
        }
      }
    }
    return t.asText("");
  }

  private static String description(JsonNode s) {
    List<String> parts = new ArrayList<>();
    if (s.hasNonNull("description")) {
      parts.add(s.get("description").asText());
    }
    if (s.has("minItems")) {
      parts.add("at least " + s.get("minItems").asInt() + " items");
    }
    if (s.has("maxItems")) {
      parts.add("at most " + s.get("maxItems").asInt() + " items");
    }
    if (s.has("maxLength")) {
      parts.add("at most " + s.get("maxLength").asInt() + " characters");
    }
    if (s.has("pattern")) {
      parts.add("pattern " + s.get("pattern").asText());
    }
    if (s.has("minimum")) {
      parts.add("minimum " + s.get("minimum").asText());
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }
}
