package io.modelbridge.security.pii.eval;

import io.modelbridge.core.ModelBridgeException;

/** A labelled file could not be read: the message names the source, the line and what to fix. */
public class InvalidLabelsException extends ModelBridgeException {

  private final int line;

  /**
   * A non-retryable failure.
   *
   * @param message what was wrong, where, and what to do; never personal data
   * @param line the 1-based line of the file, or 0 when the file as a whole failed
   * @param cause the underlying failure (may be null)
   */
  public InvalidLabelsException(String message, int line, Throwable cause) {
    super(message, cause, false);
    this.line = line;
  }

  /** The 1-based line that failed, or 0 when the failure is not one line's. */
  public int line() {
    return line;
  }
}
