package io.modelbridge.adapters.spi;

import java.util.Objects;

/**
 * Root of the errors an adapter throws, typed by cause. Unchecked. Messages say what was wrong, where and
 * what to do, and never contain personal data in clear (a rejected value is named by its field, not
 * repeated).
 *
 * <p>Subclasses: {@link SystemUnavailableException} (retryable), {@link InputRejectedException},
 * {@link VersionConflictException}, {@link RecordNotFoundException}, {@link NotPermittedException}.
 */
public class AdapterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String systemId;
  private final String operation;
  private final boolean retryable;

  /**
   * @param systemId the system that failed
   * @param operation the operation that failed (or {@code "-"} outside an operation)
   * @param message what was wrong and what to do
   * @param retryable whether repeating the same call may succeed
   * @param cause the underlying failure, or {@code null}
   */
  public AdapterException(String systemId, String operation, String message, boolean retryable, Throwable cause) {
    super("[" + systemId + "/" + operation + "] " + message, cause);
    this.systemId = Objects.requireNonNull(systemId, "systemId cannot be null");
    this.operation = Objects.requireNonNull(operation, "operation cannot be null");
    this.retryable = retryable;
  }

  /** The system that failed. */
  public String systemId() {
    return systemId;
  }

  /** The operation that failed. */
  public String operation() {
    return operation;
  }

  /** Whether repeating the same call may succeed. */
  public boolean isRetryable() {
    return retryable;
  }
}
