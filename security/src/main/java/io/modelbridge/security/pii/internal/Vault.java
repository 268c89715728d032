package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.PiiType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token mapping of one conversation. Thread-safe: a value's token is allocated once under the map's
 * per-key lock, so two threads pseudonymizing the same value get the same token and two values never share
 * one (each allocation takes a fresh number from the type's counter).
 */
public final class Vault {
  private final ConcurrentHashMap<String, String> tokenByValue = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> valueByToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

  /** The token of {@code value} as {@code type}, allocating {@code <TYPE_n>} on first sight. */
  public String tokenFor(PiiType type, String value) {
    return tokenByValue.computeIfAbsent(type.name() + '\u0000' + value, k -> {
      int n = counters.computeIfAbsent(type.name(), t -> new AtomicInteger()).incrementAndGet();
      String token = "<" + type.name() + "_" + n + ">";
      valueByToken.put(token, value);
      return token;
    });
  }

  /** The original value of a token, or null when this vault did not issue it. */
  public String valueOf(String token) {
    return valueByToken.get(token);
  }

  /** How many tokens were issued. */
  public int size() {
    return valueByToken.size();
  }
}
