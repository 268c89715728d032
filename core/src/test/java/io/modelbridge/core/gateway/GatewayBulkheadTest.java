package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ProviderException.Reason;
import io.modelbridge.core.hook.ModelAnswer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayBulkheadTest {

  @Test
  void fullBulkhead_handsTheCallToTheNextProvider() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChatModel blocking = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        inside.countDown();
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("slow one")).build();
      }
    };
    ChatModel spare = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from("spare")).build();
      }
    };
    ModelGateway gw = ModelGateway.builder()
        .provider("narrow", blocking).provider("spare", spare)
        .bulkhead(1, Duration.ZERO).noDegradedResponder().build();
    ChatRequest q = ChatRequest.builder().messages(UserMessage.from("q")).build();

    CompletableFuture<ModelAnswer> first = CompletableFuture.supplyAsync(() -> gw.call(CallContext.anonymous(), q));
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    ModelAnswer second = gw.call(CallContext.anonymous(), q);
    release.countDown();

    assertThat(second.provider()).isEqualTo("spare");
    assertThat(gw.metrics().providerFailuresByReason()).containsEntry(Reason.BULKHEAD_FULL, 1L);
    assertThat(first.get(5, TimeUnit.SECONDS).provider()).isEqualTo("narrow");
  }

  @Test
  void usedUpRateLimit_handsTheCallToTheNextProvider_withoutSendingIt() {
    java.util.concurrent.atomic.AtomicInteger limitedCalls = new java.util.concurrent.atomic.AtomicInteger();
    ChatModel limited = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        limitedCalls.incrementAndGet();
        return ChatResponse.builder().aiMessage(AiMessage.from("limited")).build();
      }
    };
    ChatModel spare = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from("spare")).build();
      }
    };
    ModelGateway gw = ModelGateway.builder()
        .provider("limited", limited).provider("spare", spare)
        .rateLimit(1, Duration.ofMinutes(1), Duration.ZERO).noDegradedResponder().build();
    ChatRequest q = ChatRequest.builder().messages(UserMessage.from("q")).build();

    assertThat(gw.call(CallContext.anonymous(), q).provider()).isEqualTo("limited");
    assertThat(gw.call(CallContext.anonymous(), q).provider()).isEqualTo("spare");

    assertThat(limitedCalls).hasValue(1);
    assertThat(gw.metrics().providerFailuresByReason()).containsEntry(Reason.RATE_LIMITED_LOCALLY, 1L);
  }
}
