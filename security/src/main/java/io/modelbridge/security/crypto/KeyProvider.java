package io.modelbridge.security.crypto;

import io.modelbridge.security.crypto.internal.StaticKeyProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where keys come from: the embedder's keystore, KMS or environment. An encryptor writes under
 * {@link #currentKeyId()} and reads under whatever id a ciphertext names, so rotating means adding a new
 * key, making it current, and keeping the old ones for reading.
 *
 * <p>Implementations must be thread-safe and must never log or print key material; the built-in ones show
 * only key ids in {@code toString()}. A key id is 1 to 255 UTF-8 bytes.
 */
public interface KeyProvider {

  /** The id of the key new data is written under. */
  String currentKeyId();

  /**
   * The key with this id, or empty if the provider does not know it.
   *
   * @param keyId an id from {@link #currentKeyId()} or from a ciphertext
   */
  Optional<SecretKey> key(String keyId);

  /**
   * Keys given as Base64 (standard or url alphabet) strings of 32 random bytes each (AES-256).
   *
   * @param currentKeyId the id new data is written under; must be one of {@code base64KeysById}
   * @param base64KeysById key id to Base64 key
   * @throws IllegalArgumentException if a key is not Base64, not 32 bytes, or the current id is missing
   */
  static KeyProvider fromBase64(String currentKeyId, Map<String, String> base64KeysById) {
    Objects.requireNonNull(currentKeyId, "currentKeyId cannot be null");
    Objects.requireNonNull(base64KeysById, "base64KeysById cannot be null");
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    base64KeysById.forEach((id, b64) -> keys.put(id, aesKey(id, b64)));
    return new StaticKeyProvider(currentKeyId, keys);
  }

  /**
   * Keys from an environment variable (or any string) of the form {@code id1:BASE64,id2:BASE64}; the first
   * entry is the current key. Whitespace around entries is ignored.
   *
   * @param spec the value, for example {@code System.getenv("MODELBRIDGE_KEYS")}
   * @throws IllegalArgumentException if the spec is empty or an entry is malformed (the message names the
   *     entry by its id or position, never its key)
   */
  static KeyProvider fromSpec(String spec) {
    Objects.requireNonNull(spec, "spec cannot be null");
    Map<String, String> keys = new LinkedHashMap<>();
    String current = null;
    List<String> entries = List.of(spec.split(","));
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i).strip();
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException("key entry #" + (i + 1) + " is not of the form id:BASE64");
      }
      String id = entry.substring(0, colon).strip();
      keys.put(id, entry.substring(colon + 1).strip());
      if (current == null) {
        current = id;
      }
    }
    if (current == null) {
      throw new IllegalArgumentException("key spec is empty; expected id1:BASE64[,id2:BASE64...]");
    }
    return fromBase64(current, keys);
  }

  /**
   * Keys from the environment variable {@code variable} in the {@link #fromSpec} format.
   *
   * @throws IllegalArgumentException if the variable is unset or malformed
   */
  static KeyProvider fromEnvironment(String variable) {
    String value = System.getenv(Objects.requireNonNull(variable, "variable cannot be null"));
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set; expected "
          + "id1:BASE64[,id2:BASE64...] with 32-byte keys");
    }
    return fromSpec(value);
  }

  /**
   * Secret keys from a JCA {@link KeyStore} (PKCS12 or JCEKS): the alias is the key id.
   *
   * @param keyStore a loaded keystore
   * @param password the entries' password
   * @param currentAlias the alias new data is written under
   * @param aliases every alias to read (include {@code currentAlias} and the retired ones)
   * @throws IllegalArgumentException if an alias is missing or is not a secret key
   * @throws CryptoException if the keystore cannot be read
   */
  static KeyProvider fromKeyStore(KeyStore keyStore, char[] password, String currentAlias, List<String> aliases) {
    Objects.requireNonNull(keyStore, "keyStore cannot be null");
    Objects.requireNonNull(password, "password cannot be null");
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String alias : aliases) {
      try {
        Key key = keyStore.getKey(alias, password);
        if (!(key instanceof SecretKey)) {
          throw new IllegalArgumentException("keystore alias '" + alias + "' is "
              + (key == null ? "missing" : "not a secret key") + "; store an AES-256 secret key under it");
        }
        keys.put(alias, (SecretKey) key);
      } catch (GeneralSecurityException e) {
        throw new CryptoException("cannot read keystore alias '" + alias + "': " + e.getClass().getSimpleName()
            + "; check the password and the keystore type", e);
      }
    }
    return new StaticKeyProvider(currentAlias, keys);
  }

  private static SecretKey aesKey(String id, String b64) {
    byte[] raw;
    try {
      raw = b64.contains("-") || b64.contains("_") ? Base64.getUrlDecoder().decode(b64) : Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key '" + id + "' is not valid Base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), was " + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }
}
