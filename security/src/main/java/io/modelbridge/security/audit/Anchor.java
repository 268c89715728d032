package io.modelbridge.security.audit;

import java.util.Objects;

/**
 * A point of the chain kept outside the log (another system, a ticket, a WORM store): entry {@code seq}
 * has hash {@code hash}. Given to {@link AuditVerifier}, it detects a tail cut even when the log was
 * reopened afterwards, and a rewrite even by someone holding the checkpoint key.
 *
 * @param seq the entry's sequence number (at least 1)
 * @param hash the entry's SHA-256 hash, 64 lowercase hex characters
 */
public record Anchor(long seq, String hash) {

  /** Validates the components. */
  public Anchor {
    if (seq < 1) {
      throw new IllegalArgumentException("anchor seq must be at least 1, was " + seq);
    }
    Objects.requireNonNull(hash, "hash cannot be null");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("anchor hash must be 64 lowercase hex characters");
    }
  }

  /**
   * Parses {@code SEQ:HASH}.
   *
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static Anchor parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("anchor must be SEQ:HASH, was '" + text + "'");
    }
    try {
      return new Anchor(Long.parseLong(text.substring(0, colon).strip()), text.substring(colon + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("anchor must be SEQ:HASH with a numeric SEQ, was '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return seq + ":" + hash;
  }
}
