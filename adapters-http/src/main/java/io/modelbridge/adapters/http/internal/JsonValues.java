package io.modelbridge.adapters.http.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelbridge.adapters.spi.FieldType;
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

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonValues() {}

  /** The mapper for request and response bodies: money is read exactly, trailing zeros kept (1.50 stays 1.50). */
  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  private static Instant instant(String text) {
    String t = text.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(t).toInstant();
    }
  }

  /** A coerced argument value as JSON. */
  static JsonNode toJson(Object value) {
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(value.toString());
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
