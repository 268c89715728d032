package io.modelbridge.adapters.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.json.DataJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Converts between the Java values of {@link FieldType}s and JSON. Call arguments arrive coerced by the SPI
 * ({@link FieldType#coerce}).
 */
final class JsonValues {

  private JsonValues() {}

  /** The mapper for request and response bodies: the data path's one configuration (money exact, 1.50 stays 1.50). */
  static ObjectMapper mapper() {
    return DataJson.mapper();
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
