package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.tck.TestSystem;
import io.modelbridge.samples.SampleDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Northwind (loaded with the sample-data loader) plus a {@code crm_notes} table with a version column, on
 * H2 or PostgreSQL: the JDBC adapter's test system for the conformance kit.
 */
final class NorthwindTestSystem implements TestSystem {

  /** Exposed tables and the ORDER BY that makes their digest deterministic. */
  static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("shippers", "shipper_id");
    TABLES.put("customers", "customer_id");
    TABLES.put("order_details", "order_id, product_id");
    TABLES.put("crm_notes", "note_id");
  }

  private final DataSource dataSource;
  private final boolean postgres;
  private final String baseline;

  NorthwindTestSystem(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
      SampleDatabases.loadNorthwind(c);
      st.execute("DROP TABLE IF EXISTS crm_notes");
      st.execute("CREATE TABLE crm_notes (note_id INTEGER PRIMARY KEY, customer_id VARCHAR(5) NOT NULL "
          + "REFERENCES customers (customer_id), body VARCHAR(200) NOT NULL, row_version INTEGER NOT NULL DEFAULT 1)");
      for (int i = 1; i <= 5; i++) {
        st.execute("INSERT INTO crm_notes VALUES (" + i + ", 'ALFKI', 'note " + i + "', 1)");
      }
      for (String t : TABLES.keySet()) {
        st.execute("DROP TABLE IF EXISTS bak_" + t);
        st.execute("CREATE TABLE bak_" + t + " AS SELECT * FROM " + t);
      }
    }
    baseline = snapshot();
  }

  /** The adapter configuration for this system. */
  AdapterConfig config(String systemId) {
    return AdapterConfig.builder(systemId)
        .object("dataSource", dataSource)
        .set("tables", String.join(",", TABLES.keySet()))
        .set("versionColumns", "crm_notes.row_version")
        .set("changeColumns", "crm_notes.note_id")
        .set("personalColumns", "customers.contact_name,phone,fax,customers.address")
        .object("queries", Map.of("customer_orders",
            "SELECT o.order_id, o.order_date, o.freight FROM orders o WHERE o.customer_id = :customer"))
        .set("fetchSize", "50")
        .build();
  }

  @Override
  public OperationRequest sampleRequest(OperationDescriptor op, SystemAdapter adapter) {
    String entity = op.entity();
    Map<String, Object> key = existingKey(entity);
    switch (op.kind()) {
      case QUERY:
        return switch (entity) {
          case "customer_orders" -> OperationRequest.of(op.name(), Map.of("customer", "ALFKI"));
          case "customers" -> OperationRequest.of(op.name(), Map.of("country", "Germany", "limit", 5L));
          case "order_details" -> OperationRequest.of(op.name(),
              Map.of("order_id.from", 10248L, "order_id.to", 10250L, "orderBy", "-quantity"));
          default -> OperationRequest.of(op.name(), Map.of());
        };
      case SUBSCRIBE: {
        // continue after the second change, by the position token the feed itself returned
        String after = adapter.execute(OperationRequest.of(op.name(), Map.of("limit", 2L))).toList().get(1)
            .source().version().orElseThrow();
        return OperationRequest.of(op.name(), Map.of("after", after));
      }
      case GET:
        return OperationRequest.of(op.name(), key);
      case DELETE:
        return OperationRequest.of(op.name(), deletableKey(entity));
      case CREATE:
        return OperationRequest.of(op.name(), switch (entity) {
          case "shippers" -> Map.of("shipper_id", 100L, "company_name", "TCK Freight", "phone", "555-0100");
          case "customers" -> Map.of("customer_id", "TCKCO", "company_name", "TCK Company", "country", "Nowhere");
          case "order_details" -> Map.of("order_id", 10248L, "product_id", 1L, "unit_price", new BigDecimal("18"),
              "quantity", 2L, "discount", BigDecimal.ZERO);
          default -> Map.of("note_id", 100L, "customer_id", "ANATR", "body", "created by the TCK");
        });
      case UPDATE: {
        String version = adapter.execute(OperationRequest.of(entity + ".get", key)).toList().get(0).source()
            .version().orElseThrow();
        Map<String, Object> args = new LinkedHashMap<>(key);
        switch (entity) {
          case "shippers" -> args.put("phone", "555-0199");
          case "customers" -> args.put("contact_title", "Owner and CEO");
          case "order_details" -> args.put("quantity", 13L);
          default -> args.put("body", "updated by the TCK");
        }
        return OperationRequest.of(op.name(), args).expecting(version);
      }
      default:
        throw new IllegalArgumentException("no sample for " + op.name());
    }
  }

  static Map<String, Object> existingKey(String entity) {
    return switch (entity) {
      case "shippers" -> Map.of("shipper_id", 1L);
      case "customers" -> Map.of("customer_id", "ALFKI");
      case "order_details" -> orderLine(10248L, 11L);
      default -> Map.of("note_id", 1L);
    };
  }

  private static Map<String, Object> deletableKey(String entity) {
    return switch (entity) {
      case "shippers" -> Map.of("shipper_id", 6L);
      case "customers" -> Map.of("customer_id", "FISSA");
      case "order_details" -> orderLine(10248L, 11L);
      default -> Map.of("note_id", 2L);
    };
  }

  private static Map<String, Object> orderLine(long order, long product) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("order_id", order);
    m.put("product_id", product);
    return m;
  }

  @Override
  public Map<String, Object> absentKey(EntitySchema entity) {
    return switch (entity.name()) {
      case "shippers" -> Map.of("shipper_id", 999L);
      case "customers" -> Map.of("customer_id", "ZZZZZ");
      case "order_details" -> orderLine(1L, 1L);
      default -> Map.of("note_id", 999_999L);
    };
  }

  @Override
  public List<OperationRequest> invalidRequests(OperationDescriptor op) {
    return switch (op.name()) {
      case "shippers.create" -> List.of(OperationRequest.of(op.name(),
          Map.of("shipper_id", 1L, "company_name", "Duplicate key")));
      case "customers.create" -> List.of(OperationRequest.of(op.name(),
          Map.of("customer_id", "TOOLONG", "company_name", "Key longer than its column")));
      case "crm_notes.create" -> List.of(OperationRequest.of(op.name(),
          Map.of("note_id", 200L, "customer_id", "NOONE", "body", "Foreign key to no customer")));
      case "shippers.query" -> List.of(OperationRequest.of(op.name(), Map.of("shipper_id", 70_000L)));
      default -> List.of();
    };
  }

  @Override
  public Optional<Long> count(String entity) {
    if (!TABLES.containsKey(entity)) {
      return Optional.empty();
    }
    return Optional.of(JdbcTables.count(dataSource, entity));
  }

  @Override
  public String snapshot() {
    return JdbcTables.snapshot(dataSource, TABLES);
  }

  @Override
  public void reset() {
    if (snapshot().equals(baseline)) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(postgres ? "SET session_replication_role = replica" : "SET REFERENTIAL_INTEGRITY FALSE");
      for (String t : TABLES.keySet()) {
        st.execute("DELETE FROM " + t);
        st.execute("INSERT INTO " + t + " SELECT * FROM bak_" + t);
      }
      st.execute(postgres ? "SET session_replication_role = DEFAULT" : "SET REFERENTIAL_INTEGRITY TRUE");
    } catch (SQLException e) {
      throw new IllegalStateException("reset failed", e);
    }
  }

  @Override
  public Optional<Long> openResources() {
    String sql = postgres
        ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"
        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS";
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return Optional.of(rs.getLong(1));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count sessions", e);
    }
  }
}
