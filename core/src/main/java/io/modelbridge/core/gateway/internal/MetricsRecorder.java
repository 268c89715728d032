package io.modelbridge.core.gateway.internal;

import io.modelbridge.core.gateway.GatewayMetrics;
import io.modelbridge.core.gateway.ProviderException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free counters and a latency histogram with power-of-two microsecond buckets (percentiles are the
 * upper bound of the bucket they fall in, so within a factor of two).
 */
public final class MetricsRecorder {

  private final LongAdder calls = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder degraded = new LongAdder();
  private final LongAdder failedCalls = new LongAdder();
  private final LongAdder refusedByHook = new LongAdder();
  private final LongAdder budgetRefusals = new LongAdder();
  private final LongAdder[] failuresByReason = new LongAdder[ProviderException.Reason.values().length];
  private final LongAdder[] buckets = new LongAdder[64];
  private final LongAdder latencySumNanos = new LongAdder();
  private final AtomicLong latencyMaxNanos = new AtomicLong();

  /** Empty counters. */
  public MetricsRecorder() {
    for (int i = 0; i < failuresByReason.length; i++) {
      failuresByReason[i] = new LongAdder();
    }
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Counts a call received. */
  public void call() { calls.increment(); }
  /** Counts a cache hit. */
  public void cacheHit() { cacheHits.increment(); }
  /** Counts a cacheable call the cache could not answer. */
  public void cacheMiss() { cacheMisses.increment(); }
  /** Counts a provider attempt. */
  public void attempt() { attempts.increment(); }
  /** Counts a retry at the same provider. */
  public void retry() { retries.increment(); }
  /** Counts a hand-over to the next provider or the degraded responder. */
  public void fallback() { fallbacks.increment(); }
  /** Counts an answer by the degraded responder. */
  public void degraded() { degraded.increment(); }
  /** Counts a call that ended in an exception. */
  public void failedCall() { failedCalls.increment(); }
  /** Counts a call refused by a hook. */
  public void refusedByHook() { refusedByHook.increment(); }
  /** Counts a call refused by a token budget. */
  public void budgetRefusal() { budgetRefusals.increment(); }

  /** Counts one provider failure. */
  public void failure(ProviderException.Reason reason) {
    failuresByReason[reason.ordinal()].increment();
  }

  /** Records the latency of one finished call. */
  public void latency(long nanos) {
    long micros = Math.max(1, nanos / 1000);
    buckets[63 - Long.numberOfLeadingZeros(micros)].increment();
    latencySumNanos.add(nanos);
    long max;
    while (nanos > (max = latencyMaxNanos.get()) && !latencyMaxNanos.compareAndSet(max, nanos)) {
      // retry until the max is ours or larger
    }
  }

  /** A consistent-enough snapshot (each counter read once). */
  public GatewayMetrics snapshot() {
    Map<ProviderException.Reason, Long> failures = new EnumMap<>(ProviderException.Reason.class);
    for (ProviderException.Reason r : ProviderException.Reason.values()) {
      long n = failuresByReason[r.ordinal()].sum();
      if (n > 0) {
        failures.put(r, n);
      }
    }
    long[] counts = new long[buckets.length];
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets[i].sum();
      total += counts[i];
    }
    return new GatewayMetrics(
        calls.sum(), cacheHits.sum(), cacheMisses.sum(), attempts.sum(), retries.sum(), fallbacks.sum(),
        degraded.sum(), failedCalls.sum(), refusedByHook.sum(), budgetRefusals.sum(), failures,
        new GatewayMetrics.Latency(total, total == 0 ? 0 : latencySumNanos.sum() / total / 1000,
            percentile(counts, total, 0.50), percentile(counts, total, 0.99), latencyMaxNanos.get() / 1000));
  }

  private static long percentile(long[] counts, long total, double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return (1L << (i + 1)) - 1;
      }
    }
    return Long.MAX_VALUE;
  }
}
