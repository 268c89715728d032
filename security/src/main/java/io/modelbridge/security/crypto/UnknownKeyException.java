package io.modelbridge.security.crypto;

/**
 * A ciphertext names a key id, or a provider's current key id points at a key, that the key provider does
 * not know. Add the key (rotation keeps old keys for reading) or check the provider's configuration.
 */
public class UnknownKeyException extends CryptoException {

  private static final long serialVersionUID = 1L;

  private final String keyId;

  /** @param keyId the key id that was asked for (an id, never key material) */
  public UnknownKeyException(String keyId) {
    super("no key with id '" + keyId + "' in the key provider; keep retired keys in the provider so that "
        + "data written under them still decrypts");
    this.keyId = keyId;
  }

  /** The key id that was not found. */
  public String keyId() {
    return keyId;
  }
}
