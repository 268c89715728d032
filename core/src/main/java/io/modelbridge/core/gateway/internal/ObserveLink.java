package io.modelbridge.core.gateway.internal;

import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.hook.ModelAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Outermost link: counts the call, its latency and its failure, and logs one line for it. */
public final class ObserveLink implements Link {

  private static final Logger LOG = LoggerFactory.getLogger("io.modelbridge.core.gateway.ModelGateway");

  private final MetricsRecorder metrics;

  /** Records into {@code metrics}. */
  public ObserveLink(MetricsRecorder metrics) {
    this.metrics = metrics;
  }

  @Override
  public ModelAnswer intercept(Exchange exchange, Chain next) {
    metrics.call();
    ModelAnswer answer;
    try {
      answer = next.proceed(exchange);
    } catch (ModelBridgeException e) {
      metrics.failedCall();
      metrics.latency(System.nanoTime() - exchange.startNanos());
      LOG.warn("gateway.call.failed tenant={} correlationId={} error={}",
          exchange.context().tenant(), exchange.context().correlationId(), e.getClass().getSimpleName());
      throw e;
    }
    long nanos = System.nanoTime() - exchange.startNanos();
    metrics.latency(nanos);
    if (LOG.isDebugEnabled()) {
      LOG.debug("gateway.call tenant={} correlationId={} provider={} attempts={} cached={} degraded={} streamed={} latencyMicros={}",
          exchange.context().tenant(), exchange.context().correlationId(), answer.provider(), answer.attempts(),
          answer.cached(), answer.degraded(), exchange.streaming(), nanos / 1000);
    }
    return answer;
  }
}
