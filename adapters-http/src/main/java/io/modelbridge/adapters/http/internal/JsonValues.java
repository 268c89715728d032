package io.modelbridge.adapters.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.json.DataJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Converts between the Java values of {@link FieldType}s, call arguments and JSON. */
final class JsonValues {

  private JsonValues() {}

  /** The mapper for request and response bodies: the data path's one configuration (money exact, 1.50 stays 1.50). */
  static ObjectMapper mapper() {
    return DataJson.mapper();
  }

  /**
   * An argument as the Java type of its field, accepting the obvious equivalents (an Integer for an
   * INTEGER, an ISO text for a DATE).
   *
   * @return empty if the value cannot be read as {@code type}
   */
  static Optional<Object> coerceArgument(FieldType type, Object value) {
    try {
      return Optional.ofNullable(switch (type) {
        case STRING -> value instanceof CharSequence s ? s.toString() : null;
        case INTEGER -> integer(value);
        case DECIMAL -> value instanceof BigDecimal d ? d
            : value instanceof Number n ? new BigDecimal(n.toString())
            : value instanceof String s ? new BigDecimal(s.trim()) : null;
        case BOOLEAN -> value instanceof Boolean b ? b : null;
        case DATE -> value instanceof LocalDate d ? d : value instanceof String s ? LocalDate.parse(s.trim()) : null;
        case TIMESTAMP -> value instanceof Instant i ? i : value instanceof String s ? instant(s) : null;
      });
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Long integer(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      return b.longValueExact();
    }
    if (value instanceof BigDecimal d) {
      return d.longValueExact();
    }
    if (value instanceof String s) {
      return Long.parseLong(s.trim());
    }
    return null;
  }

  private static Instant instant(String text) {
    String t = text.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(t).toInstant();
    }
  }

  /** A coerced argument value as JSON (numbers exact, dates and instants as their ISO text). */
  static JsonNode toJson(Object value) {
    return DataJson.toNode(value);
  }


  /** A coerced argument value as text for a path segment or query parameter. */
  static String toText(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  /**
   * A JSON value as the Java type of {@code type}.
   *
   * @return empty if the JSON value does not hold a {@code type}
   */
  static Optional<Object> fromJson(FieldType type, JsonNode node) {
    try {
      return Optional.ofNullable(switch (type) {
        case STRING -> node.isValueNode() ? node.asText() : null;
        case INTEGER -> node.isIntegralNumber() && node.canConvertToLong() ? node.longValue()
            : node.isTextual() ? Long.parseLong(node.textValue().trim()) : null;
        case DECIMAL -> node.isNumber() ? node.decimalValue()
            : node.isTextual() ? new BigDecimal(node.textValue().trim()) : null;
        case BOOLEAN -> node.isBoolean() ? node.booleanValue()
            : node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))
                ? Boolean.valueOf(node.textValue()) : null;
        case DATE -> node.isTextual() ? LocalDate.parse(node.textValue().trim()) : null;
        case TIMESTAMP -> node.isTextual() ? instant(node.textValue()) : null;
      });
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
