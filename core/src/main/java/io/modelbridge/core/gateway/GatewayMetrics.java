package io.modelbridge.core.gateway;

import java.util.Map;

/**
 * A snapshot of a gateway's counters since it was built, from {@link ModelGateway#metrics()}. No
 * Micrometer needed; publish the fields to whatever the application uses.
 *
 * @param calls model calls received (including refused and failed ones)
 * @param cacheHits calls answered from the response cache
 * @param cacheMisses cacheable calls the cache could not answer
 * @param attempts provider attempts made
 * @param retries attempts that were retries of a failed attempt at the same provider
 * @param fallbacks times a provider gave up and the next one (or the degraded responder) was asked
 * @param degradedAnswers calls answered by the degraded responder
 * @param failedCalls calls that ended in an exception for the caller (any reason)
 * @param hookRefusals calls refused by a hook
 * @param budgetRefusals calls refused because a tenant's token budget was spent
 * @param providerFailuresByReason provider failures (per attempt or skipped provider) by reason; unmodifiable
 * @param latency end-to-end latency of finished calls
 */
public record GatewayMetrics(
    long calls,
    long cacheHits,
    long cacheMisses,
    long attempts,
    long retries,
    long fallbacks,
    long degradedAnswers,
    long failedCalls,
    long hookRefusals,
    long budgetRefusals,
    Map<ProviderException.Reason, Long> providerFailuresByReason,
    Latency latency) {

  /** Copies the map. */
  public GatewayMetrics {
    providerFailuresByReason = Map.copyOf(providerFailuresByReason);
  }

  /**
   * Latency of finished calls in microseconds. Percentiles come from power-of-two buckets: the value is the
   * upper bound of the bucket, so it is accurate within a factor of two.
   *
   * @param count finished calls measured
   * @param meanMicros mean
   * @param p50Micros median (bucket upper bound)
   * @param p99Micros 99th percentile (bucket upper bound)
   * @param maxMicros exact maximum
   */
  public record Latency(long count, long meanMicros, long p50Micros, long p99Micros, long maxMicros) {}
}
