package io.modelbridge.mapping.reconcile;

import io.modelbridge.core.ModelBridgeException;

/**
 * A reconciliation could not run: an input claimed to be ordered is not, or spilling to temporary files
 * failed. The message says which side and what to do.
 */
public class ReconciliationException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, where, and what to do
   * @param cause the underlying failure, or null
   * @param retryable whether repeating may succeed (true for I/O failures)
   */
  public ReconciliationException(String message, Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }
}
