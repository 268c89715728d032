package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.FieldType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
