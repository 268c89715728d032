package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.mapping.reconcile.Difference;
import io.modelbridge.mapping.reconcile.ReconciliationReport;
import io.modelbridge.mapping.reconcile.Reconciler;
import io.modelbridge.mapping.reconcile.Tolerance;
import io.modelbridge.samples.SampleDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinook customers (through the JDBC adapter) against a CRM's CSV export of the same customers, written to
 * disk with other column names, shuffled rows, different case and a few real changes.
 */
class CsvExportReconciliationTest {

  static final String CRM_MAPPING = String.join("\n",
      "name: crm-export-customers",
      "entity: customer",
      "key: [customerId]",
      "fields:",
      "  - {target: customerId, from: CustNo, required: true}",
      "  - {target: email, from: EMail, personal: true}",
      "  - {target: address.city, from: Town}",
      "  - {target: address.country, from: Country}",
      "");

  @Test
  void chinookVersusCrmCsv_reportsExactlyTheChangedAndMissingCustomers(@TempDir Path dir) throws Exception {
    String url = SampleDatabases.h2MemoryUrl("mapping_chinook_csv");
    try (Connection db = DriverManager.getConnection(url)) {
      SampleDatabases.loadChinook(db);
      List<String> rows = new ArrayList<>();
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("SELECT customer_id, email, city, country FROM customer")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          if (id == 7) {
            continue; // not in the CRM
          }
          String city = id == 12 ? "Rio" : rs.getString(3);
          String email = id == 3 ? "changed@example.org" : rs.getString(2).toUpperCase();
          rows.add(id + "," + email + ",\"" + city + "\"," + rs.getString(4));
        }
      }
      rows.add("999,new@example.org,Nowhere,Atlantis");
      Collections.shuffle(rows, new java.util.Random(7));
      Path csv = dir.resolve("crm-export.csv");
      rows.add(0, "CustNo,EMail,Town,Country");
      Files.write(csv, rows, StandardCharsets.UTF_8);

      Mapping crm = Mapping.fromYaml(CRM_MAPPING);
      Mapping store = Mapping.loadResource("io/modelbridge/mapping/samples/chinook-customers.yaml");
      List<CanonicalEntity> crmEntities = new ArrayList<>();
      try (RecordFile file = RecordFile.open(csv)) {
        Counts counts = crm.mapStream(file, crmEntities::add, r -> { });
        assertThat(counts).isEqualTo(new Counts(59, 59, 0));
      }
      List<Difference> diffs = new ArrayList<>();
      ReconciliationReport report;
      try (SystemAdapter adapter = AdapterRegistry.discover().create("jdbc",
              AdapterConfig.builder("store").set("url", url).set("tables", "customer").build());
          RecordStream records = adapter.execute(OperationRequest.of("customer.query", Map.of()))) {
        List<Rejection> rejected = new ArrayList<>();
        Iterator<CanonicalEntity> left = store.deliveredFrom(records, rejected::add);
        report = Reconciler.builder()
            .compareOnly("email", "address.city", "address.country")
            .tolerance("email", Tolerance.lenientText())
            .personal(store.personalFields())
            .keyOrder(Comparator.comparingLong(Long::parseLong))
            .runSize(16).tempDir(dir)
            .build()
            .reconcile(left, crmEntities.iterator(), diffs::add);
      }
      assertThat(diffs).containsExactly(
          new Difference.FieldMismatch("3", "email", "***", "***"),
          new Difference.MissingRight("7"),
          new Difference.FieldMismatch("12", "address.city", "Rio de Janeiro", "Rio"),
          new Difference.MissingLeft("999"));
      assertThat(report.matched()).isEqualTo(56);
      assertThat(report.left()).isEqualTo(59);
    }
  }

  @Test
  void recordFile_readsCsvAndJsonLinesAndNamesTheCorruptLine(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("a.csv"), "id,name\n1,\"Smith, John\"\n2,\n");
    try (RecordFile f = RecordFile.open(csv)) {
      assertThat(f.next().data()).isEqualTo(Map.of("id", "1", "name", "Smith, John"));
      assertThat(f.next().data()).isEqualTo(Map.of("id", "2"));
      assertThat(f.hasNext()).isFalse();
    }
    Path jsonl = Files.writeString(dir.resolve("a.jsonl"), "{\"a\":1.50}\n[1]\n");
    try (RecordFile f = RecordFile.open(jsonl)) {
      assertThat(f.next().data()).isEqualTo(Map.of("a", new java.math.BigDecimal("1.50")));
      assertThatThrownBy(f::next).isInstanceOf(ModelBridgeException.class).hasMessageContaining("line 2");
    }
    assertThatThrownBy(() -> RecordFile.open(dir.resolve("a.txt"))).isInstanceOf(ModelBridgeException.class);
    Path bom = Files.writeString(dir.resolve("excel.csv"), "\uFEFFid;x\n".replace(';', ',') + "7,y\n");
    try (RecordFile f = RecordFile.open(bom)) {
      assertThat(f.next().data()).isEqualTo(Map.of("id", "7", "x", "y"));
    }
  }
}
