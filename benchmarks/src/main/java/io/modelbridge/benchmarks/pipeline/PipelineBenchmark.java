package io.modelbridge.benchmarks.pipeline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemKind;
import io.modelbridge.core.CallContext;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.Fetch;
import io.modelbridge.pipeline.LiveContext;
import io.modelbridge.pipeline.Pipeline;
import io.modelbridge.pipeline.PipelineRequest;
import io.modelbridge.pipeline.PipelineResult;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.CheckpointKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end overhead of {@link Pipeline#ask} with every stage on (fetch from an in-memory adapter, mapping,
 * live context, pseudonymization, the retail pack's template, a stub model in process returning a valid
 * structured answer, schema and rule validation, restore, audit to a file without fsync) on about 2 KB of
 * context, against the raw LangChain4j {@code chatModel.chat(request)} to the same stub with a prompt of the
 * same size. Variants turn audit or pseudonymization off to show where the time goes. Sample mode: read the
 * p0.50 lines.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PipelineBenchmark {

  private static final String ANSWER =
      "{\"recommendations\":[{\"sku\":\"SKU-3\",\"reason\":\"matches the dress\",\"discount\":0.1}]}";

  /** The stub model: answers the same valid JSON to every request. */
  static final class StubModel implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return ChatResponse.builder().aiMessage(AiMessage.from(ANSWER)).modelName("stub").build();
    }
  }

  /** An in-memory system returning the same product records on every read. */
  record MemoryAdapter(List<AdapterRecord> records) implements SystemAdapter {
    @Override
    public AdapterDescriptor descriptor() {
      return new AdapterDescriptor(SpiVersion.CURRENT, "shop", SystemKind.OTHER, List.of(), List.of());
    }

    @Override
    public RecordStream execute(OperationRequest request) {
      return RecordStream.of(records);
    }

    @Override
    public void close() {}
  }

  /** Wide enough that every record of the workload is in the prompt, as before the prompt budget existed. */
  private static final int CONTEXT_WINDOW = 32_768;

  private final ChatModel stub = new StubModel();
  private Pipeline all;
  private Pipeline noAudit;
  private Pipeline noPii;
  private AuditLog audit;
  private Path dir;
  private PipelineRequest request;
  private ChatRequest raw;
  private final CallContext ctx = CallContext.of("acme", "web-shop", "recommendation");

  /** Builds the records (about 2 KB as JSON), the pipelines and the raw request. */
  @Setup
  public void setUp() throws Exception {
    List<AdapterRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("sku", "SKU-" + i);
      f.put("name", "Summer accessory number " + i);
      f.put("stock", i % 4);
      f.put("price", "19.90");
      records.add(new AdapterRecord(new SourceRef("shop", "products", Map.of("sku", "SKU-" + i),
          Optional.empty(), Instant.now()), f));
    }
    Mapping mapping = Mapping.fromYaml(String.join("\n", "name: shop-products", "entity: product", "key: [sku]",
        "fields:", "  - {target: sku, from: sku, required: true}", "  - {target: name, from: name}",
        "  - {target: stock, from: stock, type: integer, required: true}",
        "  - {target: price, from: price, type: decimal}"));
    DomainPack pack = DomainPack.loadResource("retail", "1.0.0");
    dir = Files.createTempDirectory("pipeline-bench");
    audit = AuditLog.builder(AuditStore.file(dir.resolve("audit.log"), false),
        CheckpointKey.hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))).build();
    LiveContext live = (c, s) -> "viewed summer dresses; added dress D-7 to cart; bought dress D-7";
    all = Pipeline.builder(pack, stub).audit(audit).liveContext(live).contextWindow(CONTEXT_WINDOW).build();
    noAudit = Pipeline.builder(pack, stub).withoutAudit().liveContext(live).contextWindow(CONTEXT_WINDOW).build();
    noPii = Pipeline.builder(pack, stub).audit(audit).withoutPseudonymization().liveContext(live)
        .contextWindow(CONTEXT_WINDOW).build();
    request = PipelineRequest.builder("recommend-accessories", "What goes with my new summer dress?")
        .fetch(new Fetch("products", new MemoryAdapter(records), OperationRequest.of("products.query", Map.of()), mapping))
        .subject("cust-42").build();
    String prompt = all.ask(ctx, request).trace().stages().toString();
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 2048) {
      sb.append(prompt);
    }
    raw = ChatRequest.builder().messages(UserMessage.from(sb.substring(0, 2048))).build();
  }

  /** Closes the audit log and deletes its file. */
  @TearDown
  public void tearDown() throws Exception {
    audit.close();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  /** Baseline: the raw LangChain4j call to the same stub. */
  @Benchmark
  public ChatResponse rawChat() {
    return stub.chat(raw);
  }

  /** The pipeline with every stage on. */
  @Benchmark
  public PipelineResult pipelineAllStages() {
    return all.ask(ctx, request);
  }

  /** The pipeline without audit (shows the audit's share). */
  @Benchmark
  public PipelineResult pipelineWithoutAudit() {
    return noAudit.ask(ctx, request);
  }

  /** The pipeline without pseudonymization (shows the PII stage's share). */
  @Benchmark
  public PipelineResult pipelineWithoutPseudonymization() {
    return noPii.ask(ctx, request);
  }
}
