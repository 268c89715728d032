package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.jdbc.internal.ConnectionSource;
import io.modelbridge.adapters.jdbc.internal.JdbcAdapter;
import io.modelbridge.adapters.jdbc.internal.JdbcSettings;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.spi.SystemKind;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC reference adapter (type {@code jdbc}) for relational ERP and CRM databases: exposes tables (or
 * configured queries) as entities with query, get, create, update, delete and, optionally, a change feed.
 * See {@code docs/adapters-jdbc.md} for the configuration keys, concurrency and failure modes.
 *
 * <p>Discovered with {@link java.util.ServiceLoader}; a host rarely uses this class directly.
 */
public final class JdbcAdapterProvider implements SystemAdapterProvider {

  /** The embedder's {@link DataSource} (preferred: pooled, managed by the embedder). */
  public static final ConfigKey DATA_SOURCE = ConfigKey.optional("dataSource", ConfigKey.Type.OBJECT,
      "the javax.sql.DataSource to use; give this or url");
  /** A JDBC URL, used with the driver manager when no DataSource is given. */
  public static final ConfigKey URL = ConfigKey.optional("url", ConfigKey.Type.STRING,
      "JDBC URL (for example jdbc:postgresql://db:5432/erp); give this or dataSource");
  /** The database user for {@link #URL}. */
  public static final ConfigKey USER = ConfigKey.optional("user", ConfigKey.Type.STRING, "database user for url");
  /** The password for {@link #URL}; secret. */
  public static final ConfigKey PASSWORD = ConfigKey.optional("password", ConfigKey.Type.STRING,
      "database password for url").asSecret();
  /** What kind of system the database belongs to. */
  public static final ConfigKey KIND = ConfigKey.optional("kind", ConfigKey.Type.STRING, "ERP",
      "the system kind: ERP, CRM, FINANCE, ORDER, FILE or OTHER");
  /** The schema to expose. */
  public static final ConfigKey SCHEMA = ConfigKey.optional("schema", ConfigKey.Type.STRING,
      "comma-separated schemas whose tables are exposed (with more than one, entities are named schema.table); "
          + "default the connection's current schema; an unknown schema fails at start");
  /** The tables to expose. */
  public static final ConfigKey TABLES = ConfigKey.optional("tables", ConfigKey.Type.STRING,
      "comma-separated tables and views to expose (table or schema.table); default every table of the schemas "
          + "that has a primary key, and every view given a key in viewKeys");
  /** Key columns of views, which have no primary key. */
  public static final ConfigKey VIEW_KEYS = ConfigKey.optional("viewKeys", ConfigKey.Type.STRING,
      "comma-separated view.column entries naming the key of each exposed view or materialized view (repeat "
          + "the view for a composite key, in key order); views are read-only entities");
  /** Version columns per table. */
  public static final ConfigKey VERSION_COLUMNS = ConfigKey.optional("versionColumns", ConfigKey.Type.STRING,
      "comma-separated table.column entries: the integer counter or timestamp column holding each table's row "
          + "version (a last_update column bumped on every change); tables without one use a hash of the row");
  /** Change-feed columns per table. */
  public static final ConfigKey CHANGE_COLUMNS = ConfigKey.optional("changeColumns", ConfigKey.Type.STRING,
      "comma-separated table.column entries: a monotonically increasing column (id, timestamp) that gives "
          + "the table a <table>.changes operation");
  /** Columns holding personal data. */
  public static final ConfigKey PERSONAL_COLUMNS = ConfigKey.optional("personalColumns", ConfigKey.Type.STRING,
      "comma-separated table.column or column entries holding personal data (pseudonymized before prompts)");
  /** Configured queries: a {@code Map<String, String>} of entity name to SQL with named parameters. */
  public static final ConfigKey QUERIES = ConfigKey.optional("queries", ConfigKey.Type.OBJECT,
      "a java.util.Map<String, String> of entity name to a SELECT with :named parameters; each becomes a "
          + "read-only entity keyed by its first column");
  /** Whether write operations are offered. */
  public static final ConfigKey WRITABLE = ConfigKey.optional("writable", ConfigKey.Type.BOOLEAN, "true",
      "whether create, update and delete operations are offered");
  /** Rows per round trip while streaming. */
  public static final ConfigKey FETCH_SIZE = ConfigKey.optional("fetchSize", ConfigKey.Type.INTEGER, "1000",
      "rows fetched per round trip while streaming (1 to 100000)");
  /** Statement timeout. */
  public static final ConfigKey QUERY_TIMEOUT = ConfigKey.optional("queryTimeout", ConfigKey.Type.DURATION,
      "PT30S", "statement timeout (ISO-8601 or milliseconds; 0 for none)");

  private static final List<ConfigKey> KEYS = List.of(DATA_SOURCE, URL, USER, PASSWORD, KIND, SCHEMA, TABLES,
      VIEW_KEYS, VERSION_COLUMNS, CHANGE_COLUMNS, PERSONAL_COLUMNS, QUERIES, WRITABLE, FETCH_SIZE, QUERY_TIMEOUT);

  /** Creates the provider; does no work (the host instantiates every provider to list them). */
  public JdbcAdapterProvider() {}

  @Override
  public String type() {
    return "jdbc";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  /** Built against this SPI: the compile-time constant is written into this class. */
  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String description() {
    return "relational databases over JDBC: tables or configured queries as entities";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return KEYS;
  }

  /**
   * Connects, introspects the tables and returns the adapter.
   *
   * @throws InvalidAdapterConfigException if a key is missing, malformed or names a table or column that
   *     does not exist
   * @throws io.modelbridge.adapters.spi.SystemUnavailableException if the database cannot be reached
   */
  @Override
  public SystemAdapter create(AdapterConfig config) {
    String id = config.systemId();
    Optional<DataSource> ds = config.object(DATA_SOURCE, DataSource.class);
    Optional<String> url = config.string(URL);
    if (ds.isPresent() == url.isPresent()) {
      throw new InvalidAdapterConfigException(id, ds.isPresent() ? "url" : "dataSource",
          ds.isPresent() ? "must not be given together with dataSource; give one of the two"
              : "is required unless url is given");
    }
    ConnectionSource connections;
    if (ds.isPresent()) {
      DataSource d = ds.get();
      connections = d::getConnection;
    } else {
      String u = url.get();
      if (!u.startsWith("jdbc:")) {
        throw new InvalidAdapterConfigException(id, "url", "must start with 'jdbc:'");
      }
      Optional<String> user = config.string(USER);
      Optional<String> password = config.string(PASSWORD);
      connections = () -> DriverManager.getConnection(u, user.orElse(null), password.orElse(null));
    }
    SystemKind kind;
    try {
      kind = SystemKind.valueOf(config.string(KIND).orElse("ERP").trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(id, "kind", "has value '" + config.string(KIND).orElse("")
          + "'; use one of " + List.of(SystemKind.values()));
    }
    long fetchSize = config.integer(FETCH_SIZE).orElse(1000L);
    if (fetchSize < 1 || fetchSize > 100_000) {
      throw new InvalidAdapterConfigException(id, "fetchSize", "has value " + fetchSize + "; use 1 to 100000");
    }
    Duration timeout = config.duration(QUERY_TIMEOUT).orElse(Duration.ofSeconds(30));
    if (timeout.isNegative()) {
      throw new InvalidAdapterConfigException(id, "queryTimeout", "must not be negative");
    }
    JdbcSettings settings = new JdbcSettings(id, kind, connections, list(config, SCHEMA), list(config, TABLES), viewKeys(id, config),
        pairs(id, config, VERSION_COLUMNS), pairs(id, config, CHANGE_COLUMNS), list(config, PERSONAL_COLUMNS),
        queries(id, config), config.bool(WRITABLE).orElse(true), (int) fetchSize, timeout);
    return JdbcAdapter.open(settings);
  }

  private static List<String> list(AdapterConfig config, ConfigKey key) {
    List<String> out = new ArrayList<>();
    for (String s : config.string(key).orElse("").split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, String> pairs(String id, AdapterConfig config, ConfigKey key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : list(config, key)) {
      int dot = entry.lastIndexOf('.');
      if (dot <= 0 || dot == entry.length() - 1) {
        throw new InvalidAdapterConfigException(id, key.name(), "has entry '" + entry + "'; use table.column");
      }
      if (out.put(entry.substring(0, dot), entry.substring(dot + 1)) != null) {
        throw new InvalidAdapterConfigException(id, key.name(), "names table '" + entry.substring(0, dot)
            + "' twice");
      }
    }
    return Map.copyOf(out);
  }

  private static Map<String, List<String>> viewKeys(String id, AdapterConfig config) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String entry : list(config, VIEW_KEYS)) {
      int dot = entry.lastIndexOf('.');
      if (dot <= 0 || dot == entry.length() - 1) {
        throw new InvalidAdapterConfigException(id, VIEW_KEYS.name(), "has entry '" + entry + "'; use view.column");
      }
      List<String> key = out.computeIfAbsent(entry.substring(0, dot), v -> new ArrayList<>());
      if (key.contains(entry.substring(dot + 1))) {
        throw new InvalidAdapterConfigException(id, VIEW_KEYS.name(), "names column '" + entry + "' twice");
      }
      key.add(entry.substring(dot + 1));
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    out.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Map.copyOf(copy);
  }

  private static Map<String, String> queries(String id, AdapterConfig config) {
    Optional<Map> raw = config.object(QUERIES, Map.class);
    Map<String, String> out = new LinkedHashMap<>();
    if (raw.isPresent()) {
      for (Object e : raw.get().entrySet()) {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
        if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof String sql)) {
          throw new InvalidAdapterConfigException(id, "queries", "must map entity names to SQL text");
        }
        out.put(name, sql);
      }
    }
    return out;
  }
}
