package io.modelbridge.core.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.adapters.spi.ArgumentBinding;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.json.DataJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the model's JSON arguments and binds them to an operation's input with the SPI's one binding
 * ({@link OperationDescriptor#bind}), collecting every problem so the model can fix them all in one retry.
 * Thread-safe.
 */
final class ArgumentBinder {

  /** The typed arguments, or the problems that prevent binding them. */
  record Binding(Map<String, Object> arguments, Optional<String> expectedVersion, List<String> problems) {
    boolean valid() {
      return problems.isEmpty();
    }
  }

  static final ObjectMapper MAPPER = DataJson.mapper();

  private ArgumentBinder() {}

  static Binding bind(OperationDescriptor op, String json) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the input, which may hold personal data: only its location is kept.
      problems.add("the arguments are not valid JSON" + (e.getLocation() == null ? ""
          : " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")
          + "; send one JSON object");
      return new Binding(Map.of(), Optional.empty(), problems);
    }
    if (root == null || !root.isObject()) {
      problems.add("the arguments must be one JSON object, not " + (root == null ? "nothing" : kind(root)));
      return new Binding(Map.of(), Optional.empty(), problems);
    }
    boolean takesVersion = ToolSchemas.takesExpectedVersion(op);
    Optional<String> expectedVersion = Optional.empty();
    // JSON to Java is Jackson's; required, unknown and the coercion of each value are the SPI's, so a call
    // gets the same verdict here as on every adapter.
    Map<String, Object> given = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (takesVersion && name.equals(ToolSchemas.EXPECTED_VERSION)) {
        if (value.isTextual() && !value.asText().isBlank()) {
          expectedVersion = Optional.of(value.asText());
        } else if (value.isIntegralNumber()) {
          expectedVersion = Optional.of(value.asText());
        } else if (!value.isNull()) {
          problems.add("'" + name + "' must be the record's version as text, not " + kind(value));
        }
        continue;
      }
      given.put(name, javaValue(value));
    }
    ArgumentBinding bound = op.bind(given);
    for (ArgumentBinding.Problem p : bound.problems()) {
      problems.add(switch (p.kind()) {
        case UNKNOWN -> "unknown argument '" + shorten(p.field()) + "'; allowed: " + allowed(op, takesVersion);
        case MISSING -> "missing required argument '" + p.field() + "' ("
            + op.inputField(p.field()).map(f -> f.type().expectation()).orElse("required") + ")";
        case INVALID -> "argument '" + p.field() + "' " + p.reason();
      });
    }
    return new Binding(bound.arguments(), expectedVersion, problems);
  }

  /**
   * The JSON value as the Java value the SPI's coercion reads: text, boolean, Long or BigInteger, BigDecimal
   * (or Double, as the mapper parsed it), {@code null} for JSON null (absent). Arrays and objects become an
   * empty list or map: every field type refuses them by kind, and their content is never needed.
   */
  private static Object javaValue(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
    }
    if (v.isBigDecimal()) {
      return v.decimalValue();
    }
    if (v.isNumber()) {
      return v.numberValue();
    }
    if (v.isArray()) {
      return List.of();
    }
    if (v.isObject()) {
      return Map.of();
    }
    return null;
  }

  private static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "null";
  }

  private static String allowed(OperationDescriptor op, boolean takesVersion) {
    List<String> names = new ArrayList<>();
    op.input().forEach(f -> names.add(f.name()));
    if (takesVersion) {
      names.add(ToolSchemas.EXPECTED_VERSION);
    }
    return names.toString();
  }

  /** A model may invent a huge key; never echo more than a short prefix of it. */
  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
