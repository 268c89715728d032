package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.feedback.Feedback;
import io.modelbridge.pipeline.feedback.FeedbackStore;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.CheckpointKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet of docs/pipeline.md, compiled and run. */
class DocSnippetTest {

  @TempDir Path dir;

  @Test
  void docSnippet_runs() throws Exception {
    Path csv = dir.resolve("catalogue.csv");
    Files.writeString(csv, "sku,name,stock,price\nBAG-1,Straw bag,4,39.90\n");
    ScriptedChatModel chatModel = ScriptedChatModel.of(
        "{\"recommendations\":[{\"sku\":\"BAG-1\",\"reason\":\"summer\",\"discount\":0.1}]}");
    Path auditFile = dir.resolve("audit.log");
    CheckpointKey key = RetailPipelineTest.KEY;
    // --- snippet start
    SystemAdapter shop = AdapterRegistry.discover().create("file", AdapterConfig.builder("shop")
        .set("path", csv.toString()).set("entity", "products")
        .set("fields", "sku STRING key; name STRING; stock INTEGER; price DECIMAL").set("readOnly", "true").build());
    Mapping products = Mapping.fromYaml("name: shop-products\nentity: product\nkey: [sku]\nfields:\n"
        + "  - {target: sku, from: sku, required: true}\n  - {target: name, from: name}\n"
        + "  - {target: stock, from: stock, type: integer}\n  - {target: price, from: price, type: decimal}\n");
    DomainPack pack = DomainPack.fromLocation(System.getProperty("retail.pack", "classpath:retail/1.0.0"));
    try (AuditLog audit = AuditLog.builder(AuditStore.file(auditFile), key).build()) {
      Pipeline pipeline = Pipeline.builder(pack, chatModel)      // any ChatModel, e.g. a ModelGateway
          .audit(audit)                                           // required, or .withoutAudit()
          .liveContext((ctx, customer) -> "viewed summer dresses")
          .build();                                               // pseudonymization is on by default
      PipelineResult result = pipeline.ask(CallContext.of("acme", "web-shop", "recommendation"),
          PipelineRequest.builder("recommend-accessories", "What goes with my summer dress?")
              .fetch(new Fetch("products", shop, OperationRequest.of("products.query", Map.of()), products))
              .subject("cust-42")
              .build());
      System.out.println(result.trace().describe());
      String sku = result.answer().path("recommendations").get(0).path("sku").asText();
      FeedbackStore feedback = FeedbackStore.file(dir.resolve("feedback.jsonl"));
      feedback.record(new Feedback(result.packId(), result.packVersion(), "recommend-accessories",
          result.correlationId(), Feedback.Outcome.ACCEPTED, Instant.now()));
      System.out.println(feedback.report().describe());
      // --- snippet end
      assertThat(sku).isEqualTo("BAG-1");
      assertThat(feedback.report().rows()).hasSize(1);
    } finally {
      shop.close();
    }
  }

  @Test
  void budgetSnippet_runs() throws Exception {
    Path csv = dir.resolve("catalogue.csv");
    Files.writeString(csv, "sku,name,stock,price\nBAG-1,Straw bag,4,39.90\n");
    dev.langchain4j.model.chat.ChatModel gateway = ScriptedChatModel.of(
        "{\"recommendations\":[{\"sku\":\"BAG-1\",\"reason\":\"summer\",\"discount\":0.1}]}");
    DomainPack pack = DomainPack.loadResource("retail", "1.0.0");
    SystemAdapter shop = AdapterRegistry.discover().create("file", AdapterConfig.builder("shop")
        .set("path", csv.toString()).set("entity", "products")
        .set("fields", "sku STRING key; name STRING; stock INTEGER; price DECIMAL").set("readOnly", "true").build());
    Mapping products = Mapping.fromYaml("name: shop-products\nentity: product\nkey: [sku]\nfields:\n"
        + "  - {target: sku, from: sku, required: true}\n  - {target: stock, from: stock, type: integer}\n");
    try (AuditLog audit = AuditLog.builder(AuditStore.file(dir.resolve("budget-audit.log")), RetailPipelineTest.KEY).build()) {
      // --- snippet start
      Pipeline pipeline = Pipeline.builder(pack, gateway)
          .audit(audit)
          .contextWindow(128_000)                                        // gpt-4o-mini's window
          .tokenEstimator(new OpenAiTokenCountEstimator("gpt-4o-mini"))  // its own tokenizer
          .build();
      // --- snippet end
      PipelineResult result = pipeline.ask(CallContext.of("acme", "web-shop", "recommendation"),
          PipelineRequest.builder("recommend-accessories", "What goes with my summer dress?")
              .fetch(new Fetch("products", shop, OperationRequest.of("products.query", Map.of()), products)).build());
      assertThat(result.trace().stage(Stage.PROMPT).orElseThrow().details())
          .containsEntry("contextWindow", "128000").containsEntry("estimator", "OpenAiTokenCountEstimator")
          .containsEntry("leftOut", "0");
    } finally {
      shop.close();
    }
  }
}
