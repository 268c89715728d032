package io.modelbridge.adapters.file.internal;

import io.modelbridge.adapters.spi.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads call arguments as the Java type of their field, accepting the obvious equivalents. */
final class Arguments {

  private Arguments() {}

  /** The argument as {@code type}'s Java type; empty if it cannot be read as one. */
  static Optional<Object> coerce(FieldType type, Object value) {
    try {
      return Optional.ofNullable(switch (type) {
        case STRING -> value instanceof CharSequence s ? s.toString() : null;
        case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte ? Long.valueOf(((Number) value).longValue())
            : value instanceof BigInteger b ? Long.valueOf(b.longValueExact())
            : value instanceof BigDecimal d ? Long.valueOf(d.longValueExact())
            : value instanceof String s ? Long.valueOf(Long.parseLong(s.trim())) : null;
        case DECIMAL -> value instanceof BigDecimal d ? d
            : value instanceof Number n ? new BigDecimal(n.toString())
            : value instanceof String s ? new BigDecimal(s.trim()) : null;
        case BOOLEAN -> value instanceof Boolean b ? b : null;
        case DATE -> value instanceof LocalDate d ? d : value instanceof String s ? LocalDate.parse(s.trim()) : null;
        case TIMESTAMP -> value instanceof Instant i ? i
            : value instanceof String s ? OffsetDateTime.parse(s.trim()).toInstant() : null;
      });
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** Equality of two values of one field; decimals compare by value (1.50 equals 1.5). */
  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }
}
