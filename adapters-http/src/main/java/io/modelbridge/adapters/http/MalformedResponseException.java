package io.modelbridge.adapters.http;

import io.modelbridge.adapters.spi.AdapterException;

/**
 * The system answered, but not with what the operation's declaration expects: the body is not JSON, the
 * records pointer names no array, a key field is missing or a value has the wrong type. Not retryable:
 * either the system changed its API or the declaration ({@link HttpApiSpec}) is wrong. The message names
 * the operation, the JSON pointer and what was expected, never the response body itself (it may hold
 * personal data).
 */
public class MalformedResponseException extends AdapterException {

  private static final long serialVersionUID = 1L;

  /** See {@link AdapterException#AdapterException}. */
  public MalformedResponseException(String systemId, String operation, String message, Throwable cause) {
    super(systemId, operation, message, false, cause);
  }
}
