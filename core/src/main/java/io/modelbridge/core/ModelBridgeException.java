package io.modelbridge.core;

/**
 * Root of every exception ModelBridge throws. Unchecked; {@link #isRetryable()} tells a caller whether the
 * same call may succeed if it is tried again (a timeout, an unavailable system) or never will (bad input,
 * a refusal, a spent budget).
 *
 * <p>Messages say what was wrong, where, and what to do, and never contain personal data in clear.
 */
public class ModelBridgeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * @param message what was wrong, where, and what to do
   * @param retryable whether repeating the same call may succeed
   */
  public ModelBridgeException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /**
   * @param message what was wrong, where, and what to do
   * @param cause the underlying failure
   * @param retryable whether repeating the same call may succeed
   */
  public ModelBridgeException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether repeating the same call may succeed. */
  public boolean isRetryable() {
    return retryable;
  }
}
