package io.modelbridge.core.hook;

import io.modelbridge.core.ModelBridgeException;

/**
 * A hook refused a model call or a tool call. Not retryable: the same call will be refused again.
 */
public class CallRefusedException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final String hook;

  /**
   * @param hook the name of the hook that refused
   * @param reason why, without personal data
   */
  public CallRefusedException(String hook, String reason) {
    super("Call refused by hook '" + hook + "': " + reason, false);
    this.hook = hook;
  }

  /**
   * @param hook the name of the hook that refused
   * @param reason why, without personal data
   * @param cause the underlying failure
   */
  public CallRefusedException(String hook, String reason, Throwable cause) {
    super("Call refused by hook '" + hook + "': " + reason, cause, false);
    this.hook = hook;
  }

  /** The name of the hook that refused. */
  public String hook() {
    return hook;
  }
}
