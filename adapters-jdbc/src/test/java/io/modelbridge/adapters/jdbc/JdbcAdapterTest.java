package io.modelbridge.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import io.modelbridge.samples.SampleDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcAdapterTest {

  private static DataSource dataSource;
  private static NorthwindTestSystem northwind;
  private SystemAdapter adapter;

  @BeforeAll
  static void loadNorthwind() throws SQLException {
    dataSource = new UrlDataSource(SampleDatabases.h2MemoryUrl("jdbc_adapter"));
    northwind = new NorthwindTestSystem(dataSource);
    sql("CREATE TABLE typed (id BIGINT PRIMARY KEY, active BOOLEAN NOT NULL, due DATE, at TIMESTAMP, "
        + "amount DECIMAL(12,2), \"odd\"\"name\" VARCHAR(10))");
  }

  @BeforeEach
  void openAdapter() {
    northwind.reset();
    adapter = AdapterRegistry.discover().create("jdbc", northwind.config("erp"));
  }

  @AfterEach
  void closeAdapter() {
    adapter.close();
  }

  private static List<AdapterRecord> run(SystemAdapter a, String op, Map<String, Object> args) {
    return a.execute(OperationRequest.of(op, args)).toList();
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static long count(String table) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- injection

  @Test
  void filterValue_isBoundNeverSpliced() throws SQLException {
    assertThat(run(adapter, "customers.query", Map.of("customer_id", "' OR '1'='1"))).isEmpty();
    assertThat(run(adapter, "customers.query", Map.of("company_name", "x' OR 1=1 --"))).isEmpty();
    assertThatThrownBy(() -> run(adapter, "customers.get", Map.of("customer_id", "ALFKI' OR '1'='1")))
        .isInstanceOf(RecordNotFoundException.class);
    assertThat(run(adapter, "customer_orders.query", Map.of("customer", "' OR '1'='1"))).isEmpty();
    assertThat(count("customers")).isEqualTo(91);
  }

  @Test
  void columnNameArgument_withSql_isRejectedNamingIt() throws SQLException {
    assertThatThrownBy(() -> run(adapter, "customers.query", Map.of("x; DROP TABLE orders", "1")))
        .isInstanceOfSatisfying(InputRejectedException.class,
            e -> assertThat(e.field()).isEqualTo("x; DROP TABLE orders"));
    assertThatThrownBy(() -> run(adapter, "customers.query", Map.of("orderBy", "company_name; DROP TABLE orders")))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("orderBy"));
    assertThatThrownBy(() -> run(adapter, "customers.update",
        Map.of("customer_id", "ALFKI", "city = 'x', company_name", "y")))
        .isInstanceOf(InputRejectedException.class);
    assertThat(count("orders")).isEqualTo(830);
  }

  @Test
  void tableNameInConfiguration_withSql_isRejectedNamingTheKey() throws SQLException {
    AdapterConfig config = AdapterConfig.builder("erp").object("dataSource", dataSource)
        .set("tables", "customers; DROP TABLE orders").build();
    assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", config))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.key()).isEqualTo("tables"));
    assertThat(count("orders")).isEqualTo(830);
  }

  @Test
  void identifiers_areQuoted_soOddColumnNamesWork() {
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("t")
        .object("dataSource", dataSource).set("tables", "typed").build())) {
      run(a, "typed.create", Map.of("id", 1L, "active", true, "odd\"name", "q'uote"));
      assertThat(run(a, "typed.query", Map.of("odd\"name", "q'uote"))).singleElement()
          .satisfies(r -> assertThat(r.fields()).containsEntry("odd\"name", "q'uote"));
    } finally {
      northwind.reset();
    }
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void secondWriter_withTheSameVersion_getsConflictNamingBothVersions_versionColumn() {
    String read = version("crm_notes.get", Map.of("note_id", 1L));
    adapter.execute(OperationRequest.of("crm_notes.update", Map.of("note_id", 1L, "body", "writer A")).expecting(read))
        .toList();
    assertThatThrownBy(() -> adapter.execute(
        OperationRequest.of("crm_notes.update", Map.of("note_id", 1L, "body", "writer B")).expecting(read)).toList())
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo("1");
          assertThat(e.currentVersion()).contains("2");
          assertThat(e.getMessage()).contains("'1'").contains("'2'");
        });
    assertThat(run(adapter, "crm_notes.get", Map.of("note_id", 1L)).get(0).fields()).containsEntry("body", "writer A");
  }

  @Test
  void secondWriter_withTheSameVersion_getsConflictNamingBothVersions_rowHash() {
    String read = version("shippers.get", Map.of("shipper_id", 1L));
    var a = adapter.execute(OperationRequest.of("shippers.update", Map.of("shipper_id", 1L, "phone", "A"))
        .expecting(read)).toList();
    String afterA = a.get(0).source().version().orElseThrow();
    assertThat(afterA).isNotEqualTo(read);
    assertThatThrownBy(() -> adapter.execute(OperationRequest.of("shippers.update",
        Map.of("shipper_id", 1L, "phone", "B")).expecting(read)).toList())
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(read);
          assertThat(e.currentVersion()).contains(afterA);
        });
  }

  @Test
  void concurrentWriters_withTheSameVersion_exactlyOneWins() throws Exception {
    String read = version("shippers.get", Map.of("shipper_id", 2L));
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String phone = "writer " + i;
      outcomes.add(pool.submit(() -> {
        start.await();
        try {
          adapter.execute(OperationRequest.of("shippers.update", Map.of("shipper_id", 2L, "phone", phone))
              .expecting(read)).toList();
          return "won";
        } catch (VersionConflictException e) {
          return "conflict";
        }
      }));
    }
    start.countDown();
    List<String> results = new ArrayList<>();
    for (Future<String> f : outcomes) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(results).containsOnlyOnce("won").filteredOn("conflict"::equals).hasSize(writers - 1);
  }

  @Test
  void update_withoutExpectedVersion_isRejected() {
    assertThatThrownBy(() -> run(adapter, "shippers.update", Map.of("shipper_id", 1L, "phone", "x")))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("expectedVersion"));
  }

  private String version(String op, Map<String, Object> key) {
    return run(adapter, op, key).get(0).source().version().orElseThrow();
  }

  // ---------------------------------------------------------------- streaming

  @Test
  void largeTable_isStreamed_andTheConnectionHeldUntilClosed() throws SQLException {
    sql("DROP TABLE IF EXISTS big");
    sql("CREATE TABLE big (id BIGINT PRIMARY KEY, label VARCHAR(20) NOT NULL, amount DECIMAL(12,2))");
    sql("INSERT INTO big SELECT \"X\", 'row ' || \"X\", \"X\" * 0.01 FROM SYSTEM_RANGE(1, 1000000)");
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("big")
        .object("dataSource", dataSource).set("tables", "big").set("fetchSize", "5000").build())) {
      long sessionsBefore = northwind.openResources().orElseThrow();
      long rows = 0;
      long idSum = 0;
      try (RecordStream s = a.execute(OperationRequest.of("big.query", Map.of()))) {
        assertThat(northwind.openResources().orElseThrow()).isEqualTo(sessionsBefore + 1);
        while (s.hasNext()) {
          AdapterRecord r = s.next();
          rows++;
          idSum += (Long) r.fields().get("id");
        }
      }
      assertThat(rows).isEqualTo(1_000_000);
      assertThat(idSum).isEqualTo(1_000_000L * 1_000_001L / 2);
      assertThat(northwind.openResources().orElseThrow()).isEqualTo(sessionsBefore);

      RecordStream partial = a.execute(OperationRequest.of("big.query", Map.of("id.from", 10L, "limit", 100L)));
      assertThat(partial.next().fields()).containsEntry("id", 10L).containsEntry("amount", new BigDecimal("0.10"));
      a.close();
      assertThat(partial.hasNext()).as("closing the adapter closes its open streams").isFalse();
      assertThat(northwind.openResources().orElseThrow()).isEqualTo(sessionsBefore);
    } finally {
      sql("DROP TABLE big");
    }
  }

  // ---------------------------------------------------------------- behaviour

  @Test
  void types_roundTrip() {
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("t")
        .object("dataSource", dataSource).set("tables", "typed").build())) {
      Instant at = Instant.parse("2024-05-06T07:08:09Z");
      AdapterRecord created = run(a, "typed.create", Map.of("id", 7L, "active", false, "due", "2024-12-31",
          "at", at, "amount", new BigDecimal("12.50"))).get(0);
      assertThat(created.fields()).containsEntry("active", false).containsEntry("due", LocalDate.of(2024, 12, 31))
          .containsEntry("at", at).containsEntry("amount", new BigDecimal("12.50")).doesNotContainKey("odd\"name");
      assertThat(run(a, "typed.query", Map.of("due.from", LocalDate.of(2024, 1, 1), "active", false))).hasSize(1);
      assertThatThrownBy(() -> run(a, "typed.query", Map.of("due", "31.12.2024")))
          .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("due"));
    } finally {
      northwind.reset();
    }
  }

  /** Issue 11: JDBC refused "42" for an INTEGER while the file and HTTP adapters took it. */
  @Test
  void jdbcIntegerArgument_acceptsIntegerText() {
    assertThat(run(adapter, "shippers.get", Map.of("shipper_id", "1"))).singleElement()
        .satisfies(r -> assertThat(r.fields()).containsEntry("shipper_id", 1L));
    assertThat(run(adapter, "shippers.get", Map.of("shipper_id", 1.0))).hasSize(1);
    assertThatThrownBy(() -> run(adapter, "shippers.get", Map.of("shipper_id", "1.5")))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("shipper_id"));
  }

  /** Issue 11: JDBC read timestamps only with Instant.parse; an offset is the same instant everywhere. */
  @Test
  void timestampArgument_withOffset_isTheSameInstant() {
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("t")
        .object("dataSource", dataSource).set("tables", "typed").build())) {
      run(a, "typed.create", Map.of("id", 8L, "active", true, "at", "2024-05-06T07:08:09Z"));
      assertThat(run(a, "typed.query", Map.of("at", "2024-05-06T09:08:09+02:00"))).singleElement()
          .satisfies(r -> assertThat(r.fields()).containsEntry("id", 8L));
      assertThatThrownBy(() -> run(a, "typed.query", Map.of("at", "2024-05-06T07:08:09")))
          .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.getMessage()).contains("offset"));
    } finally {
      northwind.reset();
    }
  }

  @Test
  void descriptor_marksPersonalColumns_andKeysAndVersion() {
    var d = adapter.descriptor();
    assertThat(d.entity("customers").orElseThrow().personalFields())
        .containsExactlyInAnyOrder("contact_name", "address", "phone", "fax");
    assertThat(d.entity("order_details").orElseThrow().keyFields()).containsExactly("order_id", "product_id");
    assertThat(d.entity("crm_notes").orElseThrow().versionField()).contains("row_version");
    assertThat(d.entity("customers").orElseThrow().jsonSchema()).contains("\"phone\":{\"type\":\"string\",\"x-personal\":true}");
    assertThat(d.operation("customer_orders.query").orElseThrow().inputField("customer")).isPresent();
  }

  @Test
  void changeFeed_resumesFromThePositionInEachVersion() {
    List<AdapterRecord> first = run(adapter, "crm_notes.changes", Map.of("limit", 2L));
    assertThat(first).extracting(r -> r.fields().get("note_id")).containsExactly(1L, 2L);
    List<AdapterRecord> rest = run(adapter, "crm_notes.changes",
        Map.of("after", first.get(1).source().version().orElseThrow()));
    assertThat(rest).extracting(r -> r.fields().get("note_id")).containsExactly(3L, 4L, 5L);
  }

  @Test
  void dryRunCreate_returnsTheRecordAsStored_butStoresNothing() throws SQLException {
    AdapterRecord preview = adapter.execute(OperationRequest.of("crm_notes.create",
        Map.of("note_id", 50L, "customer_id", "ALFKI", "body", "preview")).asDryRun()).toList().get(0);
    assertThat(preview.fields()).containsEntry("row_version", 1L);
    assertThat(count("crm_notes")).isEqualTo(5);
  }

  @Test
  void closedAdapter_isUnavailable_andReportsDown() {
    adapter.close();
    assertThat(adapter.health().status()).isEqualTo(Health.Status.DOWN);
    assertThatThrownBy(() -> run(adapter, "shippers.get", Map.of("shipper_id", 1L)))
        .isInstanceOf(SystemUnavailableException.class);
  }

  @Test
  void unreachableDatabase_isUnavailable_andRetryable() {
    AdapterConfig config = AdapterConfig.builder("down").set("url", "jdbc:postgresql://127.0.0.1:1/erp")
        .set("user", "u").set("password", "s3cret").build();
    assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", config))
        .isInstanceOfSatisfying(SystemUnavailableException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("08").doesNotContain("s3cret");
        });
  }

  @Test
  void configuration_errorsNameTheKey() {
    assertConfigError(AdapterConfig.builder("x").object("dataSource", dataSource).set("url", "jdbc:h2:mem:x"), "url");
    assertConfigError(AdapterConfig.builder("x"), "dataSource");
    assertConfigError(AdapterConfig.builder("x").object("dataSource", dataSource).set("personalColumns", "nosuch"),
        "personalColumns");
    assertConfigError(AdapterConfig.builder("x").object("dataSource", dataSource).set("tables", "customers")
        .set("versionColumns", "customers.company_name"), "versionColumns");
    assertConfigError(AdapterConfig.builder("x").object("dataSource", dataSource).set("fetchSize", "lots"), "fetchSize");
    assertConfigError(AdapterConfig.builder("x").object("dataSource", dataSource).set("kind", "MAINFRAME"), "kind");
    assertConfigError(AdapterConfig.builder("x").object("dataSource", dataSource)
        .object("queries", Map.of("bad", "SELEC nothing")), "queries");
  }

  private static void assertConfigError(AdapterConfig.Builder config, String key) {
    assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", config.build()).close())
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
  }

  @Test
  void columnNamedLikeABuiltInInput_keepsItsName() throws SQLException {
    sql("CREATE TABLE quota (id INT PRIMARY KEY, \"limit\" INT NOT NULL)");
    sql("INSERT INTO quota VALUES (1, 5), (2, 7), (3, 1), (4, 1)");
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("q")
        .object("dataSource", dataSource).set("tables", "quota").build())) {
      assertThat(run(a, "quota.query", Map.of("limit", 7L))).extracting(r -> r.fields().get("id"))
          .containsExactly(2L);
      assertThat(run(a, "quota.query", Map.of("limit", 1L))).as("a filter on the column, not a row limit")
          .hasSize(2);
    } finally {
      sql("DROP TABLE quota");
    }
  }

  @Test
  void readOnlyConfiguration_offersNoWrites() {
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("ro")
        .object("dataSource", dataSource).set("tables", "shippers").set("writable", "false").build())) {
      assertThat(a.descriptor().operations()).extracting(o -> o.name())
          .containsExactly("shippers.query", "shippers.get");
    }
  }
}
