package io.modelbridge.core.gateway.internal;

import dev.failsafe.FailsafeException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.gateway.ProviderException;
import io.modelbridge.core.gateway.StreamInterruptedException;
import io.modelbridge.core.hook.ModelAnswer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers in order, each behind its own retry, breaker, rate limit, bulkhead and timeout; a provider
 * that gives up hands over to the next, and after the last the rest of the chain (the degraded responder)
 * answers. A stream that broke off after its first token is not handed over: that would repeat text.
 */
public final class FailoverLink implements Link {

  private static final Logger LOG = LoggerFactory.getLogger("io.modelbridge.core.gateway.ModelGateway");

  private final List<Provider> providers;
  private final boolean degradedNext;
  private final String degradedName;
  private final MetricsRecorder metrics;
  private final Duration timeout;
  private final Duration idleTimeout;
  private final Executor streams;

  /**
   * @param providers tried in order
   * @param degradedName the name of the degraded responder after them, or null when there is none
   * @param timeout a stream's deadline for its first token
   * @param idleTimeout a stream's longest silence between tokens
   * @param streams runs the providers' streams
   */
  public FailoverLink(List<Provider> providers, String degradedName, MetricsRecorder metrics,
      Duration timeout, Duration idleTimeout, Executor streams) {
    this.providers = List.copyOf(providers);
    this.degradedNext = degradedName != null;
    this.degradedName = degradedName;
    this.metrics = metrics;
    this.timeout = timeout;
    this.idleTimeout = idleTimeout;
    this.streams = streams;
  }

  @Override
  public ModelAnswer intercept(Exchange exchange, Chain next) {
    ChatRequest req = exchange.request();
    for (int i = 0; i < providers.size(); i++) {
      Provider provider = providers.get(i);
      int[] tries = {0};
      try {
        ChatResponse response = exchange.streaming() && provider.streaming().isPresent()
            ? provider.streamExecutor().get(ctx -> {
                tries[0]++;
                metrics.attempt();
                return StreamingAttempt.run(provider.name(), tries[0], provider.streaming().get(), req,
                    exchange.sink().orElseThrow(), timeout, idleTimeout, streams);
              })
            : provider.executor().get(ctx -> {
                tries[0]++;
                metrics.attempt();
                try {
                  return provider.model().chat(req);
                } catch (RuntimeException e) {
                  throw FailureClassifier.classify(provider.name(), tries[0], e);
                }
              });
        exchange.addAttempts(tries[0]);
        return new ModelAnswer(response, provider.name(), false, false, exchange.attempts(), exchange.elapsed());
      } catch (StreamInterruptedException e) {
        exchange.addAttempts(tries[0]);
        metrics.failure(e.reason());
        LOG.info("gateway.stream.interrupted tenant={} provider={} chunks={} chars={} reason={} (not retried)",
            exchange.context().tenant(), provider.name(), e.chunksDelivered(), e.charsDelivered(), e.reason());
        throw e;
      } catch (RuntimeException e) {
        exchange.addAttempts(tries[0]);
        ProviderException failure = FailureClassifier.classify(provider.name(), tries[0], unwrap(e));
        if (!failure.isRetryable()) {
          // Retryable failures were counted per attempt by the retry policy.
          metrics.failure(failure.reason());
        }
        exchange.failures().add(failure);
        boolean more = i + 1 < providers.size() || degradedNext;
        if (more) {
          metrics.fallback();
        }
        LOG.info("gateway.provider.failed tenant={} provider={} attempts={} reason={} status={} next={}",
            exchange.context().tenant(), provider.name(), tries[0], failure.reason(),
            failure.statusCode().map(String::valueOf).orElse("-"),
            i + 1 < providers.size() ? providers.get(i + 1).name() : degradedNext ? degradedName : "none");
      }
    }
    return next.proceed(exchange);
  }

  private static Throwable unwrap(RuntimeException e) {
    return e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
  }
}
