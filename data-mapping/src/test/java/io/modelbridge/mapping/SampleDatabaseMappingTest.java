package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.mapping.freshness.WriteBackGuard;
import io.modelbridge.mapping.freshness.WriteConflictException;
import io.modelbridge.mapping.reconcile.Difference;
import io.modelbridge.mapping.reconcile.ReconciliationReport;
import io.modelbridge.mapping.reconcile.Reconciler;
import io.modelbridge.samples.SampleDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped mappings on the real sample databases, read through the real JDBC adapter on H2. */
class SampleDatabaseMappingTest {

  static final String NW = SampleDatabases.h2MemoryUrl("mapping_northwind");
  static final String NW_COPY = SampleDatabases.h2MemoryUrl("mapping_northwind_copy");
  static final String CHINOOK = SampleDatabases.h2MemoryUrl("mapping_chinook");
  static SystemAdapter northwind;
  static SystemAdapter northwindCopy;
  static SystemAdapter chinook;
  static Connection keepAlive;

  @BeforeAll
  static void load() throws SQLException {
    keepAlive = DriverManager.getConnection(NW);
    SampleDatabases.loadNorthwind(keepAlive);
    try (Connection c = DriverManager.getConnection(NW_COPY)) {
      SampleDatabases.loadNorthwind(c);
    }
    try (Connection c = DriverManager.getConnection(CHINOOK)) {
      SampleDatabases.loadChinook(c);
    }
    northwind = adapter("erp", NW, "customers,products,orders,order_details");
    northwindCopy = adapter("crm", NW_COPY, "customers");
    chinook = adapter("store", CHINOOK, "customer,invoice,invoice_line");
  }

  static SystemAdapter adapter(String id, String url, String tables) {
    return AdapterRegistry.discover().create("jdbc", AdapterConfig.builder(id).set("url", url)
        .set("tables", tables).build());
  }

  @AfterAll
  static void close() throws SQLException {
    northwind.close();
    northwindCopy.close();
    chinook.close();
    keepAlive.close();
  }

  static Counts mapAll(SystemAdapter adapter, String operation, String mapping, List<CanonicalEntity> out,
      List<Rejection> rejected) {
    Mapping m = Mapping.loadResource("io/modelbridge/mapping/samples/" + mapping);
    return m.mapStream(adapter.execute(OperationRequest.of(operation, Map.of())), out::add, rejected::add);
  }

  @Test
  void northwindMappings_deliverEveryRowWithProvenance() {
    Map<String, Long> expected = Map.of("customers", 91L, "products", 77L, "orders", 830L, "order_details", 2155L);
    Map<String, String> files = Map.of("customers", "northwind-customers.yaml", "products", "northwind-products.yaml",
        "orders", "northwind-orders.yaml", "order_details", "northwind-order-details.yaml");
    for (Map.Entry<String, String> e : files.entrySet()) {
      List<CanonicalEntity> out = new ArrayList<>();
      List<Rejection> rejected = new ArrayList<>();
      Counts c = mapAll(northwind, e.getKey() + ".query", e.getValue(), out, rejected);
      assertThat(rejected).as(e.getKey()).isEmpty();
      assertThat(c.in()).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
      assertThat(out).allSatisfy(entity -> {
        assertThat(entity.source()).isPresent();
        assertThat(entity.source().get().systemId()).isEqualTo("erp");
        assertThat(entity.version()).isPresent();
        assertThat(entity.fetchedAt()).isPresent();
      });
    }
  }

  @Test
  void northwindOrderLine_hasComputedTotalAndOrderStatus() {
    List<CanonicalEntity> lines = new ArrayList<>();
    mapAll(northwind, "order_details.query", "northwind-order-details.yaml", lines, new ArrayList<>());
    CanonicalEntity first = lines.get(0);
    assertThat(first.key()).isEqualTo("10248|11");
    assertThat(first.fields()).containsEntry("quantity", 12L)
        .containsEntry("unitPrice", new java.math.BigDecimal("14.00"))
        .containsEntry("lineTotal", new java.math.BigDecimal("168.00"));
    List<CanonicalEntity> orders = new ArrayList<>();
    mapAll(northwind, "orders.query", "northwind-orders.yaml", orders, new ArrayList<>());
    assertThat(orders.get(0).fields()).containsEntry("orderDate", "1996-07-04").containsEntry("status", "SHIPPED");
    assertThat(orders.stream().filter(o -> "OPEN".equals(o.fields().get("status"))).count()).isEqualTo(21);
  }

  @Test
  void chinookMappings_deliverEveryRow() {
    Map<String, Long> expected = Map.of("customer", 59L, "invoice", 412L, "invoice_line", 2240L);
    Map<String, String> files = Map.of("customer", "chinook-customers.yaml", "invoice", "chinook-invoices.yaml",
        "invoice_line", "chinook-invoice-lines.yaml");
    for (Map.Entry<String, String> e : files.entrySet()) {
      List<CanonicalEntity> out = new ArrayList<>();
      List<Rejection> rejected = new ArrayList<>();
      Counts c = mapAll(chinook, e.getKey() + ".query", e.getValue(), out, rejected);
      assertThat(rejected).as(e.getKey()).isEmpty();
      assertThat(c).isEqualTo(new Counts(expected.get(e.getKey()), expected.get(e.getKey()), 0));
    }
    List<CanonicalEntity> invoices = new ArrayList<>();
    mapAll(chinook, "invoice.query", "chinook-invoices.yaml", invoices, new ArrayList<>());
    assertThat(invoices.get(0).fields()).containsEntry("invoiceDate", "2021-01-01T00:00:00Z")
        .containsEntry("total", new java.math.BigDecimal("1.98"));
  }

  @Test
  void reconcilingTwoNorthwindCopies_findsExactlyTheChanges() throws SQLException {
    try (Connection c = DriverManager.getConnection(NW_COPY); Statement st = c.createStatement()) {
      st.execute("UPDATE customers SET city = 'Hamburg' WHERE customer_id = 'ALFKI'");
      st.execute("UPDATE customers SET company_name = '  around the HORN ' WHERE customer_id = 'AROUT'");
      st.execute("INSERT INTO customers (customer_id, company_name) VALUES ('ZZZZZ', 'New Co')");
    }
    try (Statement st = keepAlive.createStatement()) {
      st.execute("INSERT INTO customers (customer_id, company_name) VALUES ('AAAAA', 'Old Co')");
    }
    try {
      Mapping m = Mapping.loadResource("io/modelbridge/mapping/samples/northwind-customers.yaml");
      List<Difference> diffs = new ArrayList<>();
      List<Rejection> rejected = new ArrayList<>();
      ReconciliationReport report;
      try (var left = northwind.execute(OperationRequest.of("customers.query", Map.of()));
          var right = northwindCopy.execute(OperationRequest.of("customers.query", Map.of()))) {
        report = Reconciler.builder().personal(m.personalFields())
            .tolerance("name", io.modelbridge.mapping.reconcile.Tolerance.lenientText()).build()
            .reconcileSorted(m.deliveredFrom(left, rejected::add), m.deliveredFrom(right, rejected::add), diffs::add);
      }
      assertThat(diffs).containsExactly(
          new Difference.MissingRight("AAAAA"),
          new Difference.FieldMismatch("ALFKI", "address.city", "Berlin", "Hamburg"),
          new Difference.MissingLeft("ZZZZZ"));
      assertThat(report.matched()).isEqualTo(90);
      assertThat(rejected).isEmpty();
    } finally {
      try (Statement st = keepAlive.createStatement()) {
        st.execute("DELETE FROM customers WHERE customer_id = 'AAAAA'");
      }
    }
  }

  @Test
  void personalFlagsOfTheAdaptersSchema_areAppliedToTheMapping() {
    String url = SampleDatabases.h2MemoryUrl("mapping_northwind");
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("erp").set("url", url)
        .set("tables", "customers").set("personalColumns", "customers.city").build())) {
      Mapping m = Mapping.loadResource("io/modelbridge/mapping/samples/northwind-customers.yaml");
      assertThat(m.personalFields()).doesNotContain("address.city");
      Mapping strict = m.withSourcePersonalFields(a.descriptor().entity("customers").orElseThrow());
      assertThat(strict.personalFields()).contains("address.city", "contactName");
    }
  }

  @Test
  void writeBack_isRefusedWhenTheRecordChangedAndAcceptedWhenFresh() throws SQLException {
    String url = SampleDatabases.h2MemoryUrl("mapping_northwind_writes");
    try (Connection db = DriverManager.getConnection(url)) {
      SampleDatabases.loadNorthwind(db);
      try (SystemAdapter northwind = adapter("erp", url, "customers")) {
        writeBack(northwind, db);
      }
    }
  }

  @Test
  void writeBackOfAnOrder_sendsDatesAndDecimalsAsTheAdapterTypesThem() throws SQLException {
    String url = SampleDatabases.h2MemoryUrl("mapping_northwind_orders");
    try (Connection db = DriverManager.getConnection(url)) {
      SampleDatabases.loadNorthwind(db);
      try (SystemAdapter erp = adapter("erp", url, "orders")) {
        Mapping m = Mapping.loadResource("io/modelbridge/mapping/samples/northwind-orders.yaml");
        CanonicalEntity order = ((MappingOutcome.Delivered) m.map(erp.execute(
            OperationRequest.of("orders.get", Map.of("order_id", 10248L))).toList().get(0))).entity();
        Map<String, Object> changed = new HashMap<>(order.fields());
        changed.put("requiredDate", "1996-08-15");
        changed.put("freight", new java.math.BigDecimal("40.00"));
        AdapterRecord written = new WriteBackGuard(erp, "orders.get").write(
            new CanonicalEntity(order.entity(), order.key(), changed, order.source()), m, "orders.update");
        CanonicalEntity after = ((MappingOutcome.Delivered) m.map(written)).entity();
        assertThat(after.fields()).containsEntry("requiredDate", "1996-08-15")
            .containsEntry("freight", new java.math.BigDecimal("40.00"))
            .containsEntry("orderDate", "1996-07-04");
      }
    }
  }

  private static void writeBack(SystemAdapter northwind, Connection db) throws SQLException {
    Mapping m = Mapping.loadResource("io/modelbridge/mapping/samples/northwind-customers.yaml");
    WriteBackGuard guard = new WriteBackGuard(northwind, "customers.get");
    AdapterRecord read = northwind.execute(OperationRequest.of("customers.get", Map.of("customer_id", "BERGS")))
        .toList().get(0);
    CanonicalEntity entity = ((MappingOutcome.Delivered) m.map(read)).entity();
    Map<String, Object> changed = new HashMap<>(entity.fields());
    changed.put("contactTitle", "Owner");
    CanonicalEntity decision = new CanonicalEntity(entity.entity(), entity.key(), changed, entity.source());

    AdapterRecord written = guard.write(decision, m, "customers.update");
    assertThat(written.get("contact_title")).contains("Owner");
    assertThat(written.source().version()).isPresent().isNotEqualTo(entity.version());

    // the same decision again is now stale: the record changed since it was read
    assertThatThrownBy(() -> guard.write(decision, m, "customers.update"))
        .isInstanceOfSatisfying(WriteConflictException.class, e -> {
          assertThat(e.basedOnVersion()).isEqualTo(entity.version().orElseThrow());
          assertThat(e.currentVersion()).isEqualTo(written.source().version());
          assertThat(e.getMessage()).contains(e.basedOnVersion()).contains(e.currentVersion().orElseThrow())
              .contains("erp/customers/BERGS");
        });

    // a change by someone else between read and write is refused too
    CanonicalEntity fresh = ((MappingOutcome.Delivered) m.map(northwind.execute(
        OperationRequest.of("customers.get", Map.of("customer_id", "BERGS"))).toList().get(0))).entity();
    try (Statement st = db.createStatement()) {
      st.execute("UPDATE customers SET phone = '0921-12 34 99' WHERE customer_id = 'BERGS'");
    }
    assertThatThrownBy(() -> guard.check(fresh)).isInstanceOf(WriteConflictException.class)
        .hasMessageNotContaining("0921");
  }
}
