package io.modelbridge.security.crypto;

import io.modelbridge.core.ModelBridgeException;

/**
 * Root of encryption failures. Messages never contain plaintext or key material.
 */
public class CryptoException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /** @param message what was wrong, where, and what to do */
  public CryptoException(String message) {
    super(message, false);
  }

  /**
   * @param message what was wrong, where, and what to do
   * @param cause the platform failure
   */
  public CryptoException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
