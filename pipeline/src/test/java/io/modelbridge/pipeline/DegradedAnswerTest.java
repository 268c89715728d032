package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.ApprovalRequest;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.PolicyDecision;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.samples.SampleDatabases;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A degraded answer never drives a write unless the pack allows it: the gateway's only provider is a real
 * LangChain4j OpenAI client against a loopback server that answers 500, so every call falls back to the
 * gateway's degraded responder; the ERP is Northwind in H2 behind the real JDBC adapter and governed tools.
 */
class DegradedAnswerTest {

  static final long ORDER = 10250;
  static final String PROPOSED = "2031-03-14";

  @TempDir Path dir;
  HttpServer server;
  final AtomicInteger providerRequests = new AtomicInteger();
  Connection connection;
  SystemAdapter erp;
  final List<ApprovalRequest> approvals = new CopyOnWriteArrayList<>();
  final Mapping orders = Mapping.fromYaml(String.join("\n",
      "name: erp-orders", "entity: order", "key: [order_id]", "fields:",
      "  - {target: order_id, from: order_id, type: integer, required: true}",
      "  - {target: order_date, from: order_date, type: date, required: true}",
      "  - {target: required_date, from: required_date, type: date}",
      "  - {target: shipped_date, from: shipped_date, type: date}"));

  @BeforeEach
  void setUp() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      providerRequests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(500, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    String url = SampleDatabases.h2MemoryUrl("degraded_" + UUID.randomUUID().toString().replace("-", ""));
    connection = DriverManager.getConnection(url);
    SampleDatabases.loadNorthwind(connection);
    try (Statement s = connection.createStatement()) {
      s.execute("ALTER TABLE orders ADD COLUMN version INTEGER DEFAULT 1 NOT NULL");
    }
    erp = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("erp").set("url", url)
        .set("tables", "orders").set("versionColumns", "orders.version").build());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.stop(0);
    erp.close();
    connection.close();
  }

  /** The gateway: one real OpenAI-compatible provider that always fails, then the degraded responder. */
  ModelGateway gateway() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    return ModelGateway.builder().openAiCompatible("primary", base, "test-key", "gpt-4o-mini")
        .maxRetries(0).timeout(Duration.ofSeconds(10)).noCache()
        // What the fallback proposes is scripted so the test does not depend on the offline model's rules.
        .degradedResponder("offline", ScriptedChatModel.of("{\"orderId\":\"" + ORDER + "\",\"proposedDate\":\""
            + PROPOSED + "\",\"reason\":\"carrier delay\"}"))
        .build();
  }

  GovernedTools tools(boolean approve) {
    return GovernedTools.builder().adapter(erp)
        .policy((c, t) -> PolicyDecision.allow("test-clerks", "clerks may read and write orders"))
        .approver(r -> {
          approvals.add(r);
          return approve ? ApprovalDecision.approve("supervisor", "checked by hand")
              : ApprovalDecision.reject("supervisor", "not now");
        })
        .build();
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

  /** The shipped order-desk pack 1.1.0, copied with {@code allowDegradedWrites: true} on its task. */
  DomainPack packAllowingDegradedWrites() throws Exception {
    Path p = dir.resolve("packs/order-desk/1.1.0");
    Files.createDirectories(p);
    for (String f : List.of("pack.yaml", "correct-delivery-date.txt", "correct-delivery-date.schema.json")) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("packs/order-desk/1.1.0/" + f)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (f.equals("pack.yaml")) {
          text = text.replace("  correct-delivery-date:\n", "  correct-delivery-date:\n    allowDegradedWrites: true\n");
          assertThat(text).contains("allowDegradedWrites: true");
        }
        Files.writeString(p.resolve(f), text);
      }
    }
    return DomainPack.load(p);
  }

  static CallContext clerk() {
    return CallContext.of("acme", "clerk-1", "order-desk");
  }

  @Test
  void degradedAnswer_neverDrivesWriteBack() throws Exception {
    String before = requiredDate();
    ModelGateway gateway = gateway();
    Pipeline pipeline = Pipeline.builder(DomainPack.loadResource("order-desk", "1.1.0"), gateway).withoutAudit()
        .tools(tools(true)).build();

    PipelineResult result = pipeline.ask(clerk(), request());

    assertThat(providerRequests.get()).as("the real provider was tried").isPositive();
    assertThat(gateway.metrics().degradedAnswers()).isEqualTo(1);
    assertThat(result.trace().stage(Stage.MODEL).orElseThrow().details()).containsEntry("degraded", "true");
    ActionResult action = result.action().orElseThrow();
    assertThat(action.status()).isEqualTo(ActionResult.Status.REFUSED_DEGRADED);
    assertThat(action.detail()).contains("degraded").contains("allowDegradedWrites");
    StageRecord act = result.trace().stage(Stage.ACT).orElseThrow();
    assertThat(act.summary()).contains("NOT RUN").contains("degraded").contains("does not allow degraded writes");
    assertThat(act.details()).containsEntry("degraded", "true").containsEntry("allowDegradedWrites", "false");
    assertThat(approvals).as("no approval is even asked").isEmpty();
    assertThat(requiredDate()).isEqualTo(before).isNotEqualTo(PROPOSED);
  }

  @Test
  void degradedAnswerAllowedByPack_approvalSaysDegraded() throws Exception {
    Pipeline pipeline = Pipeline.builder(packAllowingDegradedWrites(), gateway()).withoutAudit()
        .tools(tools(true)).build();

    PipelineResult result = pipeline.ask(clerk(), request());

    assertThat(approvals).hasSize(1);
    ApprovalRequest asked = approvals.get(0);
    assertThat(asked.degraded()).isTrue();
    assertThat(asked.description()).startsWith("DEGRADED PROPOSAL").contains("erp_orders_update");
    assertThat(result.action().orElseThrow().status()).isEqualTo(ActionResult.Status.EXECUTED);
    assertThat(result.trace().stage(Stage.ACT).orElseThrow().details()).containsEntry("degraded", "true");
    assertThat(requiredDate()).isEqualTo(PROPOSED);
  }

  @Test
  void degradedAnswer_throughAPlainChatModelWrapper_isStillRecognised() throws Exception {
    String before = requiredDate();
    ModelGateway gateway = gateway();
    // As an application (or the demo) that wraps the gateway in its own ChatModel.
    ChatModel wrapper = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return gateway.chat(request);
      }
    };
    Pipeline pipeline = Pipeline.builder(DomainPack.loadResource("order-desk", "1.1.0"), wrapper).withoutAudit()
        .tools(tools(true)).build();

    PipelineResult result = pipeline.ask(clerk(), request());

    assertThat(result.action().orElseThrow().status()).isEqualTo(ActionResult.Status.REFUSED_DEGRADED);
    assertThat(requiredDate()).isEqualTo(before);
  }

  @Test
  void regularAnswer_ofAWorkingProvider_isNotDegraded_andItsApprovalSaysSo() throws Exception {
    Pipeline pipeline = Pipeline.builder(DomainPack.loadResource("order-desk", "1.1.0"),
        ScriptedChatModel.of("{\"orderId\":\"" + ORDER + "\",\"proposedDate\":\"" + PROPOSED
            + "\",\"reason\":\"carrier delay\"}")).withoutAudit().tools(tools(false)).build();

    PipelineResult result = pipeline.ask(clerk(), request());

    assertThat(result.action().orElseThrow().status()).isEqualTo(ActionResult.Status.REJECTED_BY_APPROVER);
    assertThat(approvals).hasSize(1);
    assertThat(approvals.get(0).degraded()).isFalse();
    assertThat(approvals.get(0).description()).doesNotContain("DEGRADED").startsWith("write erp_orders_update");
  }
}
