package io.modelbridge.security.pii;

import io.modelbridge.core.ModelBridgeException;

/** PII protection failed (hashing, encryption, decryption); the message never holds personal data. */
public class PiiException extends ModelBridgeException {

  /** A non-retryable failure with its cause (may be null). */
  public PiiException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
