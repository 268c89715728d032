package io.modelbridge.core.gateway.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.gateway.AllProvidersFailedException;
import io.modelbridge.core.hook.ModelAnswer;
import java.util.Optional;

/**
 * Last link: every provider failed. The degraded responder answers (marked degraded), or the call fails
 * with every provider's failure.
 */
public final class DegradedLink implements Link {

  private final Optional<ChatModel> degraded;
  private final String name;
  private final MetricsRecorder metrics;

  /** Answers with {@code degraded}, named {@code name}, when present. */
  public DegradedLink(Optional<ChatModel> degraded, String name, MetricsRecorder metrics) {
    this.degraded = degraded;
    this.name = name;
    this.metrics = metrics;
  }

  @Override
  public ModelAnswer intercept(Exchange exchange, Chain next) {
    if (degraded.isPresent()) {
      try {
        ChatResponse response = degraded.get().chat(exchange.request());
        metrics.degraded();
        return new ModelAnswer(response, name, false, true, exchange.attempts(), exchange.elapsed());
      } catch (RuntimeException e) {
        exchange.failures().add(FailureClassifier.classify(name, 1, e));
      }
    }
    throw new AllProvidersFailedException(exchange.failures());
  }
}
