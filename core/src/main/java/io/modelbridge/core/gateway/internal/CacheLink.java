package io.modelbridge.core.gateway.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.hook.ModelAnswer;

/**
 * The response cache, for deterministic requests only (temperature 0, or the context attribute
 * {@code modelbridge.deterministic=true}); keys isolate tenants. A provider's answer is stored, a degraded one
 * is not. A streamed request that hits is answered from the cache and replayed as one chunk.
 */
public final class CacheLink implements Link {

  /** Context attribute that marks a request deterministic (cacheable) whatever its temperature. */
  public static final String DETERMINISTIC_ATTRIBUTE = "modelbridge.deterministic";

  private final Cache<RequestKeys.Key, ChatResponse> cache;
  private final String modelId;
  private final MetricsRecorder metrics;

  /** A cache with {@code settings}, keyed also by {@code modelId} (the providers and their models). */
  public CacheLink(GatewaySettings.Cache settings, String modelId, MetricsRecorder metrics) {
    // Eviction and expiry work runs on the calling thread: a hand-off to the common pool per write costs a
    // thread wake-up, which is more than the work itself.
    this.cache = Caffeine.newBuilder().expireAfterWrite(settings.ttl()).maximumSize(settings.maxSize())
        .executor(Runnable::run).build();
    this.modelId = modelId;
    this.metrics = metrics;
  }

  @Override
  public ModelAnswer intercept(Exchange exchange, Chain next) {
    if (!deterministic(exchange)) {
      return next.proceed(exchange);
    }
    RequestKeys.Key key = RequestKeys.key(exchange.context().tenant(), modelId, exchange.request());
    ChatResponse hit = cache.getIfPresent(key);
    if (hit != null) {
      metrics.cacheHit();
      return new ModelAnswer(hit, "cache", true, false, 0, exchange.elapsed());
    }
    metrics.cacheMiss();
    ModelAnswer answer = next.proceed(exchange);
    if (!answer.degraded() && !answer.cached()) {
      cache.put(key, answer.response());
    }
    return answer;
  }

  private static boolean deterministic(Exchange exchange) {
    Double t = exchange.request().temperature();
    return (t != null && t == 0.0)
        || "true".equalsIgnoreCase(exchange.context().attributes().get(DETERMINISTIC_ATTRIBUTE));
  }
}
