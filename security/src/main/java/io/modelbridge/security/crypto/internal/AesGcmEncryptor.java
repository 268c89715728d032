package io.modelbridge.security.crypto.internal;

import io.modelbridge.security.crypto.AssociatedData;
import io.modelbridge.security.crypto.CryptoException;
import io.modelbridge.security.crypto.DecryptionFailedException;
import io.modelbridge.security.crypto.Encryptor;
import io.modelbridge.security.crypto.KeyProvider;
import io.modelbridge.security.crypto.UnknownKeyException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM, random or synthetic (deterministic) nonce; see {@code Encryptors} for the format. */
public final class AesGcmEncryptor implements Encryptor {

  static final byte VERSION_RANDOM = 1;
  static final byte VERSION_DETERMINISTIC = 2;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyProvider keys;
  private final boolean deterministic;
  /** Derived subkeys of the deterministic mode, per key id: [encKey, ivKey]. */
  private final ConcurrentMap<String, SecretKey[]> derived = new ConcurrentHashMap<>();

  /**
   * @param keys where keys come from
   * @param deterministic synthetic-IV mode (version 2) instead of random nonces (version 1)
   */
  public AesGcmEncryptor(KeyProvider keys, boolean deterministic) {
    this.keys = keys;
    this.deterministic = deterministic;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, AssociatedData aad) {
    String keyId = keys.currentKeyId();
    SecretKey key = keys.key(keyId).orElseThrow(() -> new UnknownKeyException(keyId));
    byte version = deterministic ? VERSION_DETERMINISTIC : VERSION_RANDOM;
    byte[] header = header(version, keyId);
    byte[] aadBytes = aad.encoded();
    byte[] nonce = new byte[NONCE_BYTES];
    SecretKey encKey = key;
    try {
      if (deterministic) {
        SecretKey[] sub = subkeys(keyId, key);
        encKey = sub[0];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(sub[1]);
        mac.update(ByteBuffer.allocate(4).putInt(aadBytes.length).array());
        mac.update(aadBytes);
        mac.update(plaintext);
        System.arraycopy(mac.doFinal(), 0, nonce, 0, NONCE_BYTES);
      } else {
        RANDOM.nextBytes(nonce);
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      cipher.updateAAD(aadBytes);
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[header.length + NONCE_BYTES + sealed.length];
      System.arraycopy(header, 0, out, 0, header.length);
      System.arraycopy(nonce, 0, out, header.length, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, header.length + NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-GCM encryption failed under key '" + keyId + "': "
          + e.getClass().getSimpleName() + "; check that the key is a 256-bit AES key", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, AssociatedData aad) {
    if (ciphertext.length < 2) {
      throw new DecryptionFailedException("ciphertext is " + ciphertext.length + " bytes, too short", aad);
    }
    byte version = ciphertext[0];
    if (version != VERSION_RANDOM && version != VERSION_DETERMINISTIC) {
      throw new DecryptionFailedException("unknown ciphertext format version " + version, aad);
    }
    int idLen = ciphertext[1] & 0xff;
    int headerLen = 2 + idLen;
    if (idLen == 0 || ciphertext.length < headerLen + NONCE_BYTES + TAG_BITS / 8) {
      throw new DecryptionFailedException("ciphertext is " + ciphertext.length + " bytes, too short", aad);
    }
    String keyId = new String(ciphertext, 2, idLen, StandardCharsets.UTF_8);
    SecretKey key = keys.key(keyId).orElseThrow(() -> new UnknownKeyException(keyId));
    try {
      SecretKey decKey = version == VERSION_DETERMINISTIC ? subkeys(keyId, key)[0] : key;
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, decKey, new GCMParameterSpec(TAG_BITS, ciphertext, headerLen, NONCE_BYTES));
      cipher.updateAAD(ciphertext, 0, headerLen);
      cipher.updateAAD(aad.encoded());
      int body = headerLen + NONCE_BYTES;
      return cipher.doFinal(ciphertext, body, ciphertext.length - body);
    } catch (AEADBadTagException e) {
      throw new DecryptionFailedException("authentication tag mismatch under key '" + keyId + "'", aad);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-GCM decryption failed under key '" + keyId + "': "
          + e.getClass().getSimpleName() + "; check that the key is a 256-bit AES key", e);
    }
  }

  private static byte[] header(byte version, String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[2 + id.length];
    header[0] = version;
    header[1] = (byte) id.length;
    System.arraycopy(id, 0, header, 2, id.length);
    return header;
  }

  private SecretKey[] subkeys(String keyId, SecretKey key) throws GeneralSecurityException {
    SecretKey[] cached = derived.get(keyId);
    if (cached != null) {
      return cached;
    }
    byte[] raw = key.getEncoded();
    if (raw == null) {
      throw new CryptoException("key '" + keyId + "' is not extractable; deterministic mode needs raw key "
          + "bytes to derive its subkeys");
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(raw, "HmacSHA256"));
    byte[] enc = mac.doFinal("modelbridge/det/enc".getBytes(StandardCharsets.US_ASCII));
    byte[] iv = mac.doFinal("modelbridge/det/iv".getBytes(StandardCharsets.US_ASCII));
    Arrays.fill(raw, (byte) 0);
    SecretKey[] sub = {new SecretKeySpec(enc, "AES"), new SecretKeySpec(iv, "HmacSHA256")};
    derived.putIfAbsent(keyId, sub);
    return sub;
  }

  @Override
  public String toString() {
    return "AesGcmEncryptor[" + (deterministic ? "deterministic" : "random nonce") + ", " + keys + "]";
  }
}
