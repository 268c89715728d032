package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.internal.RequestKeys;
import io.modelbridge.core.hook.ModelAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the gateway: cache isolation, retry bound, budgets under concurrency. */
class GatewayProperties {

  record Req(String tenant, String prompt) {}

  @Provide
  Arbitrary<List<Req>> calls() {
    Arbitrary<String> tenants = Arbitraries.of("acme", "globex", "initech");
    Arbitrary<String> prompts = Arbitraries.of("orders?", "orders? ", "Orders?", "invoices?", "orders?\r\n", "o");
    return net.jqwik.api.Combinators.combine(tenants, prompts).as(Req::new).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 200)
  void cacheNeverAnswersForAnotherRequestOrTenant(@ForAll("calls") List<Req> calls) {
    AtomicInteger counter = new AtomicInteger();
    ChatModel unique = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from("answer-" + counter.incrementAndGet())).build();
      }
    };
    ModelGateway gw = ModelGateway.builder().provider("unique", unique).build();
    Map<String, String> firstAnswer = new HashMap<>();
    List<String> seen = new ArrayList<>();
    for (Req r : calls) {
      ChatRequest request = ChatRequest.builder().messages(UserMessage.from(r.prompt())).temperature(0.0).build();
      ModelAnswer a = gw.call(CallContext.of(r.tenant(), "p", "test"), request);
      String text = a.response().aiMessage().text();
      // Trailing blanks and line endings are normalized away; everything else distinguishes requests.
      String key = r.tenant() + "|" + r.prompt().stripTrailing();
      String expected = firstAnswer.get(key);
      if (expected == null) {
        assertThat(a.cached()).isFalse();
        assertThat(seen).doesNotContain(text);
        firstAnswer.put(key, text);
      } else {
        assertThat(a.cached()).isTrue();
        assertThat(text).isEqualTo(expected);
      }
      seen.add(text);
    }
  }

  @Property(tries = 100)
  void retriesNeverExceedTheConfiguredCount(
      @ForAll @IntRange(min = 0, max = 4) int maxRetries, @ForAll @IntRange(min = 0, max = 7) int failuresFirst) {
    AtomicInteger calls = new AtomicInteger();
    ChatModel flaky = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        if (calls.incrementAndGet() <= failuresFirst) {
          throw new InternalServerException("temporarily broken");
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
      }
    };
    ModelGateway gw = ModelGateway.builder().provider("flaky", flaky)
        .maxRetries(maxRetries).backoff(Duration.ZERO, Duration.ZERO).circuitBreaker(100, Duration.ofSeconds(1))
        .noDegradedResponder().build();
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("q")).build();
    try {
      ModelAnswer a = gw.call(CallContext.anonymous(), request);
      assertThat(failuresFirst).isLessThanOrEqualTo(maxRetries);
      assertThat(a.attempts()).isEqualTo(failuresFirst + 1);
    } catch (AllProvidersFailedException e) {
      assertThat(failuresFirst).isGreaterThan(maxRetries);
      assertThat(e.failures().get(0).attempt()).isEqualTo(maxRetries + 1);
    }
    assertThat(calls.get()).isLessThanOrEqualTo(maxRetries + 1);
    assertThat(gw.metrics().retries()).isLessThanOrEqualTo(maxRetries);
  }

  @Property(tries = 40)
  void budgetIsNeverExceededUnderConcurrentCalls(
      @ForAll @IntRange(min = 2, max = 6) int threads,
      @ForAll @IntRange(min = 1, max = 15) int callsPerThread,
      @ForAll @IntRange(min = 30, max = 600) int limit,
      @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 40) Integer> maxOutputs) throws Exception {
    ChatModel reporting = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        long reserved = RequestKeys.estimateInputTokens(request) + request.maxOutputTokens();
        int used = ThreadLocalRandom.current().nextInt((int) reserved + 1);
        if (ThreadLocalRandom.current().nextBoolean()) {
          Thread.onSpinWait();
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("ok")).tokenUsage(new TokenUsage(used, 0)).build();
      }
    };
    ModelGateway gw = ModelGateway.builder().provider("reporting", reporting).noCache()
        .tokenBudget(limit, Duration.ofDays(1)).build();
    ConcurrentLinkedQueue<Integer> used = new ConcurrentLinkedQueue<>();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread w = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < callsPerThread; i++) {
          ChatRequest request = ChatRequest.builder().messages(UserMessage.from("count the orders " + i))
              .maxOutputTokens(maxOutputs.get((i + offset) % maxOutputs.size())).build();
          try {
            ModelAnswer a = gw.call(CallContext.of("acme", "p", "test"), request);
            used.add(a.response().tokenUsage().totalTokenCount());
          } catch (BudgetExceededException e) {
            refused.incrementAndGet();
          }
        }
      });
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    long spent = used.stream().mapToLong(Integer::longValue).sum();
    assertThat(spent).isLessThanOrEqualTo(limit);
    assertThat(gw.tokensSpent("acme")).isEqualTo(spent);
    assertThat(used.size() + refused.get()).isEqualTo(threads * callsPerThread);
    assertThat(gw.metrics().budgetRefusals()).isEqualTo(refused.get());
  }
}
