/**
 * Authenticated encryption (AEAD) for personal and confidential data: {@link
 * io.modelbridge.security.crypto.Encryptor}, the {@link io.modelbridge.security.crypto.KeyProvider} SPI,
 * and the built-in AES-256-GCM encryptors from {@link io.modelbridge.security.crypto.Encryptors}. Every
 * ciphertext names its key id, so keys rotate without re-encrypting old data.
 */
package io.modelbridge.security.crypto;
