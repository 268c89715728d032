package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Converts arguments to the SPI's field types; reading and binding columns is {@link SqlType}'s. */
final class Values {

  private Values() {}

  /**
   * Converts an argument to the Java type of {@code type}: the exact type, any integral number for
   * INTEGER, any number for DECIMAL, ISO-8601 text for DATE and TIMESTAMP.
   *
   * @return empty if the value cannot be converted
   */
  static Optional<Object> coerce(Object value, FieldType type) {
    try {
      switch (type) {
        case STRING:
          return value instanceof String ? Optional.of(value) : Optional.empty();
        case INTEGER:
          if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
          }
          if (value instanceof BigInteger b) {
            return Optional.of(b.longValueExact());
          }
          if (value instanceof BigDecimal d) {
            return Optional.of(d.longValueExact());
          }
          return Optional.empty();
        case DECIMAL:
          if (value instanceof BigDecimal) {
            return Optional.of(value);
          }
          if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
          }
          if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Optional.of(new BigDecimal(value.toString())) : Optional.empty();
          }
          return Optional.empty();
        case BOOLEAN:
          return value instanceof Boolean ? Optional.of(value) : Optional.empty();
        case DATE:
          if (value instanceof LocalDate) {
            return Optional.of(value);
          }
          return value instanceof String s ? Optional.of(LocalDate.parse(s)) : Optional.empty();
        case TIMESTAMP:
          if (value instanceof Instant) {
            return Optional.of(value);
          }
          return value instanceof String s ? Optional.of(Instant.parse(s)) : Optional.empty();
        default:
          return Optional.empty();
      }
    } catch (ArithmeticException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether an INTEGER value fits a column of {@code sqlType}. */
  static boolean fits(long v, int sqlType) {
    switch (sqlType) {
      case Types.TINYINT: case Types.SMALLINT:
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      case Types.INTEGER:
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      default:
        return true;
    }
  }
}
