package io.modelbridge.core.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.gateway.ProviderException.Reason;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  @Test
  void plainRuntimeExceptionHttp503_isServerErrorAndRetried() {
    assertThat(FailureClassifier.classify("p", 1, new RuntimeException("HTTP 503")).reason())
        .isEqualTo(Reason.SERVER_ERROR);
    assertThat(FailureClassifier.classify("p", 1,
        new IllegalStateException("wrapped", new RuntimeException("status code: 429"))).reason())
        .isEqualTo(Reason.RATE_LIMITED);
    assertThat(FailureClassifier.classify("p", 1, new RuntimeException("order 5031 not found")).reason())
        .isEqualTo(Reason.OTHER);

    AtomicInteger calls = new AtomicInteger();
    ModelGateway gw = ModelGateway.builder().backoff(Duration.ZERO, Duration.ZERO).maxRetries(2)
        .provider("flaky", new dev.langchain4j.model.chat.ChatModel() {
          @Override
          public dev.langchain4j.model.chat.response.ChatResponse doChat(
              dev.langchain4j.model.chat.request.ChatRequest request) {
            calls.incrementAndGet();
            throw new RuntimeException("HTTP 503");
          }
        }).build();
    gw.withContext(io.modelbridge.core.CallContext.of("acme", "u", "p")).chat("hi");
    assertThat(calls).hasValue(3);
  }
}
