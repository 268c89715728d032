package io.modelbridge.core.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.json.DataJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the model's JSON arguments and checks them against an operation's input schema, collecting every
 * problem so the model can fix them all in one retry. Thread-safe.
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
    Map<String, Object> out = new LinkedHashMap<>();
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
    for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      Optional<FieldSchema> field = op.inputField(name);
      if (field.isEmpty()) {
        if (takesVersion && name.equals(ToolSchemas.EXPECTED_VERSION)) {
          if (value.isTextual() && !value.asText().isBlank()) {
            expectedVersion = Optional.of(value.asText());
          } else if (value.isIntegralNumber()) {
            expectedVersion = Optional.of(value.asText());
          } else if (!value.isNull()) {
            problems.add("'" + name + "' must be the record's version as text, not " + kind(value));
          }
        } else {
          problems.add("unknown argument '" + shorten(name) + "'; allowed: " + allowed(op, takesVersion));
        }
        continue;
      }
      if (value.isNull()) {
        continue; // absent; checked below if required
      }
      Object typed = convert(field.get(), value, problems);
      if (typed != null) {
        out.put(name, typed);
      }
    }
    for (FieldSchema f : op.input()) {
      if (f.required() && !out.containsKey(f.name()) && !hasProblemFor(problems, f.name())) {
        problems.add("missing required argument '" + f.name() + "' (" + describe(f) + ")");
      }
    }
    return new Binding(out, expectedVersion, problems);
  }

  private static Object convert(FieldSchema f, JsonNode v, List<String> problems) {
    String name = f.name();
    switch (f.type()) {
      case STRING:
        if (v.isTextual()) {
          return v.asText();
        }
        break;
      case INTEGER:
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          return v.asLong();
        }
        if (v.isNumber()) {
          BigDecimal d = finite(v);
          if (d != null && (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0)) {
            try {
              return d.longValueExact();
            } catch (ArithmeticException e) {
              // out of range: reported as a type problem below
            }
          }
        }
        break;
      case DECIMAL:
        if (v.isNumber()) {
          BigDecimal d = finite(v);
          if (d != null) {
            return d;
          }
          problems.add("argument '" + name + "' is not a finite decimal number; send for example 12.50");
          return null;
        }
        if (v.isTextual()) {
          try {
            return new BigDecimal(v.asText().trim());
          } catch (NumberFormatException e) {
            problems.add("argument '" + name + "' is not a decimal number; send for example 12.50");
            return null;
          }
        }
        break;
      case BOOLEAN:
        if (v.isBoolean()) {
          return v.asBoolean();
        }
        break;
      case DATE:
        if (v.isTextual()) {
          try {
            return LocalDate.parse(v.asText().trim());
          } catch (DateTimeParseException e) {
            problems.add("argument '" + name + "' is not a date; send it as YYYY-MM-DD, for example 2024-05-31");
            return null;
          }
        }
        break;
      case TIMESTAMP:
        if (v.isTextual()) {
          String t = v.asText().trim();
          try {
            return Instant.parse(t);
          } catch (DateTimeParseException e) {
            try {
              return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
              problems.add("argument '" + name
                  + "' is not an instant; send it as ISO-8601, for example 2024-05-31T12:00:00Z");
              return null;
            }
          }
        }
        break;
      default:
        break;
    }
    problems.add("argument '" + name + "' must be " + describe(f) + ", not " + kind(v));
    return null;
  }

  /** The exact value of a JSON number, or null for one a double cannot hold (1e400 parses as infinity). */
  private static BigDecimal finite(JsonNode v) {
    if (v.isDouble() || v.isFloat()) {
      double d = v.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
    }
    try {
      return v.decimalValue();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static boolean hasProblemFor(List<String> problems, String field) {
    String marker = "'" + field + "'";
    return problems.stream().anyMatch(p -> p.contains(marker));
  }

  private static String describe(FieldSchema f) {
    return switch (f.type()) {
      case STRING -> "a string";
      case INTEGER -> "a whole number";
      case DECIMAL -> "a decimal number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date string YYYY-MM-DD";
      case TIMESTAMP -> "an ISO-8601 instant string";
    };
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
