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
  private static final String ENTITY_NAME = "(?=.{1,48}$)[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?";

  private final JdbcSettings settings;
  private final Connection connection;
  private final DatabaseMetaData md;
  private final String quote;
  private final Set<String> personalUsed = new HashSet<>();
  private final boolean postgres;
  private final boolean mysql;
  /** Tables left out, each with the reason, for the log and the descriptor. */
  private final List<String> skipped = new ArrayList<>();

  private Catalog(JdbcSettings settings, Connection connection) throws SQLException {
    this.settings = settings;
    this.connection = connection;
    this.md = connection.getMetaData();
    String q = md.getIdentifierQuoteString();
    this.quote = q == null || q.isBlank() ? "\"" : q.strip();
    this.postgres = md.getDatabaseProductName().equals("PostgreSQL");
    this.mysql = md.getDatabaseProductName().equals("MariaDB") || md.getDatabaseProductName().equals("MySQL");
  }

  static List<Entity> read(JdbcSettings settings, Connection connection) throws SQLException {
    return new Catalog(settings, connection).entities();
  }

  String quote(String identifier) {
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  /** A table or view found in the metadata: where it lives, what it is, and its entity name. */
  private record Relation(String schema, String name, String type, String entity) {

    boolean view() {
      return type.contains("VIEW");
    }
  }

  private List<Entity> entities() throws SQLException {
    String catalog = connection.getCatalog();
    List<String> schemas = schemas();
    boolean qualify = schemas.size() > 1;
    List<Relation> found = new ArrayList<>();
    for (String schema : schemas) {
      Set<String> partitions = postgres ? partitions(schema) : Set.of();
      try (ResultSet rs = md.getTables(catalog, escape(schema), "%",
          new String[] {"TABLE", "PARTITIONED TABLE", "VIEW", "MATERIALIZED VIEW"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (partitions.contains(name)) {
            continue; // a partition is part of its partitioned table's entity
          }
          found.add(new Relation(schema, name, rs.getString("TABLE_TYPE"), null));
        }
      }
    }
    found = named(found, qualify);
    List<Relation> chosen = new ArrayList<>();
    if (settings.tables().isEmpty()) {
      for (Relation r : found) {
        if (!r.view() || viewKey(r).isPresent()) {
          chosen.add(r);
        } else {
          LOG.log(System.Logger.Level.INFO, "view {0} not exposed: no key configured in viewKeys", r.entity());
        }
      }
    } else {
      for (String t : settings.tables()) {
        chosen.add(lookup(found, t, "tables"));
      }
    }
    for (String v : settings.viewKeys().keySet()) {
      Relation r = lookup(found, v, "viewKeys");
      if (!r.view()) {
        throw new InvalidAdapterConfigException(settings.systemId(), "viewKeys", "names '" + v
            + "', which is a table (its primary key is used); give keys only for views");
      }
      if (!chosen.contains(r)) {
        throw new InvalidAdapterConfigException(settings.systemId(), "viewKeys", "names view '" + v
            + "', which is not among the exposed tables; add it to tables");
      }
    }
    checkTablesExist("versionColumns", settings.versionColumns().keySet(), chosen);
    checkTablesExist("changeColumns", settings.changeColumns().keySet(), chosen);
    List<Entity> out = new ArrayList<>();
    for (Relation r : chosen) {
      if (!r.entity().matches(ENTITY_NAME)) {
        String why = r.entity() + " (its name is not usable as an entity name: use 1 to 48 letters, digits, '_' "
            + "or '-')";
        if (!settings.tables().isEmpty()) {
          throw new InvalidAdapterConfigException(settings.systemId(), "tables", "names " + why);
        }
        skipped.add(why);
        LOG.log(System.Logger.Level.WARNING, "table {0} skipped", why);
        continue;
      }
      Optional<Entity> e = table(catalog, r);
      if (e.isEmpty() && !settings.tables().isEmpty()) {
        throw new InvalidAdapterConfigException(settings.systemId(), "tables", "names table '" + r.entity()
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
    if (out.isEmpty()) {
      throw new InvalidAdapterConfigException(settings.systemId(), settings.schemas().isEmpty() ? "tables" : "schema",
          "exposes no entity: schemas " + schemas + " hold " + (found.isEmpty() ? "no tables or views"
              : "nothing exposable (" + String.join("; ", skipped) + ")") + "; schemas of the database: "
              + allSchemas());
    }
    for (String p : settings.personalColumns()) {
      if (!personalUsed.contains(p)) {
        throw new InvalidAdapterConfigException(settings.systemId(), "personalColumns",
            "names '" + p + "', which matches no exposed column; use table.column or column");
      }
    }
    return out;
  }

  /** The configured schemas, each checked to exist (in the database's spelling), or the current schema. */
  private List<String> schemas() throws SQLException {
    if (settings.schemas().isEmpty()) {
      return java.util.Collections.singletonList(connection.getSchema());
    }
    List<String> all = allSchemas();
    List<String> out = new ArrayList<>();
    for (String s : settings.schemas()) {
      String actual = all.stream().filter(x -> x.equals(s)).findFirst()
          .or(() -> all.stream().filter(x -> x.equalsIgnoreCase(s)).findFirst())
          .orElseThrow(() -> new InvalidAdapterConfigException(settings.systemId(), "schema", "names schema '" + s
              + "', which the database does not have; schemas: " + all));
      out.add(actual);
    }
    return out;
  }

  private List<String> allSchemas() throws SQLException {
    List<String> all = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        all.add(rs.getString("TABLE_SCHEM"));
      }
    }
    return all;
  }

  /** PostgreSQL partitions of {@code schema}: hidden, since their partitioned table is the entity. */
  private Set<String> partitions(String schema) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c "
        + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition "
        + "AND n.nspname = COALESCE(?, current_schema())")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Gives each relation its entity name: the table name in lower case ({@code schema.table} with several
   * schemas), or its own spelling where lower case would make two names equal.
   */
  private static List<Relation> named(List<Relation> found, boolean qualify) {
    Map<String, Long> lower = new java.util.HashMap<>();
    for (Relation r : found) {
      lower.merge(bare(r, qualify).toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
    List<Relation> out = new ArrayList<>();
    for (Relation r : found) {
      String b = bare(r, qualify);
      String name = lower.get(b.toLowerCase(Locale.ROOT)) == 1 ? b.toLowerCase(Locale.ROOT) : b;
      out.add(new Relation(r.schema(), r.name(), r.type(), name));
    }
    return out;
  }

  private static String bare(Relation r, boolean qualify) {
    return qualify && r.schema() != null ? r.schema() + "." + r.name() : r.name();
  }

  /** The relation a configuration entry names: by entity name, {@code schema.table}, or unique table name. */
  private Relation lookup(List<Relation> found, String entry, String key) {
    List<Relation> hits = found.stream().filter(r -> r.entity().equals(entry)).toList();
    if (hits.isEmpty()) {
      hits = found.stream().filter(r -> r.entity().equalsIgnoreCase(entry)
          || (r.schema() + "." + r.name()).equalsIgnoreCase(entry) || r.name().equalsIgnoreCase(entry)).toList();
    }
    if (hits.size() == 1) {
      return hits.get(0);
    }
    if (hits.isEmpty()) {
      throw new InvalidAdapterConfigException(settings.systemId(), key, "names table '" + entry + "', which "
          + "the schemas do not have; tables and views: " + found.stream().map(Relation::entity).toList());
    }
    throw new InvalidAdapterConfigException(settings.systemId(), key, "names table '" + entry + "', which is "
        + "ambiguous: " + hits.stream().map(r -> r.schema() + "." + r.name()).toList() + "; qualify it as schema.table");
  }

  private Optional<List<String>> viewKey(Relation r) {
    for (Map.Entry<String, List<String>> e : settings.viewKeys().entrySet()) {
      if (matches(r, e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Whether a configuration entry names this relation. */
  private static boolean matches(Relation r, String entry) {
    return r.entity().equalsIgnoreCase(entry) || (r.schema() + "." + r.name()).equalsIgnoreCase(entry)
        || r.name().equalsIgnoreCase(entry);
  }

  private void checkTablesExist(String key, Set<String> named, List<Relation> chosen) {
    for (String t : named) {
      if (chosen.stream().noneMatch(c -> matches(c, t))) {
        throw new InvalidAdapterConfigException(settings.systemId(), key,
            "names table '" + t + "', which is not exposed; exposed tables: "
                + chosen.stream().map(Relation::entity).toList());
      }
    }
  }

  private Optional<Entity> table(String catalog, Relation r) throws SQLException {
    String schema = r.schema();
    String table = r.name();
    String entity = r.entity();
    Map<String, ColumnTypes.Decision> pgTypes = postgres ? postgresTypes(schema, table)
        : mysql ? mysqlTypes(catalog, table) : Map.of();
    List<Column> columns = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    Map<String, String> excludedByName = new LinkedHashMap<>();
    List<String[]> raw = new ArrayList<>();
    try (ResultSet rs = md.getColumns(catalog, escape(schema), escape(table), "%")) {
      while (rs.next()) {
        raw.add(new String[] {rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
            String.valueOf(rs.getInt("DATA_TYPE")), String.valueOf(rs.getInt("SOURCE_DATA_TYPE")),
            String.valueOf(rs.getInt("NULLABLE")), rs.getString("COLUMN_DEF"), rs.getString("IS_AUTOINCREMENT"),
            safeString(rs, "IS_GENERATEDCOLUMN")});
      }
    }
    Map<String, Long> lower = new java.util.HashMap<>();
    raw.forEach(c -> lower.merge(c[0].toLowerCase(Locale.ROOT), 1L, Long::sum));
    for (String[] c : raw) {
      String dbName = c[0];
      // one documented case: lower case, unless that would make two columns of the table one
      String name = lower.get(dbName.toLowerCase(Locale.ROOT)) == 1 ? dbName.toLowerCase(Locale.ROOT) : dbName;
      ColumnTypes.Decision decision = pgTypes.containsKey(dbName) ? pgTypes.get(dbName)
          : ColumnTypes.generic(Integer.parseInt(c[2]), c[1], Integer.parseInt(c[3]));
      if (decision.type().isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "column {0}.{1} ({2}) not exposed: {3}", entity, dbName, c[1],
            decision.reason());
        excluded.add(name + " (" + decision.reason() + ")");
        excludedByName.put(dbName.toLowerCase(Locale.ROOT), decision.reason());
        continue;
      }
      boolean nullable = Integer.parseInt(c[4]) != DatabaseMetaData.columnNoNulls;
      boolean generated = "YES".equalsIgnoreCase(c[6]) || "YES".equalsIgnoreCase(c[7]);
      columns.add(new Column(name, quote(dbName), decision.type().get(), nullable, c[5] != null || generated,
          personal(r, name)));
    }
    List<String> keyNames = new ArrayList<>();
    String keySource;
    if (r.view()) {
      keyNames.addAll(viewKey(r).orElseThrow(() -> new InvalidAdapterConfigException(settings.systemId(),
          "viewKeys", "has no key for view '" + entity + "'; name its key columns as " + entity + ".column")));
      keySource = "viewKeys";
    } else {
      Map<Integer, String> pk = new TreeMap<>();
      try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
        while (rs.next()) {
          pk.put((int) rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        }
      }
      keyNames.addAll(pk.values());
      keySource = "primary key";
    }
    List<Column> keys = new ArrayList<>();
    for (String k : keyNames) {
      Optional<Column> c = columns.stream().filter(x -> x.quoted().equals(quote(k))).findFirst()
          .or(() -> columns.stream().filter(x -> x.name().equalsIgnoreCase(k)).findFirst());
      if (c.isEmpty() || !c.get().sql().comparable()) {
        String why = excludedByName.getOrDefault(k.toLowerCase(Locale.ROOT),
            c.isEmpty() ? "no such column" : "its values cannot be compared");
        if (r.view()) {
          throw new InvalidAdapterConfigException(settings.systemId(), "viewKeys", "names " + entity + "." + k
              + ", which cannot be a key (" + why + "); columns: " + columns.stream().map(Column::name).toList());
        }
        skipped.add(entity + " (key column " + k + " is not exposed: " + why + ")");
        LOG.log(System.Logger.Level.WARNING, "table {0} skipped: key column {1} is not exposed ({2})", entity, k,
            why);
        return Optional.empty();
      }
      keys.add(c.get());
    }
    if (keys.isEmpty()) {
      skipped.add(entity + " (no primary key)");
      LOG.log(System.Logger.Level.WARNING, "table {0} skipped: it has no primary key", entity);
      return Optional.empty();
    }
    Optional<Column> version = configuredColumn("versionColumns", settings.versionColumns(), r, columns);
    version.ifPresent(v -> {
      if (!v.sql().versionable() || keys.contains(v)) {
        throw new InvalidAdapterConfigException(settings.systemId(), "versionColumns",
            "names " + entity + "." + v.name() + " (" + v.sql().typeName() + "), which cannot hold a row version: "
                + "use an integer counter or a timestamp column outside the primary key, or leave the table out to "
                + "version its rows by a hash of their values");
      }
    });
    Optional<Column> cursor = configuredColumn("changeColumns", settings.changeColumns(), r, columns);
    cursor.ifPresent(c -> {
      if (!c.sql().ranged()) {
        throw new InvalidAdapterConfigException(settings.systemId(), "changeColumns",
            "names " + entity + "." + c.name() + ", which must be a number, date or timestamp column");
      }
    });
    String from = (schema == null || settings.schemas().isEmpty() ? "" : quote(schema) + ".") + quote(table);
    StringBuilder description = new StringBuilder(r.type().toLowerCase(Locale.ROOT) + " "
        + (schema == null ? "" : schema + ".") + table);
    description.append(r.view() ? "; read only; key (" + keySource + "): " : "; key: ")
        .append(keys.stream().map(Column::name).collect(java.util.stream.Collectors.joining(", ")));
    if (version.isEmpty()) {
      description.append("; version: a hash of the columns ")
          .append(columns.stream().map(Column::name).collect(java.util.stream.Collectors.joining(", ")));
    } else {
      description.append("; version: column ").append(version.get().name());
    }
    if (!excluded.isEmpty()) {
      description.append("; not exposed: ").append(String.join("; ", excluded));
    }
    return Optional.of(new Entity(entity, from, true, r.view(), List.copyOf(columns), List.copyOf(keys), version,
        cursor, List.of(), schema(entity, columns, keys, version, description.toString())));
  }

  private Optional<Column> configuredColumn(String key, Map<String, String> config, Relation r,
      List<Column> columns) {
    for (Map.Entry<String, String> e : config.entrySet()) {
      if (matches(r, e.getKey())) {
        return Optional.of(columns.stream().filter(c -> c.name().equalsIgnoreCase(e.getValue())).findFirst()
            .orElseThrow(() -> new InvalidAdapterConfigException(settings.systemId(), key,
                "names column " + r.entity() + "." + e.getValue() + ", which does not exist or is not exposed; "
                    + "columns: " + columns.stream().map(Column::name).toList())));
      }
    }
    return Optional.empty();
  }

  /**
   * The decisions MariaDB's and MySQL's JDBC metadata cannot make: enum labels, uuid, inet, set (from
   * {@code information_schema.COLUMNS}); other columns are left to the JDBC metadata.
   */
  private Map<String, ColumnTypes.Decision> mysqlTypes(String catalog, String table) throws SQLException {
    Map<String, ColumnTypes.Decision> out = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM "
        + "information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?")) {
      ps.setString(1, catalog);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ColumnTypes.mysql(rs.getString(2), rs.getString(3)).ifPresent(d -> {
            try {
              out.put(rs.getString(1), d);
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
        }
      }
    }
    return out;
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
      Map<String, Long> lower = new java.util.HashMap<>();
      for (int i = 1; i <= rsmd.getColumnCount(); i++) {
        lower.merge(rsmd.getColumnLabel(i).toLowerCase(Locale.ROOT), 1L, Long::sum);
      }
      for (int i = 1; i <= rsmd.getColumnCount(); i++) {
        String label = rsmd.getColumnLabel(i);
        String col = lower.get(label.toLowerCase(Locale.ROOT)) == 1 ? label.toLowerCase(Locale.ROOT) : label;
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
    return new Entity(name, sql, false, true, List.copyOf(columns), keys, Optional.empty(), Optional.empty(),
        List.copyOf(parameters.values()), schema(name, columns, keys, Optional.empty(), "configured query " + name
            + (excluded.isEmpty() ? "" : "; not exposed: " + String.join("; ", excluded))));
  }

  private boolean personal(Relation r, String column) {
    for (String p : settings.personalColumns()) {
      if (p.equalsIgnoreCase(column) || p.equalsIgnoreCase(r.entity() + "." + column)
          || p.equalsIgnoreCase(r.name() + "." + column) || p.equalsIgnoreCase(r.schema() + "." + r.name() + "." + column)) {
        personalUsed.add(p);
        return true;
      }
    }
    return false;
  }

  private boolean personal(String query, String column) {
    for (String p : settings.personalColumns()) {
      if (p.equalsIgnoreCase(query + "." + column) || p.equalsIgnoreCase(column)) {
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
