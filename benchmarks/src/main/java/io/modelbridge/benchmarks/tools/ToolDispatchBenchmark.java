package io.modelbridge.benchmarks.tools;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemKind;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.PolicyDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of governance on one tool call: {@code governedDispatch} runs a model's tool call through
 * {@link GovernedTools#execute} (policy re-check, two hooks that read the call's attributes, JSON argument
 * parsing and validation against the input schema, a no-op READ operation, rendering its one record as JSON
 * for the model); {@code directAdapterCall} is the baseline: the same operation called on the adapter with
 * already-typed arguments, its record read. {@code governedInvalidArguments} is the path of a model mistake
 * (validation fails, the correction text is built, the adapter is not called). Goal: governed minus direct
 * under 10 µs.
 *
 * <p>Run: {@code cd /work/main && mvn -B -q -pl benchmarks package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ToolDispatchBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ToolDispatchBenchmark {

  private static final CallContext CONTEXT = CallContext.of("acme", "clerk", "order-desk");

  private SystemAdapter adapter;
  private GovernedTools tools;
  private OperationRequest directRequest;
  private ToolExecutionRequest modelRequest;
  private ToolExecutionRequest invalidRequest;

  /** A system whose one READ operation returns a fixed record without doing anything. */
  static final class NoOpAdapter implements SystemAdapter {
    private final AdapterDescriptor descriptor = new AdapterDescriptor(SpiVersion.CURRENT, "erp", SystemKind.ERP,
        List.of(new EntitySchema("order", List.of(
            FieldSchema.required("id", FieldType.INTEGER),
            FieldSchema.required("customer", FieldType.STRING),
            FieldSchema.required("total", FieldType.DECIMAL),
            FieldSchema.required("due", FieldType.DATE)), List.of("id"), Optional.empty(), "an order")),
        List.of(new OperationDescriptor("orders.get", "order", OperationKind.GET, Effect.READ, false,
            List.of(FieldSchema.required("id", FieldType.INTEGER),
                FieldSchema.optional("asOf", FieldType.DATE),
                FieldSchema.optional("includeLines", FieldType.BOOLEAN)),
            "Reads one order")));
    private final AdapterRecord record;

    NoOpAdapter() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", 42L);
      fields.put("customer", "C-1001");
      fields.put("total", new BigDecimal("1234.50"));
      fields.put("due", LocalDate.of(2025, 3, 31));
      record = new AdapterRecord(new SourceRef("erp", "order", Map.of("id", 42L), Optional.of("7"),
          Instant.parse("2025-01-01T00:00:00Z")), fields);
    }

    @Override
    public AdapterDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public RecordStream execute(OperationRequest request) {
      return RecordStream.of(List.of(record));
    }

    @Override
    public void close() {}
  }

  /** Counts calls and reads the attributes an audit hook would record. */
  static final class CountingHook implements CallHook {
    final LongAdder calls = new LongAdder();

    @Override
    public ToolCall beforeToolCall(ToolCall call) {
      calls.add(call.attributes().size());
      return call;
    }

    @Override
    public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
      calls.add(call.attributes().get("policy.rule").length());
      return outcome;
    }
  }

  /** Builds the adapter, the governed tools and the requests. */
  @Setup
  public void setUp() {
    adapter = new NoOpAdapter();
    tools = GovernedTools.builder()
        .adapter(adapter)
        .policy((ctx, tool) -> tool.effect().writes()
            ? PolicyDecision.deny("clerks-read", "clerks only read")
            : PolicyDecision.allow("clerks-read", "clerks only read"))
        .hooks(HookChain.of(List.of(new CountingHook(), new CountingHook())))
        .build();
    directRequest = OperationRequest.of("orders.get", Map.of("id", 42L, "asOf", LocalDate.of(2025, 1, 1),
        "includeLines", false));
    modelRequest = ToolExecutionRequest.builder().id("call_1").name("erp_orders_get")
        .arguments("{\"id\": 42, \"asOf\": \"2025-01-01\", \"includeLines\": false}").build();
    invalidRequest = ToolExecutionRequest.builder().id("call_2").name("erp_orders_get")
        .arguments("{\"id\": \"forty-two\", \"asOf\": \"01.01.2025\"}").build();
    if (tools.execute(CONTEXT, modelRequest).status() != ToolOutcome.Status.EXECUTED
        || tools.execute(CONTEXT, invalidRequest).status() != ToolOutcome.Status.INVALID_ARGUMENTS) {
      throw new IllegalStateException("benchmark set-up is wrong: the governed calls do not end as expected");
    }
  }

  /** Baseline: the adapter called directly, its record read. */
  @Benchmark
  public List<AdapterRecord> directAdapterCall() {
    return adapter.execute(directRequest).toList();
  }

  /** A model's valid tool call through every governance step, to the text for the model. */
  @Benchmark
  public String governedDispatch() {
    return tools.execute(CONTEXT, modelRequest).result();
  }

  /** A model's invalid tool call: validation fails and the correction text is built. */
  @Benchmark
  public String governedInvalidArguments() {
    return tools.execute(CONTEXT, invalidRequest).result();
  }
}
