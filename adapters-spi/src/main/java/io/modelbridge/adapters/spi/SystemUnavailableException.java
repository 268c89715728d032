package io.modelbridge.adapters.spi;

/** The system could not be reached or is overloaded (connection refused, timeout, 5xx, 429). Retryable. */
public class SystemUnavailableException extends AdapterException {

  private static final long serialVersionUID = 1L;

  /** See {@link AdapterException#AdapterException}. */
  public SystemUnavailableException(String systemId, String operation, String message, Throwable cause) {
    super(systemId, operation, message, true, cause);
  }
}
