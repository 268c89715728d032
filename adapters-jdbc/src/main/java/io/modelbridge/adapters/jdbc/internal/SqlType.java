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
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the values of one column type are read, bound and published, decided once per column at start from
 * the database's own type (its JDBC type and its type name, with domains resolved to their base type).
 *
 * @param codec how values move between JDBC and the field type
 * @param fieldType the field type the column is exposed as
 * @param jdbcType the {@link Types} code of the (base) type, for range checks of integers
 * @param typeName the database's name of the column's type, qualified and quoted when a cast needs it
 * @param format a JSON Schema format refining the field type's (for example {@code uuid})
 * @param allowedValues the labels of an enum type, in order; empty otherwise
 * @param comparable whether the database can compare two values (equality filter, ORDER BY, key)
 * @param note what the model should know about the text form (for example "JSON text"); may be empty
 */
record SqlType(Codec codec, FieldType fieldType, int jdbcType, String typeName, Optional<String> format,
    List<String> allowedValues, boolean comparable, String note) {

  /** The ways values move between JDBC and the SPI's Java types. */
  enum Codec {
    /** {@code getString} / {@code setString}. */
    TEXT,
    /** Text in the database's own syntax, bound as text and cast to the column's type (enum, uuid, json...). */
    TEXT_CAST,
    /** {@code getLong} / {@code setShort|setInt|setLong} by JDBC type. */
    INTEGER,
    /** {@code getBigDecimal} / {@code setBigDecimal}. */
    DECIMAL,
    /** {@code getFloat}, exact text of the float. */
    REAL,
    /** {@code getDouble}. */
    DOUBLE,
    /** PostgreSQL {@code money}: read as numeric (locale-free), bound as numeric cast to money. */
    MONEY,
    /** {@code getBoolean}. */
    BOOLEAN,
    /** {@link LocalDate}. */
    DATE,
    /** A timestamp without time zone: {@link LocalDateTime}, taken as UTC. */
    LOCAL_TIMESTAMP,
    /** A timestamp with time zone: {@link OffsetDateTime}, exposed as the instant. */
    OFFSET_TIMESTAMP,
    /** Binary data as base64 text. */
    BYTES,
    /** A PostgreSQL one-dimensional array as JSON array text; bound from JSON array text. */
    ARRAY
  }

  SqlType {
    Objects.requireNonNull(codec, "codec cannot be null");
    allowedValues = List.copyOf(allowedValues);
  }

  static SqlType of(Codec codec, FieldType fieldType, int jdbcType, String typeName) {
    return new SqlType(codec, fieldType, jdbcType, typeName, Optional.empty(), List.of(), true, "");
  }

  SqlType withFormat(String f) {
    return new SqlType(codec, fieldType, jdbcType, typeName, Optional.of(f), allowedValues, comparable, note);
  }

  SqlType withAllowedValues(List<String> values) {
    return new SqlType(codec, fieldType, jdbcType, typeName, format, values, comparable, note);
  }

  SqlType notComparable() {
    return new SqlType(codec, fieldType, jdbcType, typeName, format, allowedValues, false, note);
  }

  SqlType withNote(String text) {
    return new SqlType(codec, fieldType, jdbcType, typeName, format, allowedValues, comparable, text);
  }

  /** Whether the field type orders values, so that from/to filters make sense. */
  boolean ranged() {
    return comparable && fieldType != FieldType.STRING && fieldType != FieldType.BOOLEAN;
  }

  /** Whether a column of this type can hold a record version: an integer counter or a timestamp. */
  boolean versionable() {
    return fieldType == FieldType.INTEGER && jdbcType != Types.BIT && jdbcType != Types.BOOLEAN
        || fieldType == FieldType.TIMESTAMP;
  }

  /** The SQL that selects column {@code quoted} so that {@link #read} can read it. */
  String select(String quoted) {
    return switch (codec) {
      case MONEY -> "CAST(" + quoted + " AS numeric)";
      case ARRAY -> "CAST(to_json(" + quoted + ") AS text)";
      default -> quoted;
    };
  }

  /** The placeholder that {@link #bind} fills, with the cast the column's type needs. */
  String placeholder() {
    return switch (codec) {
      case TEXT_CAST -> "CAST(? AS " + typeName + ")";
      case MONEY -> "CAST(CAST(? AS numeric) AS money)";
      case ARRAY -> "CAST(ARRAY(SELECT json_array_elements_text(CAST(? AS json))) AS " + typeName + ")";
      default -> "?";
    };
  }

  /** Reads column {@code index} of the current row as this type's Java value; {@code null} for SQL NULL. */
  Object read(ResultSet rs, int index) throws SQLException {
    switch (codec) {
      case TEXT: case TEXT_CAST: case ARRAY:
        return rs.getString(index);
      case INTEGER: {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL: case MONEY:
        return rs.getBigDecimal(index);
      case REAL: {
        float f = rs.getFloat(index);
        return rs.wasNull() ? null : new BigDecimal(Float.toString(f));
      }
      case DOUBLE: {
        double d = rs.getDouble(index);
        return rs.wasNull() ? null : BigDecimal.valueOf(d);
      }
      case BOOLEAN: {
        boolean b = rs.getBoolean(index);
        return rs.wasNull() ? null : b;
      }
      case DATE:
        return rs.getObject(index, LocalDate.class);
      case LOCAL_TIMESTAMP: {
        LocalDateTime t = rs.getObject(index, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
      }
      case OFFSET_TIMESTAMP: {
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
      }
      case BYTES: {
        byte[] b = rs.getBytes(index);
        return b == null ? null : Base64.getEncoder().encodeToString(b);
      }
      default:
        throw new IllegalStateException("unhandled codec " + codec);
    }
  }

  /**
   * Binds a value already converted to this type's Java value.
   *
   * @throws IllegalArgumentException if a base64 value is malformed
   */
  void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    switch (codec) {
      case TEXT: case TEXT_CAST: case ARRAY:
        ps.setString(index, (String) value);
        break;
      case INTEGER: {
        long v = (Long) value;
        if (jdbcType == Types.SMALLINT || jdbcType == Types.TINYINT) {
          ps.setShort(index, (short) v);
        } else if (jdbcType == Types.INTEGER) {
          ps.setInt(index, (int) v);
        } else {
          ps.setLong(index, v);
        }
        break;
      }
      case DECIMAL: case MONEY:
        ps.setBigDecimal(index, (BigDecimal) value);
        break;
      case REAL:
        ps.setFloat(index, ((BigDecimal) value).floatValue());
        break;
      case DOUBLE:
        ps.setDouble(index, ((BigDecimal) value).doubleValue());
        break;
      case BOOLEAN:
        ps.setBoolean(index, (Boolean) value);
        break;
      case DATE:
        ps.setObject(index, value);
        break;
      case LOCAL_TIMESTAMP:
        ps.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        break;
      case OFFSET_TIMESTAMP:
        ps.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
        break;
      case BYTES:
        ps.setBytes(index, Base64.getDecoder().decode((String) value));
        break;
      default:
        throw new IllegalStateException("unhandled codec " + codec);
    }
  }

  /** The SQL expression of "now" for a timestamp version column of this type. */
  String now() {
    return codec == Codec.OFFSET_TIMESTAMP ? "CURRENT_TIMESTAMP" : "LOCALTIMESTAMP";
  }
}
