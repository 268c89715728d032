package io.modelbridge.core.gateway.internal;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.Policy;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.gateway.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds each provider with its own Failsafe policies from the gateway's settings. */
public final class ProviderPolicies {

  private static final Logger LOG = LoggerFactory.getLogger("io.modelbridge.core.gateway.ModelGateway");

  private ProviderPolicies() {}

  /** The provider {@code spec} describes, behind retry, breaker, rate limit, bulkhead and timeout. */
  public static Provider build(ProviderSpec spec, GatewaySettings s, MetricsRecorder m) {
    String name = spec.name();
    ChatModel model = spec.chat().apply(s.timeout());
    Optional<StreamingChatModel> streaming = spec.streaming().map(f -> f.apply(s.timeout()));
    GatewaySettings.Retry r = s.retry();
    RetryPolicyBuilder<ChatResponse> retry = RetryPolicy.<ChatResponse>builder()
        .handleIf(ProviderPolicies::retryable)
        .withMaxRetries(r.maxRetries())
        // Failsafe's own backoff and jitter; the delay function only answers for a Retry-After hint and
        // returns a negative duration otherwise, which leaves the backoff in charge.
        .withDelayFn(ctx -> retryAfter(ctx.getLastException(), r.maxRetryAfter(), r.jitter()))
        .onFailedAttempt(e -> m.failure(FailureClassifier.classify(name, e.getAttemptCount(), e.getLastException()).reason()))
        .onRetry(e -> m.retry());
    // No delay set is Failsafe's default: retry at once.
    if (r.initialDelay().isZero()) {
      // nothing to set
    } else if (r.initialDelay().compareTo(r.maxDelay()) < 0) {
      retry.withBackoff(r.initialDelay(), r.maxDelay());
    } else {
      retry.withDelay(r.initialDelay());
    }
    if (r.jitter() > 0 && !r.initialDelay().isZero()) {
      retry.withJitter(r.jitter());
    }
    CircuitBreaker<ChatResponse> breaker = CircuitBreaker.<ChatResponse>builder()
        .handleIf(ProviderPolicies::retryable)
        .withFailureThreshold(s.breaker().failureThreshold())
        .withDelay(s.breaker().delay())
        .withSuccessThreshold(1)
        .onOpen(e -> LOG.warn("gateway.breaker.open provider={}", name))
        .onHalfOpen(e -> LOG.info("gateway.breaker.half-open provider={}", name))
        .onClose(e -> LOG.info("gateway.breaker.closed provider={}", name))
        .build();
    Bulkhead<ChatResponse> bulkhead = Bulkhead.<ChatResponse>builder(s.bulkhead().maxConcurrent())
        .withMaxWaitTime(s.bulkhead().maxWait())
        .build();
    // Outermost first: each retry passes the breaker, takes a rate-limit permit and a bulkhead slot, and
    // runs under its own timeout.
    List<Policy<ChatResponse>> policies = new ArrayList<>(List.of(retry.build(), breaker));
    s.rateLimit().ifPresent(rl -> policies.add(
        RateLimiter.<ChatResponse>smoothBuilder(rl.calls(), rl.period()).withMaxWaitTime(rl.maxWait()).build()));
    policies.add(bulkhead);
    List<Policy<ChatResponse>> streamPolicies = List.copyOf(policies);
    if (!spec.ownTimeout()) {
      policies.add(Timeout.<ChatResponse>builder(s.timeout()).withInterrupt().build());
    }
    return new Provider(name, model, streaming, Failsafe.with(policies), Failsafe.with(streamPolicies), breaker, bulkhead);
  }

  /** Whether the retry policy and the breaker count {@code e}. */
  public static boolean retryable(Throwable e) {
    return e instanceof TimeoutExceededException
        || (e instanceof ProviderException && ((ProviderException) e).isRetryable());
  }

  private static Duration retryAfter(Throwable last, Duration max, double jitter) {
    if (last instanceof ProviderException) {
      Optional<Duration> hint = ((ProviderException) last).retryAfter();
      if (hint.isPresent()) {
        Duration d = hint.get().compareTo(max) > 0 ? max : hint.get();
        // Failsafe spreads this delay by +/- jitter too; stretched by 1/(1 - jitter), its shortest spread is
        // still the hint (a jitter of 1 can spread any delay down to zero).
        return jitter > 0 && jitter < 1 ? Duration.ofNanos((long) Math.ceil(d.toNanos() / (1 - jitter))) : d;
      }
    }
    return NO_HINT;
  }

  private static final Duration NO_HINT = Duration.ofNanos(-1);
}
