package io.modelbridge.security.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Authenticated encryption with associated data (AEAD). Every ciphertext carries a format version and the
 * id of the key that wrote it, so keys can rotate: new data is written under the provider's current key,
 * older data still decrypts as long as the provider still knows its key.
 *
 * <p>Get one from {@link Encryptors}. Implementations are thread-safe.
 */
public interface Encryptor {

  /**
   * Encrypts under the key provider's current key.
   *
   * @param plaintext the bytes to protect (may be empty)
   * @param aad what the ciphertext is bound to; the same value must be given to decrypt
   * @return the self-describing ciphertext (version, key id, nonce, encrypted bytes, tag)
   * @throws UnknownKeyException if the provider has no key under its current key id
   * @throws CryptoException if the platform's cipher fails
   */
  byte[] encrypt(byte[] plaintext, AssociatedData aad);

  /**
   * Decrypts a ciphertext written by any encryptor of this family, under whatever key id it names.
   *
   * @param ciphertext bytes returned by {@link #encrypt}
   * @param aad the associated data given at encryption
   * @return the plaintext
   * @throws UnknownKeyException if the key id in the ciphertext is not known to the provider
   * @throws DecryptionFailedException if the ciphertext is malformed, was altered, or {@code aad} differs
   */
  byte[] decrypt(byte[] ciphertext, AssociatedData aad);

  /**
   * Encrypts a string (UTF-8) and returns the ciphertext as unpadded Base64url, safe in JSON, URLs and
   * file names.
   *
   * @throws UnknownKeyException see {@link #encrypt}
   */
  default String encryptToString(String plaintext, AssociatedData aad) {
    byte[] ct = encrypt(plaintext.getBytes(StandardCharsets.UTF_8), aad);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(ct);
  }

  /**
   * Reverses {@link #encryptToString}.
   *
   * @throws DecryptionFailedException if the text is not Base64url, was altered, or {@code aad} differs
   * @throws UnknownKeyException if the key id in the ciphertext is unknown
   */
  default String decryptToString(String ciphertext, AssociatedData aad) {
    byte[] ct;
    try {
      ct = Base64.getUrlDecoder().decode(ciphertext);
    } catch (IllegalArgumentException e) {
      throw new DecryptionFailedException("ciphertext is not valid Base64url; it was cut or altered", aad);
    }
    return new String(decrypt(ct, aad), StandardCharsets.UTF_8);
  }
}
