package io.modelbridge.core.gateway.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.CallHook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Everything a gateway is built from, immutable. The builder of {@code ModelGateway} fills it in and
 * {@code toBuilder()} starts from it again, so there is one copy of the configuration and no field-by-field
 * clone.
 *
 * @param providers the providers in the order they are tried
 * @param timeout per-attempt timeout (for a stream: until its first token)
 * @param streamIdleTimeout longest silence between two tokens of a stream
 * @param retry retry per provider
 * @param breaker circuit breaker per provider
 * @param bulkhead bulkhead per provider
 * @param rateLimit rate limit per provider, if any
 * @param cache response cache, if on
 * @param budget token budgets
 * @param degraded the degraded responder, if any
 * @param degradedName its name
 * @param hooks the call hooks, in order
 * @param listeners LangChain4j listeners told of every gateway call
 * @param clock places calls in budget windows
 * @param streamingExecutor runs streamed calls and the provider streams they read
 * @param missingContext what a call without a bound {@code CallContext} does
 */
public record GatewaySettings(
    List<ProviderSpec> providers,
    Duration timeout,
    Duration streamIdleTimeout,
    Retry retry,
    Breaker breaker,
    Bulkhead bulkhead,
    Optional<RateLimit> rateLimit,
    Optional<Cache> cache,
    Budget budget,
    Optional<ChatModel> degraded,
    String degradedName,
    List<CallHook> hooks,
    List<ChatModelListener> listeners,
    Clock clock,
    Optional<Executor> streamingExecutor,
    ModelGateway.MissingContext missingContext) {

  /** Copies the lists. */
  public GatewaySettings {
    providers = List.copyOf(providers);
    hooks = List.copyOf(hooks);
    listeners = List.copyOf(listeners);
  }

  /** Retry per provider: retries after the first attempt, exponential backoff with jitter, Retry-After cap. */
  public record Retry(int maxRetries, Duration initialDelay, Duration maxDelay, double jitter, Duration maxRetryAfter) {}

  /** Circuit breaker per provider. */
  public record Breaker(int failureThreshold, Duration delay) {}

  /** Bulkhead per provider. */
  public record Bulkhead(int maxConcurrent, Duration maxWait) {}

  /** Rate limit per provider. */
  public record RateLimit(long calls, Duration period, Duration maxWait) {}

  /** Response cache for deterministic requests. */
  public record Cache(Duration ttl, long maxSize) {}

  /** Token budgets: 0 tokens for no default budget. */
  public record Budget(long tokens, Map<String, Long> tenants, Duration window, long outputReserve) {
    /** Copies the map. */
    public Budget {
      tenants = Map.copyOf(tenants);
    }
  }
}
