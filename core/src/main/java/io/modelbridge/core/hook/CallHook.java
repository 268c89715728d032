package io.modelbridge.core.hook;

import io.modelbridge.core.ModelBridgeException;

/**
 * One link in the hook chain. Every method has a no-op default, so a hook implements only what it needs.
 * See the package description for ordering and failure rules.
 */
public interface CallHook {

  /**
   * A short name used in logs and refusal messages; defaults to the class's simple name (its full name
   * for an anonymous class).
   */
  default String name() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? getClass().getName() : simple;
  }

  /**
   * Before a model request leaves for a provider (and before the cache is consulted).
   *
   * @return the request to continue with: {@code call.request()} unchanged, or a rewritten one
   * @throws CallRefusedException to refuse the call; any other exception also refuses it
   */
  default ModelCall beforeRequest(ModelCall call) {
    return call;
  }

  /**
   * After a provider (or the cache, or the degraded responder) answered.
   *
   * @param call the call as it was sent, after every {@code beforeRequest} rewrite
   * @return the answer to continue with: {@code answer} unchanged, or one with a rewritten response
   */
  default ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
    return answer;
  }

  /** After the call failed for good; {@code error} says which provider, attempt and why. */
  default void onError(ModelCall call, ModelBridgeException error) {}

  /**
   * Before a tool runs (after the model asked for it and policy allowed it to be visible).
   *
   * @return the call to continue with, possibly with rewritten arguments (for example restored personal
   *     data before it reaches an adapter)
   * @throws CallRefusedException to refuse the tool call
   */
  default ToolCall beforeToolCall(ToolCall call) {
    return call;
  }

  /**
   * After a tool call ended, whatever the outcome: executed, refused by policy, rejected by the approver,
   * invalid arguments, or failed.
   *
   * @return the outcome to continue with, possibly with a rewritten result text (for example
   *     pseudonymized before it goes back to the model)
   */
  default ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
    return outcome;
  }
}
