package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.jdbc.internal.SqlType.Codec;
import io.modelbridge.adapters.spi.FieldType;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how a column is exposed from the database's description of its type: a {@link SqlType}, or the
 * reason it is not exposed. PostgreSQL types are read from {@code pg_catalog} (domains resolved to their base
 * type, enum labels, array element types); other engines from the JDBC metadata ({@code DATA_TYPE},
 * {@code TYPE_NAME}, and {@code SOURCE_DATA_TYPE} for a DISTINCT type).
 */
final class ColumnTypes {

  /** Either the type a column is exposed as, or why it is not. */
  record Decision(Optional<SqlType> type, String reason) {

    static Decision of(SqlType t) {
      return new Decision(Optional.of(t), "");
    }

    static Decision excluded(String why) {
      return new Decision(Optional.empty(), why);
    }
  }

  private static final String FULL_TEXT = "full-text search data that the database derives from other columns; "
      + "not a value to show or to write";

  private ColumnTypes() {}

  /**
   * The decision for a column described by JDBC metadata.
   *
   * @param dataType {@code DATA_TYPE} (a {@link Types} code)
   * @param typeName {@code TYPE_NAME}
   * @param sourceDataType {@code SOURCE_DATA_TYPE}, the base type of a DISTINCT type (0 if none)
   */
  static Decision generic(int dataType, String typeName, int sourceDataType) {
    String name = typeName == null ? "" : typeName;
    int t = dataType == Types.DISTINCT && sourceDataType != 0 ? sourceDataType : dataType;
    String lower = name.toLowerCase(Locale.ROOT);
    switch (t) {
      case Types.CHAR: case Types.VARCHAR: case Types.LONGVARCHAR: case Types.NCHAR: case Types.NVARCHAR:
      case Types.LONGNVARCHAR: case Types.CLOB: case Types.NCLOB:
        return Decision.of(SqlType.of(Codec.TEXT, FieldType.STRING, t, name));
      case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
        return Decision.of(SqlType.of(Codec.INTEGER, FieldType.INTEGER, t, name));
      case Types.DECIMAL: case Types.NUMERIC:
        return Decision.of(SqlType.of(Codec.DECIMAL, FieldType.DECIMAL, t, name));
      case Types.REAL:
        return Decision.of(SqlType.of(Codec.REAL, FieldType.DECIMAL, t, name));
      case Types.FLOAT: case Types.DOUBLE:
        return Decision.of(SqlType.of(Codec.DOUBLE, FieldType.DECIMAL, t, name));
      case Types.BOOLEAN: case Types.BIT:
        return Decision.of(SqlType.of(Codec.BOOLEAN, FieldType.BOOLEAN, t, name));
      case Types.DATE:
        return Decision.of(SqlType.of(Codec.DATE, FieldType.DATE, t, name));
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return Decision.of(SqlType.of(Codec.OFFSET_TIMESTAMP, FieldType.TIMESTAMP, t, name));
      case Types.TIMESTAMP:
        // PostgreSQL's driver reports timestamptz as TIMESTAMP: only the type name tells them apart.
        return Decision.of(lower.equals("timestamptz") || lower.contains("with time zone")
            ? SqlType.of(Codec.OFFSET_TIMESTAMP, FieldType.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, name)
            : SqlType.of(Codec.LOCAL_TIMESTAMP, FieldType.TIMESTAMP, t, name));
      case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB:
        return Decision.of(SqlType.of(Codec.BYTES, FieldType.STRING, t, name).withFormat("byte")
            .notComparable().withNote("base64"));
      default:
        return Decision.excluded("type " + name + " (JDBC " + jdbcName(t) + ") has no field type in this adapter");
    }
  }

  /**
   * The decision for a PostgreSQL column of type {@code typeOid}, read from the catalog.
   *
   * @param castName {@code format_type} of the column's own type: the name a cast to it uses
   */
  static Decision postgres(Connection c, long typeOid, String castName) throws SQLException {
    PgType t = pgType(c, typeOid);
    String shown = castName;
    for (int depth = 0; t.typtype().equals("d"); depth++) {
      if (depth > 16) {
        return Decision.excluded("domain " + shown + " nests more than 16 domains");
      }
      t = pgType(c, t.baseOid());
    }
    if (t.category().equals("A")) {
      PgType element = pgType(c, t.elementOid());
      while (element.typtype().equals("d")) {
        element = pgType(c, element.baseOid());
      }
      Decision e = scalar(c, element, element.name());
      if (e.type().isEmpty()) {
        return Decision.excluded("array of " + element.name() + ", whose elements are not exposed: " + e.reason());
      }
      if (e.type().get().codec() == Codec.BYTES) {
        return Decision.excluded("array of bytea: binary arrays have no text form in this adapter");
      }
      return Decision.of(new SqlType(Codec.ARRAY, FieldType.STRING, Types.ARRAY, castName, Optional.empty(),
          List.of(), true, "a JSON array as text, for example [\"a\",\"b\"] or [1,2]"));
    }
    Decision d = scalar(c, t, castName);
    return d;
  }

  private static Decision scalar(Connection c, PgType t, String castName) throws SQLException {
    if (t.typtype().equals("e")) {
      return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.VARCHAR, castName)
          .withAllowedValues(enumLabels(c, t.oid())));
    }
    switch (t.name()) {
      case "text": case "varchar": case "bpchar": case "name": case "citext": case "char":
        return Decision.of(SqlType.of(Codec.TEXT, FieldType.STRING, Types.VARCHAR, castName));
      case "int2":
        return Decision.of(SqlType.of(Codec.INTEGER, FieldType.INTEGER, Types.SMALLINT, castName));
      case "int4":
        return Decision.of(SqlType.of(Codec.INTEGER, FieldType.INTEGER, Types.INTEGER, castName));
      case "int8":
        return Decision.of(SqlType.of(Codec.INTEGER, FieldType.INTEGER, Types.BIGINT, castName));
      case "numeric":
        return Decision.of(SqlType.of(Codec.DECIMAL, FieldType.DECIMAL, Types.NUMERIC, castName));
      case "float4":
        return Decision.of(SqlType.of(Codec.REAL, FieldType.DECIMAL, Types.REAL, castName));
      case "float8":
        return Decision.of(SqlType.of(Codec.DOUBLE, FieldType.DECIMAL, Types.DOUBLE, castName));
      case "money":
        return Decision.of(SqlType.of(Codec.MONEY, FieldType.DECIMAL, Types.NUMERIC, castName)
            .withNote("an amount in the database's currency"));
      case "bool":
        return Decision.of(SqlType.of(Codec.BOOLEAN, FieldType.BOOLEAN, Types.BOOLEAN, castName));
      case "date":
        return Decision.of(SqlType.of(Codec.DATE, FieldType.DATE, Types.DATE, castName));
      case "timestamp":
        return Decision.of(SqlType.of(Codec.LOCAL_TIMESTAMP, FieldType.TIMESTAMP, Types.TIMESTAMP, castName));
      case "timestamptz":
        return Decision.of(SqlType.of(Codec.OFFSET_TIMESTAMP, FieldType.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE,
            castName));
      case "time": case "timetz":
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.TIME, castName)
            .withNote("a time of day as HH:MM:SS"));
      case "uuid":
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.OTHER, castName).withFormat("uuid"));
      case "jsonb":
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.OTHER, castName)
            .withNote("a JSON value as text"));
      case "json":
        // json has no equality operator: no filter, no ordering, never a key
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.OTHER, castName)
            .notComparable().withNote("a JSON value as text"));
      case "xml":
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.SQLXML, castName)
            .notComparable().withNote("an XML document as text"));
      case "bytea":
        return Decision.of(SqlType.of(Codec.BYTES, FieldType.STRING, Types.BINARY, castName).withFormat("byte")
            .withNote("binary data as base64"));
      case "inet": case "cidr": case "macaddr": case "macaddr8":
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.OTHER, castName)
            .withNote("a network address in PostgreSQL's text form"));
      case "interval":
        return Decision.of(SqlType.of(Codec.TEXT_CAST, FieldType.STRING, Types.OTHER, castName)
            .withNote("a duration in PostgreSQL's interval text, for example '1 day 02:00:00' or 'P1DT2H'"));
      case "tsvector": case "tsquery":
        return Decision.excluded(t.name() + " is " + FULL_TEXT);
      default:
        return Decision.excluded("PostgreSQL type " + castName + " has no field type in this adapter");
    }
  }

  /**
   * The decision for a MariaDB or MySQL column whose {@code information_schema} type says more than JDBC
   * metadata does; empty to decide by JDBC metadata.
   *
   * @param dataType {@code DATA_TYPE}, for example {@code enum}
   * @param columnType {@code COLUMN_TYPE}, for example {@code enum('G','PG')}
   */
  static Optional<Decision> mysql(String dataType, String columnType) {
    String t = dataType.toLowerCase(Locale.ROOT);
    switch (t) {
      case "enum":
        return Optional.of(Decision.of(SqlType.of(Codec.TEXT, FieldType.STRING, Types.VARCHAR, columnType)
            .withAllowedValues(labels(columnType))));
      case "set":
        return Optional.of(Decision.of(SqlType.of(Codec.TEXT, FieldType.STRING, Types.VARCHAR, columnType)
            .withNote("comma-separated members of " + labels(columnType))));
      case "uuid":
        return Optional.of(Decision.of(SqlType.of(Codec.TEXT, FieldType.STRING, Types.OTHER, columnType)
            .withFormat("uuid")));
      case "inet4": case "inet6":
        return Optional.of(Decision.of(SqlType.of(Codec.TEXT, FieldType.STRING, Types.OTHER, columnType)
            .withNote("a network address as text")));
      default:
        return Optional.empty();
    }
  }

  /** The quoted labels of {@code enum('a','b''c')} or {@code set(...)}, unquoted, in order. */
  static List<String> labels(String columnType) {
    List<String> out = new ArrayList<>();
    int i = columnType.indexOf('(') + 1;
    while (i > 0 && i < columnType.length()) {
      if (columnType.charAt(i) != '\'') {
        i++;
        continue;
      }
      StringBuilder label = new StringBuilder();
      i++;
      while (i < columnType.length()) {
        char c = columnType.charAt(i);
        if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
          label.append('\'');
          i += 2;
        } else if (c == '\'') {
          i++;
          break;
        } else {
          label.append(c);
          i++;
        }
      }
      out.add(label.toString());
    }
    return out;
  }

  private record PgType(long oid, String name, String typtype, long baseOid, String category, long elementOid) {}

  private static PgType pgType(Connection c, long oid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT typname, typtype, typbasetype, typcategory, typelem FROM pg_catalog.pg_type WHERE oid = ?")) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("pg_type has no type of oid " + oid);
        }
        return new PgType(oid, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5));
      }
    }
  }

  private static List<String> enumLabels(Connection c, long oid) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT enumlabel FROM pg_catalog.pg_enum WHERE enumtypid = ? ORDER BY enumsortorder")) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String jdbcName(int type) {
    try {
      return JDBCType.valueOf(type).getName();
    } catch (IllegalArgumentException e) {
      return String.valueOf(type);
    }
  }
}
