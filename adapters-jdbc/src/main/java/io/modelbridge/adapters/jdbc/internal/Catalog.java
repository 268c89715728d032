package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the entities from the database's metadata (tables) and from configured queries. Identifiers come
 * only from the metadata and are always quoted; configuration naming a table or column that does not
 * exist fails with the key named.
 */
final class Catalog {

  private static final System.Logger LOG = System.getLogger(Catalog.class.getName());
  private static final String ENTITY_NAME = "[A-Za-z0-9_-]{1,48}";

  private final JdbcSettings settings;
  private final Connection connection;
  private final DatabaseMetaData md;
  private final String quote;
  private final Set<String> personalUsed = new HashSet<>();
  private final boolean postgres;
  /** Tables left out, each with the reason, for the log and the descriptor. */
  private final List<String> skipped = new ArrayList<>();

  private Catalog(JdbcSettings settings, Connection connection) throws SQLException {
    this.settings = settings;
    this.connection = connection;
    this.md = connection.getMetaData();
    String q = md.getIdentifierQuoteString();
    this.quote = q == null || q.isBlank() ? "\"" : q.strip();
    this.postgres = md.getDatabaseProductName().equals("PostgreSQL");
  }

  static List<Entity> read(JdbcSettings settings, Connection connection) throws SQLException {
    return new Catalog(settings, connection).entities();
  }

  String quote(String identifier) {
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  private List<Entity> entities() throws SQLException {
    String catalog = connection.getCatalog();
    String schema = settings.schema().orElse(connection.getSchema());
    Map<String, String> tablesByLowerName = new TreeMap<>();
    try (ResultSet rs = md.getTables(catalog, escape(schema), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tablesByLowerName.put(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT), rs.getString("TABLE_NAME"));
      }
    }
    List<String> chosen = new ArrayList<>();
    if (settings.tables().isEmpty()) {
      chosen.addAll(tablesByLowerName.values());
    } else {
      for (String t : settings.tables()) {
        String actual = tablesByLowerName.get(t.toLowerCase(Locale.ROOT));
        if (actual == null) {
          throw new InvalidAdapterConfigException(settings.systemId(), "tables", "names table '" + t
              + "', which schema '" + schema + "' does not have; tables: " + tablesByLowerName.values());
        }
        chosen.add(actual);
      }
    }
    checkTablesExist("versionColumns", settings.versionColumns().keySet(), chosen);
    checkTablesExist("changeColumns", settings.changeColumns().keySet(), chosen);
    List<Entity> out = new ArrayList<>();
    for (String table : chosen) {
      if (!table.matches(ENTITY_NAME)) {
        LOG.log(System.Logger.Level.WARNING, "table {0} skipped: its name is not usable as an entity name", table);
        continue;
      }
      Optional<Entity> e = table(catalog, schema, table);
      if (e.isEmpty() && !settings.tables().isEmpty()) {
        throw new InvalidAdapterConfigException(settings.systemId(), "tables", "names table '" + table
            + "', which cannot be exposed: " + skipped.get(skipped.size() - 1)
            + "; leave it out or configure it as a query");
      }
      e.ifPresent(out::add);
    }
    for (Map.Entry<String, String> q : settings.queries().entrySet()) {
      if (!q.getKey().matches(ENTITY_NAME)) {
        throw new InvalidAdapterConfigException(settings.systemId(), "queries",
            "has entity name '" + q.getKey() + "'; use 1 to 48 letters, digits, '_' or '-'");
      }
      if (out.stream().anyMatch(e -> e.name().equalsIgnoreCase(q.getKey()))) {
        throw new InvalidAdapterConfigException(settings.systemId(), "queries",
            "has entity name '" + q.getKey() + "', which is already a table's entity; choose another name");
      }
      out.add(query(q.getKey(), q.getValue()));
    }
    for (String p : settings.personalColumns()) {
      if (!personalUsed.contains(p)) {
        throw new InvalidAdapterConfigException(settings.systemId(), "personalColumns",
            "names '" + p + "', which matches no exposed column; use table.column or column");
      }
    }
    return out;
  }

  private void checkTablesExist(String key, Set<String> named, List<String> chosen) {
    for (String t : named) {
      if (chosen.stream().noneMatch(c -> c.equalsIgnoreCase(t))) {
        throw new InvalidAdapterConfigException(settings.systemId(), key,
            "names table '" + t + "', which is not exposed; exposed tables: " + chosen);
      }
    }
  }

  private Optional<Entity> table(String catalog, String schema, String table) throws SQLException {
    Map<String, ColumnTypes.Decision> pgTypes = postgres ? postgresTypes(schema, table) : Map.of();
    List<Column> columns = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    Map<String, String> excludedByName = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(catalog, escape(schema), escape(table), "%")) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        String typeName = rs.getString("TYPE_NAME");
        ColumnTypes.Decision decision = pgTypes.containsKey(name) ? pgTypes.get(name)
            : ColumnTypes.generic(rs.getInt("DATA_TYPE"), typeName, rs.getInt("SOURCE_DATA_TYPE"));
        if (decision.type().isEmpty()) {
          LOG.log(System.Logger.Level.WARNING, "column {0}.{1} ({2}) not exposed: {3}", table, name, typeName,
              decision.reason());
          excluded.add(name + " (" + decision.reason() + ")");
          excludedByName.put(name, decision.reason());
          continue;
        }
        boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
        String def = rs.getString("COLUMN_DEF");
        boolean generated = "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))
            || "YES".equalsIgnoreCase(safeString(rs, "IS_GENERATEDCOLUMN"));
        columns.add(new Column(name, quote(name), decision.type().get(), nullable, def != null || generated,
            personal(table, name)));
      }
    }
    Map<Integer, String> pk = new TreeMap<>();
    try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        pk.put((int) rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    List<Column> keys = new ArrayList<>();
    for (String k : pk.values()) {
      Optional<Column> c = columns.stream().filter(x -> x.name().equals(k)).findFirst();
      if (c.isEmpty() || !c.get().sql().comparable()) {
        skipped.add(table + " (key column " + k + " is not exposed: "
            + excludedByName.getOrDefault(k, "its values cannot be compared") + ")");
        LOG.log(System.Logger.Level.WARNING, "table {0} skipped: key column {1} is not exposed", table, k);
        return Optional.empty();
      }
      keys.add(c.get());
    }
    if (keys.isEmpty()) {
      skipped.add(table + " (no primary key)");
      LOG.log(System.Logger.Level.WARNING, "table {0} skipped: it has no primary key", table);
      return Optional.empty();
    }
    Optional<Column> version = configuredColumn("versionColumns", settings.versionColumns(), table, columns);
    version.ifPresent(v -> {
      if (!v.sql().versionable() || keys.contains(v)) {
        throw new InvalidAdapterConfigException(settings.systemId(), "versionColumns",
            "names " + table + "." + v.name() + " (" + v.sql().typeName() + "), which cannot hold a row version: use "
                + "an integer counter or a timestamp column outside the primary key, or leave the table out to "
                + "version its rows by a hash of their values");
      }
    });
    Optional<Column> cursor = configuredColumn("changeColumns", settings.changeColumns(), table, columns);
    cursor.ifPresent(c -> {
      if (!c.sql().ranged()) {
        throw new InvalidAdapterConfigException(settings.systemId(), "changeColumns",
            "names " + table + "." + c.name() + ", which must be a number, date or timestamp column");
      }
    });
    String from = (schema == null || settings.schema().isEmpty() ? "" : quote(schema) + ".") + quote(table);
    StringBuilder description = new StringBuilder("table " + table);
    if (version.isEmpty()) {
      description.append("; version: a hash of the columns ")
          .append(columns.stream().map(Column::name).collect(java.util.stream.Collectors.joining(", ")));
    } else {
      description.append("; version: column ").append(version.get().name());
    }
    if (!excluded.isEmpty()) {
      description.append("; not exposed: ").append(String.join("; ", excluded));
    }
    return Optional.of(new Entity(table, from, true, List.copyOf(columns), List.copyOf(keys), version, cursor,
        List.of(), schema(table, columns, keys, version, description.toString())));
  }

  /** Each column's type decision, from PostgreSQL's catalog (domains, enums and arrays resolved). */
  private Map<String, ColumnTypes.Decision> postgresTypes(String schema, String table) throws SQLException {
    Map<String, Long> oids = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, a.atttypid, "
        + "format_type(a.atttypid, NULL) FROM pg_catalog.pg_attribute a "
        + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = COALESCE(?, current_schema()) AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          oids.put(rs.getString(1), rs.getLong(2));
          names.put(rs.getString(1), rs.getString(3));
        }
      }
    }
    Map<String, ColumnTypes.Decision> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : oids.entrySet()) {
      out.put(e.getKey(), ColumnTypes.postgres(connection, e.getValue(), names.get(e.getKey())));
    }
    return out;
  }

  private Optional<Column> configuredColumn(String key, Map<String, String> config, String table,
      List<Column> columns) {
    for (Map.Entry<String, String> e : config.entrySet()) {
      if (e.getKey().equalsIgnoreCase(table)) {
        return Optional.of(columns.stream().filter(c -> c.name().equalsIgnoreCase(e.getValue())).findFirst()
            .orElseThrow(() -> new InvalidAdapterConfigException(settings.systemId(), key,
                "names column " + table + "." + e.getValue() + ", which does not exist or has no field type")));
      }
    }
    return Optional.empty();
  }

  private Entity query(String name, String sql) throws SQLException {
    NamedSql named = NamedSql.parse(sql);
    List<Column> columns = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    Map<String, NamedSql.Parameter> parameters = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(named.sql())) {
      ResultSetMetaData rsmd = ps.getMetaData();
      if (rsmd == null) {
        throw new InvalidAdapterConfigException(settings.systemId(), "queries",
            "entry '" + name + "' is not a query returning rows");
      }
      for (int i = 1; i <= rsmd.getColumnCount(); i++) {
        String col = rsmd.getColumnLabel(i);
        ColumnTypes.Decision decision = ColumnTypes.generic(rsmd.getColumnType(i), rsmd.getColumnTypeName(i), 0);
        if (decision.type().isEmpty() || i == 1 && !decision.type().get().comparable()) {
          if (i == 1) {
            throw new InvalidAdapterConfigException(settings.systemId(), "queries", "entry '" + name
                + "': its first column is the key and must be a text, number, date or timestamp column");
          }
          LOG.log(System.Logger.Level.WARNING, "column {0} of query {1} not exposed: {2}", col, name,
              decision.reason());
          excluded.add(col + " (" + decision.reason() + ")");
          continue;
        }
        columns.add(new Column(col, quote(col), decision.type().get(), i != 1, false, personal(name, col)));
      }
      ParameterMetaData pmd = null;
      try {
        pmd = ps.getParameterMetaData();
      } catch (SQLException e) {
        LOG.log(System.Logger.Level.DEBUG, "no parameter metadata for query {0}; parameters are text", name);
      }
      for (int i = 0; i < named.names().size(); i++) {
        String p = named.names().get(i);
        int sqlType = Types.VARCHAR;
        if (pmd != null) {
          try {
            sqlType = pmd.getParameterType(i + 1);
          } catch (SQLException e) {
            sqlType = Types.VARCHAR;
          }
        }
        int t = sqlType;
        SqlType type = ColumnTypes.generic(t, "", 0).type()
            .orElse(SqlType.of(SqlType.Codec.TEXT, FieldType.STRING, Types.VARCHAR, ""));
        parameters.putIfAbsent(p, new NamedSql.Parameter(p, type.jdbcType(), type.fieldType()));
      }
    } catch (SQLException e) {
      throw new InvalidAdapterConfigException(settings.systemId(), "queries", "entry '" + name
          + "' does not prepare (SQLState " + e.getSQLState() + "): " + e.getMessage());
    }
    List<Column> keys = List.of(columns.get(0));
    return new Entity(name, sql, false, List.copyOf(columns), keys, Optional.empty(), Optional.empty(),
        List.copyOf(parameters.values()), schema(name, columns, keys, Optional.empty(), "configured query " + name
            + (excluded.isEmpty() ? "" : "; not exposed: " + String.join("; ", excluded))));
  }

  private boolean personal(String table, String column) {
    for (String p : settings.personalColumns()) {
      if (p.equalsIgnoreCase(table + "." + column) || p.equalsIgnoreCase(column)) {
        personalUsed.add(p);
        return true;
      }
    }
    return false;
  }

  private static EntitySchema schema(String name, List<Column> columns, List<Column> keys, Optional<Column> version,
      String description) {
    List<FieldSchema> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(c.field(c.name(), !c.nullable(), ""));
    }
    return new EntitySchema(name, fields, keys.stream().map(Column::name).toList(), version.map(Column::name),
        description);
  }

  private String escape(String pattern) throws SQLException {
    if (pattern == null) {
      return null;
    }
    String esc = md.getSearchStringEscape();
    if (esc == null || esc.isEmpty()) {
      return pattern;
    }
    return pattern.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }

  private static String safeString(ResultSet rs, String column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      return null;
    }
  }
}
