package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.AuditVerifier;
import io.modelbridge.security.audit.CheckpointKey;
import io.modelbridge.security.audit.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retail pack end to end: real file adapter on a CSV, real mapping, real PII protector, real audit file. */
class RetailPipelineTest {

  static final String EMAIL = "anna.schmidt@example.com";
  static final String PHONE = "+49 30 1234567";
  static final CheckpointKey KEY = CheckpointKey.hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;
  SystemAdapter shop;
  AuditLog audit;
  Path auditFile;
  final Mapping products = Mapping.fromYaml(String.join("\n",
      "name: shop-products", "entity: product", "key: [sku]", "fields:",
      "  - {target: sku, from: sku, required: true}",
      "  - {target: name, from: name}",
      "  - {target: stock, from: stock, type: integer, required: true}",
      "  - {target: price, from: price, type: decimal}",
      "rules:", "  - {name: stock-not-negative, check: 'stock >= 0'}"));

  @BeforeEach
  void setUp() throws Exception {
    Path csv = dir.resolve("catalogue.csv");
    Files.writeString(csv, String.join("\n", "sku,name,stock,price",
        "BAG-1,Straw bag,4,39.90", "HAT-2,Sun hat,0,19.90", "BELT-3,Leather belt,7,24.50", "BAD-4,Broken row,-3,1.00", ""));
    shop = AdapterRegistry.discover().create("file", AdapterConfig.builder("shop").set("path", csv.toString())
        .set("entity", "products").set("fields", "sku STRING key; name STRING; stock INTEGER; price DECIMAL")
        .set("readOnly", "true").build());
    auditFile = dir.resolve("audit.log");
    audit = AuditLog.builder(AuditStore.file(auditFile), KEY).build();
  }

  @AfterEach
  void tearDown() {
    shop.close();
    audit.close();
  }

  Pipeline pipeline(String version, ScriptedChatModel model, LiveContext live) {
    return Pipeline.builder(DomainPack.loadResource("retail", version), model).audit(audit).liveContext(live).build();
  }

  PipelineRequest request() {
    return PipelineRequest.builder("recommend-accessories",
            "I am " + EMAIL + ", call me on " + PHONE + ": what goes with my new summer dress?")
        .fetch(new Fetch("products", shop, OperationRequest.of("products.query", Map.of()), products))
        .subject("cust-42").build();
  }

  static CallContext ctx() {
    return CallContext.of("acme", "web-shop", "recommendation");
  }

  @Test
  void validAnswer_passesWithTraceAuditAndPiiRestored() throws Exception {
    Pattern token = Pattern.compile("<EMAIL_\\d+>");
    ScriptedChatModel model = new ScriptedChatModel(r -> {
      Matcher m = token.matcher(r.messages().get(1).toString());
      String t = m.find() ? m.group() : "none";
      return "```json\n{\"recommendations\":[{\"sku\":\"BAG-1\",\"reason\":\"straw goes with summer\",\"discount\":0.1}],"
          + "\"message\":\"We will write to " + t + "\"}\n```";
    });
    PipelineResult result = pipeline("1.0.0", model, (c, s) -> "viewed summer dresses; bought dress D-7 (contact " + EMAIL + ")")
        .ask(ctx(), request());

    assertThat(result.packVersion()).isEqualTo("1.0.0");
    assertThat(result.answer().path("recommendations").get(0).path("sku").asText()).isEqualTo("BAG-1");
    assertThat(result.answer().path("message").asText()).isEqualTo("We will write to " + EMAIL);
    String sent = model.sent(0);
    assertThat(sent).doesNotContain(EMAIL).doesNotContain("1234567").contains("<EMAIL_").contains("Straw bag")
        .contains("viewed summer dresses");
    PipelineTrace trace = result.trace();
    assertThat(trace.stage(Stage.MAP).orElseThrow().details())
        .containsEntry("in", "4").containsEntry("delivered", "3").containsEntry("rejected", "1");
    assertThat(trace.stage(Stage.MAP).orElseThrow().details().get("rejected[BAD-4]")).contains("stock-not-negative");
    assertThat(trace.stage(Stage.PSEUDONYMIZE).orElseThrow().details()).containsKey("EMAIL").containsKey("PHONE");
    assertThat(trace.describe()).doesNotContain(EMAIL).doesNotContain("1234567");
    assertThat(trace.stages()).extracting(StageRecord::stage).containsExactly(Stage.FETCH, Stage.MAP, Stage.CHECK_DATA,
        Stage.LIVE_CONTEXT, Stage.PSEUDONYMIZE, Stage.PROMPT, Stage.MODEL, Stage.VALIDATE_ANSWER, Stage.RESTORE);
    assertThat(trace.stages()).allSatisfy(s -> assertThat(s.auditSeq()).isPresent());

    audit.close();
    VerificationReport report = AuditVerifier.verify(auditFile, KEY);
    assertThat(report.intact()).as(report.toString()).isTrue();
    String log = Files.readString(auditFile);
    assertThat(log).contains("pipeline.fetch", "pipeline.map", "pipeline.pseudonymize", "pipeline.model",
        "pipeline.validate_answer", "pipeline.restore").doesNotContain(EMAIL).doesNotContain("1234567");
  }

  @Test
  void violatingAnswer_isRetriedWithTheViolationFedBack_thenValid() {
    ScriptedChatModel model = ScriptedChatModel.of(
        "{\"recommendations\":[{\"sku\":\"HAT-2\",\"reason\":\"sun\",\"discount\":0.3}]}",
        "{\"recommendations\":[{\"sku\":\"BELT-3\",\"reason\":\"leather\",\"discount\":0.05}]}");
    PipelineResult result = pipeline("1.0.0", model, LiveContext.NONE).ask(ctx(), request());

    assertThat(model.requests).hasSize(2);
    assertThat(model.sent(1)).contains("in-stock").contains("discount-within-maximum");
    assertThat(result.answer().path("recommendations").get(0).path("sku").asText()).isEqualTo("BELT-3");
    assertThat(result.trace().stages()).filteredOn(s -> s.stage() == Stage.VALIDATE_ANSWER).hasSize(2);
  }

  @Test
  void twoViolatingAnswers_areRefusedWithATypedReason() {
    ScriptedChatModel model = ScriptedChatModel.of(
        "{\"recommendations\":[{\"sku\":\"NOPE-9\",\"reason\":\"x\",\"discount\":0}]}");
    assertThatThrownBy(() -> pipeline("1.0.0", model, LiveContext.NONE).ask(ctx(), request()))
        .isInstanceOfSatisfying(AnswerRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(AnswerRefusedException.Reason.VIOLATES_RULES);
          assertThat(e.stage()).isEqualTo(Stage.VALIDATE_ANSWER);
          assertThat(e.violations()).extracting(v -> v.rule()).contains("product-exists");
          assertThat(e.getMessage()).contains("product-exists").doesNotContain(EMAIL);
          assertThat(e.trace().orElseThrow().stages()).isNotEmpty();
        });
    assertThat(model.requests).hasSize(2);
  }

  @Test
  void proseAnswer_isRefusedAsNotJson() {
    ScriptedChatModel model = ScriptedChatModel.of("I would suggest a nice bag.");
    assertThatThrownBy(() -> pipeline("1.0.0", model, LiveContext.NONE).ask(ctx(), request()))
        .isInstanceOfSatisfying(AnswerRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(AnswerRefusedException.Reason.NOT_JSON));
  }

  @Test
  void packVersionsSideBySide_applyTheirOwnMaximumDiscount() {
    String twelvePercent = "{\"recommendations\":[{\"sku\":\"BAG-1\",\"reason\":\"r\",\"discount\":0.12}]}";
    PipelineResult v1 = pipeline("1.0.0", ScriptedChatModel.of(twelvePercent), LiveContext.NONE).ask(ctx(), request());
    assertThat(v1.packVersion()).isEqualTo("1.0.0");
    assertThatThrownBy(() -> pipeline("1.1.0", ScriptedChatModel.of(twelvePercent), LiveContext.NONE).ask(ctx(), request()))
        .isInstanceOf(AnswerRefusedException.class).hasMessageContaining("discount-within-maximum");
  }

  @Test
  void withoutPseudonymization_sendsClearTextAndSaysSoInTheTrace() {
    ScriptedChatModel model = ScriptedChatModel.of("{\"recommendations\":[{\"sku\":\"BAG-1\",\"reason\":\"r\",\"discount\":0}]}");
    PipelineResult r = Pipeline.builder(DomainPack.loadResource("retail", "1.0.0"), model)
        .withoutPseudonymization().withoutAudit().build().ask(ctx(), request());
    assertThat(model.sent(0)).contains(EMAIL);
    assertThat(r.trace().stage(Stage.PSEUDONYMIZE).orElseThrow().summary()).startsWith("OFF");
    assertThat(r.trace().stages()).allSatisfy(s -> assertThat(s.auditSeq()).isEmpty());
  }

  @Test
  void build_withoutAuditDecision_failsClosed() {
    assertThatThrownBy(() -> Pipeline.builder(DomainPack.loadResource("retail", "1.0.0"), ScriptedChatModel.of("{}")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withoutAudit");
  }

  @Test
  void unknownTask_failsAtPromptStageNamingTheTasks() {
    PipelineRequest bad = PipelineRequest.builder("nope", "q").build();
    assertThatThrownBy(() -> pipeline("1.0.0", ScriptedChatModel.of("{}"), LiveContext.NONE).ask(ctx(), bad))
        .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.stage()).isEqualTo(Stage.PROMPT))
        .hasMessageContaining("recommend-accessories");
  }

  @Test
  void staleData_failsAtCheckDataBeforeTheModelIsCalled() {
    ScriptedChatModel model = ScriptedChatModel.of("{}");
    Pipeline p = Pipeline.builder(DomainPack.loadResource("retail", "1.0.0"), model).audit(audit)
        .maxAge(new io.modelbridge.mapping.freshness.MaxAge(java.time.Duration.ofMinutes(5),
            java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(1))))
        .build();
    assertThatThrownBy(() -> p.ask(ctx(), request()))
        .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.stage()).isEqualTo(Stage.CHECK_DATA))
        .hasMessageContaining("maximum age");
    assertThat(model.requests).isEmpty();
  }

  @Test
  void unknownOperation_failsAtFetchNamingSystemAndOperation() {
    PipelineRequest bad = PipelineRequest.builder("recommend-accessories", "q")
        .fetch(new Fetch("products", shop, OperationRequest.of("nope.query", Map.of()), products)).build();
    assertThatThrownBy(() -> pipeline("1.0.0", ScriptedChatModel.of("{}"), LiveContext.NONE).ask(ctx(), bad))
        .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.stage()).isEqualTo(Stage.FETCH))
        .hasMessageContaining("shop").hasMessageContaining("nope.query");
  }

  @Test
  void offlineModel_withTheInStockCandidatesListed_givesAValidatedStructuredAnswer_markedOffline() {
    Pipeline p = Pipeline.builder(DomainPack.loadResource("retail", "1.0.0"),
        new io.modelbridge.core.offline.OfflineChatModel()).audit(audit)
        .liveContext((c, s) -> "Best in-stock matches:\n- BELT-3, Leather belt\n- BAG-1, Straw bag").build();
    PipelineResult result = p.ask(ctx(), request());

    assertThat(result.answer().path("recommendations")).extracting(n -> n.path("sku").asText())
        .containsExactly("BELT-3", "BAG-1");
    assertThat(result.answer().path("recommendations").get(0).path("reason").asText()).startsWith("[offline model]");
    assertThat(result.answer().path("message").asText()).startsWith("[offline model]");
    // The offline model given as the pipeline's model is the configured model, not a degraded fallback:
    // only a gateway whose providers all failed marks an answer degraded (see DegradedAnswerTest).
    assertThat(result.trace().stage(Stage.MODEL).orElseThrow().details())
        .containsEntry("offline", "true").containsEntry("degraded", "false").containsEntry("model", "offline");
    assertThat(result.trace().stage(Stage.VALIDATE_ANSWER).orElseThrow().summary()).isEqualTo("answer valid on attempt 1");
  }

  @Test
  void offlineModel_withoutCandidates_takesTheRecordsInOrder_andIsRefusedNamingTheInStockRule() {
    Pipeline p = Pipeline.builder(DomainPack.loadResource("retail", "1.0.0"),
        new io.modelbridge.core.offline.OfflineChatModel()).audit(audit).build();
    assertThatThrownBy(() -> p.ask(ctx(), request()))
        .isInstanceOfSatisfying(AnswerRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(AnswerRefusedException.Reason.VIOLATES_RULES);
          assertThat(e.violations()).extracting(v -> v.rule()).containsExactly("in-stock");
          assertThat(e.trace().orElseThrow().stage(Stage.MODEL).orElseThrow().details()).containsEntry("offline", "true");
        });
  }

  @Test
  void theRequestCarriesTheTasksSchemaAsAJsonResponseFormat() {
    ScriptedChatModel model = ScriptedChatModel.of(
        "{\"recommendations\":[{\"sku\":\"BAG-1\",\"reason\":\"straw\",\"discount\":0}]}");
    pipeline("1.0.0", model, LiveContext.NONE).ask(ctx(), request());

    dev.langchain4j.model.chat.request.ResponseFormat format = model.requests.get(0).responseFormat();
    assertThat(format.type()).isEqualTo(dev.langchain4j.model.chat.request.ResponseFormatType.JSON);
    assertThat(format.jsonSchema().name()).isEqualTo("recommend-accessories");
    var root = (dev.langchain4j.model.chat.request.json.JsonObjectSchema) format.jsonSchema().rootElement();
    assertThat(root.required()).containsExactly("recommendations");
    assertThat(root.additionalProperties()).isFalse();
    var array = (dev.langchain4j.model.chat.request.json.JsonArraySchema) root.properties().get("recommendations");
    assertThat(array.description()).isEqualTo("at least 1 items");
    var item = (dev.langchain4j.model.chat.request.json.JsonObjectSchema) array.items();
    assertThat(item.required()).containsExactly("sku", "reason", "discount");
    assertThat(item.properties().get("discount")).isInstanceOf(dev.langchain4j.model.chat.request.json.JsonNumberSchema.class);
    assertThat(model.sent(0)).contains("\"additionalProperties\""); // the schema is in the prompt too
  }
}
