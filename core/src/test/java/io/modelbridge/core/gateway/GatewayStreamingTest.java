package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.offline.OfflineChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streaming through the gateway with LangChain4j's real OpenAI streaming client against a loopback server
 * that speaks the chat-completions SSE wire format.
 */
class GatewayStreamingTest {

  private static final CallContext ACME = CallContext.of("acme", "clerk-7", "order-desk");

  /** Collects what a stream delivered. */
  static final class Collector implements StreamingChatResponseHandler {
    final List<String> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    /** Opened when five chunks have arrived (for a server that must not reset before they are read). */
    final java.util.concurrent.CountDownLatch fiveChunks = new java.util.concurrent.CountDownLatch(5);

    @Override
    public void onPartialResponse(String text) {
      chunks.add(text);
      fiveChunks.countDown();
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    ChatResponse await() throws Exception {
      return done.get(30, TimeUnit.SECONDS);
    }

    Throwable awaitError() throws Exception {
      try {
        done.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        return e.getCause();
      }
      throw new AssertionError("the stream completed; an error was expected");
    }

    String text() {
      return String.join("", chunks);
    }
  }

  private static ModelGateway.Builder base() {
    return ModelGateway.builder()
        .maxRetries(2).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).timeout(Duration.ofSeconds(5))
        .noCache();
  }

  @Test
  void rateLimitedThenStream_isRetriedAndStreams() throws Exception {
    try (SseChatServer server = new SseChatServer()) {
      server.then(SseChatServer.status(429, "0")).then(SseChatServer.stream("Hello ", "world"));
      ModelGateway gw = base().openAiCompatible("primary", server.baseUrl(), "k", "m").noDegradedResponder().build();
      Collector c = new Collector();

      StreamingChatModel streaming = gw.withContext(ACME);
      streaming.chat("hi", c);

      ChatResponse response = c.await();
      assertThat(c.chunks).containsExactly("Hello ", "world");
      assertThat(response.aiMessage().text()).isEqualTo("Hello world");
      assertThat(server.requests()).isEqualTo(2);
      assertThat(gw.metrics().retries()).isEqualTo(1);
      assertThat(gw.tokensSpent("acme")).isZero();
    }
  }

  @Test
  void resetBeforeFirstToken_fallsBackToNextProvider() throws Exception {
    try (SseChatServer down = new SseChatServer(); SseChatServer up = new SseChatServer()) {
      down.otherwise(SseChatServer.resetAfter(0));
      up.then(SseChatServer.stream("from ", "backup"));
      ModelGateway gw = base().maxRetries(1)
          .openAiCompatible("primary", down.baseUrl(), "k", "m")
          .openAiCompatible("backup", up.baseUrl(), "k", "m")
          .noDegradedResponder().build();
      Collector c = new Collector();

      gw.stream(ACME, dev.langchain4j.model.chat.request.ChatRequest.builder()
          .messages(dev.langchain4j.data.message.UserMessage.from("hi")).build(), c);

      assertThat(c.await().aiMessage().text()).isEqualTo("from backup");
      assertThat(c.text()).isEqualTo("from backup");
      assertThat(down.requests()).isEqualTo(2);
      assertThat(gw.metrics().fallbacks()).isEqualTo(1);
    }
  }

  @Test
  void resetAfterFiveTokens_isTypedPartialFailure_withoutDuplicateText() throws Exception {
    try (SseChatServer primary = new SseChatServer(); SseChatServer backup = new SseChatServer()) {
      String[] tokens = SseChatServer.five().toArray(String[]::new);
      Collector c = new Collector();
      primary.then(SseChatServer.resetAfter(5, c.fiveChunks, tokens));
      ModelGateway gw = base()
          .openAiCompatible("primary", primary.baseUrl(), "k", "m")
          .openAiCompatible("backup", backup.baseUrl(), "k", "m")
          .build();

      gw.withContext(ACME).chat("count", c);

      Throwable error = c.awaitError();
      assertThat(error).isInstanceOf(StreamInterruptedException.class);
      StreamInterruptedException partial = (StreamInterruptedException) error;
      assertThat(partial.chunksDelivered()).isEqualTo(5);
      assertThat(partial.charsDelivered()).isEqualTo(String.join("", tokens).length());
      assertThat(partial.provider()).isEqualTo("primary");
      assertThat(partial.isRetryable()).isFalse();
      assertThat(c.text()).isEqualTo("One two three four five ");
      assertThat(primary.requests()).as("never retried after the first token").isEqualTo(1);
      assertThat(backup.requests()).as("never handed over after the first token").isZero();
    }
  }

  @Test
  void idleStall_endsInTimeoutPartialFailure() throws Exception {
    try (SseChatServer server = new SseChatServer()) {
      server.then(SseChatServer.stallAfter(2, "Hello ", "wor"));
      ModelGateway gw = base().streamIdleTimeout(Duration.ofMillis(200))
          .openAiCompatible("primary", server.baseUrl(), "k", "m").build();
      Collector c = new Collector();

      gw.withContext(ACME).chat("hi", c);

      Throwable error = c.awaitError();
      assertThat(error).isInstanceOf(StreamInterruptedException.class);
      assertThat(((StreamInterruptedException) error).reason()).isEqualTo(ProviderException.Reason.TIMEOUT);
      assertThat(((StreamInterruptedException) error).chunksDelivered()).isEqualTo(2);
      assertThat(c.text()).isEqualTo("Hello wor");
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void stallBeforeFirstToken_isRetriedAsTimeout() throws Exception {
    try (SseChatServer server = new SseChatServer()) {
      server.then(SseChatServer.stallAfter(0)).then(SseChatServer.stream("late ", "but whole"));
      ModelGateway gw = base().timeout(Duration.ofMillis(300))
          .openAiCompatible("primary", server.baseUrl(), "k", "m").noDegradedResponder().build();
      Collector c = new Collector();

      gw.withContext(ACME).chat("hi", c);

      assertThat(c.await().aiMessage().text()).isEqualTo("late but whole");
      assertThat(c.text()).isEqualTo("late but whole");
      assertThat(gw.metrics().providerFailuresByReason()).containsKey(ProviderException.Reason.TIMEOUT);
    }
  }

  @Test
  void breakerOpens_thenProviderIsNotAsked_andDegradedAnswersAsOneChunk() throws Exception {
    try (SseChatServer server = new SseChatServer()) {
      server.otherwise(SseChatServer.status(503, null));
      ModelGateway gw = base().maxRetries(0).circuitBreaker(2, Duration.ofMinutes(5))
          .openAiCompatible("primary", server.baseUrl(), "k", "m").build();
      for (int i = 0; i < 2; i++) {
        Collector c = new Collector();
        gw.withContext(ACME).chat("Which orders are open?", c);
        c.await();
      }
      int asked = server.requests();
      Collector c = new Collector();

      gw.withContext(ACME).chat("Which orders are open?", c);

      ChatResponse degraded = c.await();
      assertThat(server.requests()).as("breaker open: not asked").isEqualTo(asked).isEqualTo(2);
      assertThat(c.chunks).hasSize(1);
      assertThat(c.text()).isEqualTo(degraded.aiMessage().text()).startsWith(OfflineChatModel.LABEL);
      assertThat(gw.metrics().providerFailuresByReason()).containsKey(ProviderException.Reason.CIRCUIT_OPEN);
    }
  }

  @Test
  void listeners_seeOneRequestAndResponsePerCall_withProviderAndAttempts() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    List<Map<Object, Object>> attributes = new CopyOnWriteArrayList<>();
    ChatModelListener listener = new ChatModelListener() {
      @Override
      public void onRequest(ChatModelRequestContext ctx) {
        events.add("request");
      }

      @Override
      public void onResponse(ChatModelResponseContext ctx) {
        events.add("response");
        attributes.add(Map.copyOf(ctx.attributes()));
      }

      @Override
      public void onError(ChatModelErrorContext ctx) {
        events.add("error");
      }
    };
    try (SseChatServer server = new SseChatServer()) {
      server.then(SseChatServer.status(503, null)).then(SseChatServer.stream("ok"));
      ModelGateway gw = base().listeners(listener)
          .openAiCompatible("primary", server.baseUrl(), "k", "m").build();
      Collector c = new Collector();

      gw.withContext(ACME).chat("hi", c);
      c.await();
      gw.withContext(ACME).chat("sync after the script: the server streams, the sync client fails, offline answers");

      assertThat(events).containsExactly("request", "response", "request", "response");
      assertThat(attributes.get(0)).containsEntry(ModelGateway.PROVIDER_ATTRIBUTE, "primary")
          .containsEntry(ModelGateway.ATTEMPTS_ATTRIBUTE, 2).containsEntry(ModelGateway.CACHED_ATTRIBUTE, false)
          .containsEntry(ModelGateway.DEGRADED_ATTRIBUTE, false).containsEntry(ModelGateway.STREAMED_ATTRIBUTE, true);
      assertThat(attributes.get(1)).containsEntry(ModelGateway.DEGRADED_ATTRIBUTE, true)
          .containsEntry(ModelGateway.STREAMED_ATTRIBUTE, false);
    }
  }

  @Test
  void capabilities_areTheIntersectionOfTheChain() {
    ModelGateway offlineOnly = ModelGateway.builder().offline().build();
    ModelGateway withPlain = ModelGateway.builder().offline()
        .provider("plain", new dev.langchain4j.model.chat.ChatModel() {}).build();

    assertThat(withPlain.supportedCapabilities()).doesNotContain(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    assertThat(offlineOnly.supportedCapabilities())
        .isEqualTo(new OfflineChatModel().supportedCapabilities());
  }

  @Test
  void missingContext_failsWhenConfigured_andNamesTheFix() {
    ModelGateway gw = ModelGateway.builder().offline().missingContext(ModelGateway.MissingContext.FAIL).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gw.chat("hi"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withContext");
    assertThat(gw.withContext(ACME).chat("hi")).isNotBlank();
  }
}
