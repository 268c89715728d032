package io.modelbridge.security.crypto;

import io.modelbridge.security.crypto.internal.AesGcmEncryptor;
import java.util.Objects;

/**
 * Factory of the built-in encryptors, both AES-256-GCM through the JCA.
 *
 * <p>Ciphertext format (version 1 random, version 2 deterministic):
 * {@code version(1) | keyIdLength(1) | keyId(UTF-8) | nonce(12) | ciphertext | tag(16)}. The header is part
 * of the authenticated data, together with {@link AssociatedData#encoded()}. Either encryptor decrypts both
 * versions.
 */
public final class Encryptors {

  private Encryptors() {}

  /**
   * The default: AES-256-GCM with a fresh random 96-bit nonce per message. Encrypting the same value twice
   * gives different ciphertexts. At most 2^32 messages per key (the random-nonce bound): rotate before.
   *
   * @param keys where keys come from
   */
  public static Encryptor aesGcm(KeyProvider keys) {
    return new AesGcmEncryptor(Objects.requireNonNull(keys, "keys cannot be null"), false);
  }

  /**
   * Deterministic AES-256-GCM with a synthetic IV, for equality lookups (find a row by its encrypted
   * e-mail). Two subkeys are derived from the provider's key with HMAC-SHA256 (labels
   * {@code modelbridge/det/enc} and {@code modelbridge/det/iv}); the nonce is
   * {@code HMAC-SHA256(ivKey, len(aad) | aad | plaintext)} truncated to 96 bits.
   *
   * <p>Leakage, by design: equal plaintexts under equal associated data and key give equal ciphertexts,
   * so anyone who sees the ciphertexts learns which values are equal (and their frequencies). Use it only
   * where the embedder asks for lookups, never for free text. Because the nonce depends on the plaintext,
   * a nonce repeats only for the same message, so GCM's nonce-reuse failure cannot happen (barring a
   * 96-bit HMAC collision, about 2^48 distinct messages per key and associated data).
   *
   * @param keys where keys come from
   */
  public static Encryptor deterministicAesGcm(KeyProvider keys) {
    return new AesGcmEncryptor(Objects.requireNonNull(keys, "keys cannot be null"), true);
  }
}
