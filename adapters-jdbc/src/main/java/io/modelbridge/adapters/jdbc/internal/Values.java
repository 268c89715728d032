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

/** Converts between JDBC values and the SPI's field types. Timestamps without time zone are read as UTC. */
final class Values {

  private Values() {}

  /** The field type a JDBC type is exposed as, if it can be. */
  static Optional<FieldType> fieldType(int sqlType) {
    switch (sqlType) {
      case Types.CHAR: case Types.VARCHAR: case Types.LONGVARCHAR: case Types.NCHAR: case Types.NVARCHAR:
      case Types.LONGNVARCHAR: case Types.CLOB: case Types.NCLOB:
        return Optional.of(FieldType.STRING);
      case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
        return Optional.of(FieldType.INTEGER);
      case Types.DECIMAL: case Types.NUMERIC: case Types.REAL: case Types.FLOAT: case Types.DOUBLE:
        return Optional.of(FieldType.DECIMAL);
      case Types.BOOLEAN: case Types.BIT:
        return Optional.of(FieldType.BOOLEAN);
      case Types.DATE:
        return Optional.of(FieldType.DATE);
      case Types.TIMESTAMP: case Types.TIMESTAMP_WITH_TIMEZONE:
        return Optional.of(FieldType.TIMESTAMP);
      default:
        return Optional.empty();
    }
  }

  /** Reads column {@code index} as its field type; {@code null} for SQL NULL. */
  static Object read(ResultSet rs, int index, int sqlType, FieldType type) throws SQLException {
    switch (type) {
      case STRING:
        return rs.getString(index);
      case INTEGER: {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL: {
        if (sqlType == Types.REAL) {
          float f = rs.getFloat(index);
          return rs.wasNull() ? null : new BigDecimal(Float.toString(f));
        }
        if (sqlType == Types.FLOAT || sqlType == Types.DOUBLE) {
          double d = rs.getDouble(index);
          return rs.wasNull() ? null : BigDecimal.valueOf(d);
        }
        return rs.getBigDecimal(index);
      }
      case BOOLEAN: {
        boolean b = rs.getBoolean(index);
        return rs.wasNull() ? null : b;
      }
      case DATE:
        return rs.getObject(index, LocalDate.class);
      case TIMESTAMP: {
        if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE) {
          OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
          return t == null ? null : t.toInstant();
        }
        LocalDateTime t = rs.getObject(index, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
      }
      default:
        throw new IllegalStateException("unhandled field type " + type);
    }
  }

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

  /** Binds an already coerced value for a column of {@code sqlType}. */
  static void bind(PreparedStatement ps, int index, Object value, int sqlType, FieldType type) throws SQLException {
    switch (type) {
      case STRING:
        ps.setString(index, (String) value);
        break;
      case INTEGER: {
        long v = (Long) value;
        if (sqlType == Types.SMALLINT || sqlType == Types.TINYINT) {
          ps.setShort(index, (short) v);
        } else if (sqlType == Types.INTEGER) {
          ps.setInt(index, (int) v);
        } else {
          ps.setLong(index, v);
        }
        break;
      }
      case DECIMAL: {
        BigDecimal d = (BigDecimal) value;
        if (sqlType == Types.REAL) {
          ps.setFloat(index, d.floatValue());
        } else if (sqlType == Types.FLOAT || sqlType == Types.DOUBLE) {
          ps.setDouble(index, d.doubleValue());
        } else {
          ps.setBigDecimal(index, d);
        }
        break;
      }
      case BOOLEAN:
        ps.setBoolean(index, (Boolean) value);
        break;
      case DATE:
        ps.setObject(index, value);
        break;
      case TIMESTAMP:
        if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE) {
          ps.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
        } else {
          ps.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        }
        break;
      default:
        throw new IllegalStateException("unhandled field type " + type);
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

  /** A canonical text of a value for row hashing: equal values give equal text whatever their scale. */
  static String canonical(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
