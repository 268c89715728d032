package io.modelbridge.core.gateway.internal;

import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;

/**
 * The call hooks: {@code beforeRequest} on the way in (may rewrite or refuse), {@code afterResponse} on the
 * answer, {@code onError} with the typed failure. For a stream, {@code afterResponse} sees the complete
 * answer once, after its last chunk.
 */
public final class HooksLink implements Link {

  private final HookChain hooks;
  private final MetricsRecorder metrics;

  /** Runs {@code hooks}. */
  public HooksLink(HookChain hooks, MetricsRecorder metrics) {
    this.hooks = hooks;
    this.metrics = metrics;
  }

  @Override
  public ModelAnswer intercept(Exchange exchange, Chain next) {
    ModelCall call = new ModelCall(exchange.context(), exchange.request());
    try {
      call = hooks.beforeRequest(call);
    } catch (CallRefusedException e) {
      metrics.refusedByHook();
      hooks.onError(call, e);
      throw e;
    }
    exchange.request(call.request());
    ModelAnswer answer;
    try {
      answer = next.proceed(exchange);
    } catch (ModelBridgeException e) {
      hooks.onError(call, e);
      throw e;
    }
    return hooks.afterResponse(call, answer);
  }
}
