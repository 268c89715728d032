package io.modelbridge.core.gateway.internal;

import io.modelbridge.core.hook.ModelAnswer;

/**
 * One concern of a gateway call (hooks, cache, budget, failover, degraded answer), in the style of OkHttp's
 * interceptors: it does its part, asks the rest of the chain with {@link Chain#proceed(Exchange)}, and does
 * the rest of its part on the way back. The same links serve the synchronous and the streaming path; a link
 * that must behave differently for a stream asks {@link Exchange#streaming()}.
 */
@FunctionalInterface
public interface Link {

  /**
   * Handles {@code exchange}, usually by passing it on to {@code next}.
   *
   * @throws io.modelbridge.core.ModelBridgeException when the call fails for good at this link or below
   */
  ModelAnswer intercept(Exchange exchange, Chain next);
}
