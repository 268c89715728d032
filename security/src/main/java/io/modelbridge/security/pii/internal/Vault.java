package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.PiiType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token mapping of one conversation. Thread-safe: a value's token is allocated once under the map's
 * per-key lock, so two threads pseudonymizing the same value get the same token and two values never share
 * one (each allocation takes a fresh number from the type's counter and claims the token atomically).
 *
 * <p>Token-like text that arrives from outside ({@code <EMAIL_9>} typed by a user) is <em>reserved</em>:
 * it stands for itself, is restored as itself, and is never issued for a value.
 */
public final class Vault {
  private final ConcurrentHashMap<String, String> tokenByValue = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> valueByToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();
  /** Values pseudonymized as {@link PiiType#PERSONAL} (found by field, not by a scanner). */
  private final Set<String> personalValues = ConcurrentHashMap.newKeySet();
  /** Every replacement this conversation wrote (tokens, hashes, ciphertexts, redactions). */
  private final Set<String> issued = ConcurrentHashMap.newKeySet();

  /** The token of {@code value} as {@code type}, allocating {@code <TYPE_n>} on first sight. */
  public String tokenFor(PiiType type, String value) {
    String token = tokenByValue.computeIfAbsent(type.name() + '\u0000' + value, k -> {
      AtomicInteger counter = counters.computeIfAbsent(type.name(), t -> new AtomicInteger());
      while (true) {
        String candidate = "<" + type.name() + "_" + counter.incrementAndGet() + ">";
        if (valueByToken.putIfAbsent(candidate, value) == null) {
          issued.add(candidate);
          return candidate;
        }
      }
    });
    if (type.equals(PiiType.PERSONAL)) {
      personalValues.add(value);
    }
    return token;
  }

  /** Records a replacement written for this conversation by another operator (hash, ciphertext, redaction). */
  public String issue(String replacement) {
    issued.add(replacement);
    return replacement;
  }

  /**
   * Whether this conversation wrote {@code replacement}: such text is never protected again. Token-like text
   * from outside is not issued, so it is scanned like any text.
   */
  public boolean issued(String replacement) {
    return issued.contains(replacement);
  }

  /** Whether this vault knows {@code token} (issued or reserved). */
  public boolean knows(String token) {
    return valueByToken.containsKey(token);
  }

  /** Reserves token-like text from outside so that it is never issued and is restored as itself. */
  public void reserve(String tokenLike) {
    valueByToken.putIfAbsent(tokenLike, tokenLike);
  }

  /** The original value of a token, or null when this vault did not issue or reserve it. */
  public String valueOf(String token) {
    return valueByToken.get(token);
  }

  /** The values pseudonymized as personal fields so far (to protect them again wherever they recur). */
  public Set<String> personalValues() {
    return personalValues;
  }

  /** How many tokens were issued or reserved. */
  public int size() {
    return valueByToken.size();
  }
}
