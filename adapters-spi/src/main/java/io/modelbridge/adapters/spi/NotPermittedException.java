package io.modelbridge.adapters.spi;

/** The system refused the call for lack of rights (a read-only account, a 403). Not retryable. */
public class NotPermittedException extends AdapterException {

  private static final long serialVersionUID = 1L;

  /** See {@link AdapterException#AdapterException}. */
  public NotPermittedException(String systemId, String operation, String message, Throwable cause) {
    super(systemId, operation, message, false, cause);
  }
}
