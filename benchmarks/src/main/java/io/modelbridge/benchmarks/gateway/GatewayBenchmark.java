package io.modelbridge.benchmarks.gateway;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the model gateway adds to a call. The same in-process stub {@link ChatModel} (it returns a prebuilt
 * response) is called raw ({@link #rawModel}) and through a {@link ModelGateway} with everything on
 * ({@link #gatewayCacheMiss}: the provider added with {@code providerWithOwnTimeout}, two hooks, cache lookup that misses and a put, token budget reservation and
 * settlement, retry policy, circuit breaker, bulkhead, metrics; {@link #gatewayCacheMissWithTimeoutPolicy}
 * adds the Failsafe per-attempt timeout that {@code provider(name, model)} applies); requests cycle through
 * 4096 distinct deterministic requests and the cache holds 16, so every gateway call misses.
 * {@link #gatewayCacheHit2kbPrompt} is a cache hit on a 2 KB prompt (hooks, key hashing, lookup).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GatewayBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GatewayBenchmark {

  private static final int REQUESTS = 4096;

  private ChatModel stub;
  private ModelGateway gateway;
  private ModelGateway gatewayWithTimeoutPolicy;
  private ChatRequest[] requests;
  private ChatRequest bigPrompt;
  private CallContext context;
  private int next;

  /** Builds the stub, the gateway and the requests; warms the cache for the 2 KB prompt. */
  @Setup
  public void setUp() {
    ChatResponse canned = ChatResponse.builder()
        .aiMessage(AiMessage.from("SO-1001 and SO-1002 are open."))
        .tokenUsage(new TokenUsage(40, 10))
        .build();
    stub = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return canned;
      }
    };
    LongAdder seen = new LongAdder();
    gateway = configure(ModelGateway.builder().providerWithOwnTimeout("stub", stub), seen);
    gatewayWithTimeoutPolicy = configure(ModelGateway.builder().provider("stub", stub), seen);
    requests = new ChatRequest[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      requests[i] = ChatRequest.builder()
          .messages(UserMessage.from("Which orders of customer C-" + i + " are open?"))
          .temperature(0.0)
          .build();
    }
    StringBuilder prompt = new StringBuilder("Summarise these orders:\n");
    for (int i = 0; prompt.length() < 2048; i++) {
      prompt.append("{\"order\":\"SO-").append(1000 + i).append("\",\"status\":\"open\",\"amount\":")
          .append(i * 7).append(".50}\n");
    }
    bigPrompt = ChatRequest.builder().messages(UserMessage.from(prompt.substring(0, 2048))).temperature(0.0).build();
    context = CallContext.of("acme", "bench", "benchmark");
    gateway.call(context, bigPrompt);
  }

  private static ModelGateway configure(ModelGateway.Builder builder, LongAdder seen) {
    CallHook counting = new CallHook() {
      @Override
      public ModelCall beforeRequest(ModelCall call) {
        seen.increment();
        return call;
      }

      @Override
      public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
        seen.increment();
        return answer;
      }
    };
    return builder
        .hook(counting)
        .hook(new CallHook() {})
        .timeout(Duration.ofSeconds(30))
        .maxRetries(2)
        .circuitBreaker(5, Duration.ofSeconds(30))
        .bulkhead(64, Duration.ofSeconds(1))
        .cache(Duration.ofMinutes(10), 16)
        .tokenBudget(1_000_000_000_000L, Duration.ofHours(1))
        .build();
  }

  private ChatRequest nextRequest() {
    next = (next + 1) & (REQUESTS - 1);
    return requests[next];
  }

  /** Baseline: the stub model through LangChain4j's own {@code ChatModel.chat}. */
  @Benchmark
  public ChatResponse rawModel() {
    return stub.chat(nextRequest());
  }

  /** The same stub through the gateway with everything on; the cache misses. */
  @Benchmark
  public ChatResponse gatewayCacheMiss() {
    return gateway.call(context, nextRequest()).response();
  }

  /** As {@link #gatewayCacheMiss}, with a Failsafe timeout (a timer task) around every attempt. */
  @Benchmark
  public ChatResponse gatewayCacheMissWithTimeoutPolicy() {
    return gatewayWithTimeoutPolicy.call(context, nextRequest()).response();
  }

  /** A cache hit on a 2 KB prompt. */
  @Benchmark
  public ChatResponse gatewayCacheHit2kbPrompt() {
    return gateway.call(context, bigPrompt).response();
  }
}
