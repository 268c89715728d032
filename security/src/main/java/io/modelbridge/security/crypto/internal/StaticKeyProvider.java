package io.modelbridge.security.crypto.internal;

import io.modelbridge.security.crypto.KeyProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/** A fixed set of keys held in memory; {@code toString} shows key ids only. */
public final class StaticKeyProvider implements KeyProvider {

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;

  /**
   * @throws IllegalArgumentException if the current id is not among the keys or an id is not 1 to 255
   *     UTF-8 bytes
   */
  public StaticKeyProvider(String currentKeyId, Map<String, SecretKey> keys) {
    this.currentKeyId = Objects.requireNonNull(currentKeyId, "currentKeyId cannot be null");
    this.keys = Map.copyOf(keys);
    for (String id : this.keys.keySet()) {
      int len = id.getBytes(StandardCharsets.UTF_8).length;
      if (len < 1 || len > 255) {
        throw new IllegalArgumentException("key id must be 1 to 255 UTF-8 bytes, was " + len + " bytes");
      }
    }
    if (!this.keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("current key id '" + currentKeyId + "' is not among the keys "
          + this.keys.keySet());
    }
  }

  @Override
  public String currentKeyId() {
    return currentKeyId;
  }

  @Override
  public Optional<SecretKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public String toString() {
    return "KeyProvider[current=" + currentKeyId + ", ids=" + keys.keySet() + ", keys=****]";
  }
}
