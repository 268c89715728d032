package io.modelbridge.security.audit;

import io.modelbridge.core.ModelBridgeException;

/** The audit log cannot be written or read: I/O failure, torn tail on open, bad configuration. */
public class AuditException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /** @param message what was wrong, where, and what to do */
  public AuditException(String message) {
    super(message, false);
  }

  /**
   * @param message what was wrong, where, and what to do
   * @param cause the underlying failure
   */
  public AuditException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
