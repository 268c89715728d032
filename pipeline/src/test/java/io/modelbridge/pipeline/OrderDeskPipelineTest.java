package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.PolicyDecision;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.samples.SampleDatabases;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.AuditVerifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order-desk pack end to end on Northwind in H2 through the real JDBC adapter and governed tools. */
class OrderDeskPipelineTest {

  static final long ORDER = 10250;
  @TempDir Path dir;
  Connection connection;
  SystemAdapter erp;
  AuditLog audit;
  Path auditFile;
  final Mapping orders = Mapping.fromYaml(String.join("\n",
      "name: erp-orders", "entity: order", "key: [order_id]", "fields:",
      "  - {target: order_id, from: order_id, type: integer, required: true}",
      "  - {target: order_date, from: order_date, type: date, required: true}",
      "  - {target: required_date, from: required_date, type: date}",
      "  - {target: shipped_date, from: shipped_date, type: date}"));

  @BeforeEach
  void setUp() throws Exception {
    String url = SampleDatabases.h2MemoryUrl("pipeline_" + UUID.randomUUID().toString().replace("-", ""));
    connection = DriverManager.getConnection(url);
    SampleDatabases.loadNorthwind(connection);
    try (Statement s = connection.createStatement()) {
      s.execute("ALTER TABLE orders ADD COLUMN version INTEGER DEFAULT 1 NOT NULL");
    }
    erp = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("erp").set("url", url)
        .set("tables", "orders").set("versionColumns", "orders.version").build());
    auditFile = dir.resolve("audit.log");
    audit = AuditLog.builder(AuditStore.file(auditFile), RetailPipelineTest.KEY).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    erp.close();
    audit.close();
    connection.close();
  }

  Pipeline pipeline(String version, ScriptedChatModel model, boolean approve) {
    GovernedTools tools = GovernedTools.builder().adapter(erp)
        .policy((c, t) -> PolicyDecision.allow("test-clerks", "clerks may read and write orders"))
        .approver(r -> approve ? ApprovalDecision.approve("supervisor", "checked")
            : ApprovalDecision.reject("supervisor", "customer not informed yet"))
        .build();
    return Pipeline.builder(DomainPack.loadResource("order-desk", version), model).audit(audit).tools(tools).build();
  }

  PipelineRequest request() {
    return PipelineRequest.builder("correct-delivery-date", "Order " + ORDER + " is late, what date can we promise?")
        .fetch(new Fetch("orders", erp, OperationRequest.of("orders.get", Map.of("order_id", ORDER)), orders))
        .build();
  }

  String requiredDate() throws Exception {
    try (PreparedStatement q = connection.prepareStatement("SELECT required_date FROM orders WHERE order_id = ?")) {
      q.setLong(1, ORDER);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getDate(1).toLocalDate().toString();
      }
    }
  }

  static String answer(String date) {
    return "{\"orderId\":\"" + ORDER + "\",\"proposedDate\":\"" + date + "\",\"reason\":\"carrier delay\"}";
  }

  static CallContext clerk() {
    return CallContext.of("acme", "clerk-1", "order-desk");
  }

  @Test
  void approvedWrite_isExecutedAndAudited() throws Exception {
    PipelineResult r = pipeline("1.0.0", ScriptedChatModel.of(answer("2030-01-15")), true).ask(clerk(), request());
    assertThat(r.action().orElseThrow().status()).as(r.trace().describe()).isEqualTo(ActionResult.Status.EXECUTED);
    assertThat(requiredDate()).isEqualTo("2030-01-15");
    assertThat(r.trace().stage(Stage.ACT).orElseThrow().auditSeq()).isPresent();
    audit.close();
    assertThat(AuditVerifier.verify(auditFile, RetailPipelineTest.KEY).intact()).isTrue();
    assertThat(Files.readString(auditFile)).contains("pipeline.act");
  }

  @Test
  void rejectedWrite_changesNothing() throws Exception {
    String before = requiredDate();
    PipelineResult r = pipeline("1.0.0", ScriptedChatModel.of(answer("2030-01-15")), false).ask(clerk(), request());
    assertThat(r.action().orElseThrow().status()).isEqualTo(ActionResult.Status.REJECTED_BY_APPROVER);
    assertThat(requiredDate()).isEqualTo(before);
  }

  @Test
  void recordChangedMeanwhile_isAConflict_thenSucceedsOnTheFreshVersion() throws Exception {
    AtomicBoolean changed = new AtomicBoolean();
    ScriptedChatModel model = new ScriptedChatModel(req -> {
      if (changed.compareAndSet(false, true)) {
        try (Statement s = connection.createStatement()) {
          s.executeUpdate("UPDATE orders SET ship_via = 3, version = version + 1 WHERE order_id = " + ORDER);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return answer("2030-02-01");
    });
    Pipeline p = pipeline("1.0.0", model, true);
    String before = requiredDate();
    PipelineResult first = p.ask(clerk(), request());
    assertThat(first.action().orElseThrow().status()).isEqualTo(ActionResult.Status.CONFLICT);
    assertThat(first.trace().stage(Stage.ACT).orElseThrow().details()).containsEntry("basedOnVersion", "1")
        .containsEntry("currentVersion", "2");
    assertThat(requiredDate()).isEqualTo(before);

    PipelineResult second = p.ask(clerk(), request());
    assertThat(second.action().orElseThrow().status()).isEqualTo(ActionResult.Status.EXECUTED);
    assertThat(requiredDate()).isEqualTo("2030-02-01");
  }

  @Test
  void dateBeforeOrderDate_isRetriedThenRefused_andNothingIsWritten() throws Exception {
    String before = requiredDate();
    ScriptedChatModel model = ScriptedChatModel.of(answer("1990-01-01"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline("1.0.0", model, true).ask(clerk(), request()))
        .isInstanceOf(AnswerRefusedException.class).hasMessageContaining("not-before-order-date");
    assertThat(model.sent(1)).contains("not-before-order-date");
    assertThat(requiredDate()).isEqualTo(before);
  }

  @Test
  void version110_alsoRefusesADateBeforeThePromisedOne() throws Exception {
    String promised = requiredDate();
    String dayBefore = java.time.LocalDate.parse(promised).minusDays(1).toString();
    PipelineResult v1 = pipeline("1.0.0", ScriptedChatModel.of(answer(dayBefore)), false).ask(clerk(), request());
    assertThat(v1.answer().path("proposedDate").asText()).isEqualTo(dayBefore);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> pipeline("1.1.0", ScriptedChatModel.of(answer(dayBefore)), false).ask(clerk(), request()))
        .isInstanceOf(AnswerRefusedException.class).hasMessageContaining("not-before-promised-date");
    assertThat(List.of(v1.packVersion())).containsExactly("1.0.0");
  }
}
