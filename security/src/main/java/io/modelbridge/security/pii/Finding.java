package io.modelbridge.security.pii;

import io.modelbridge.adapters.spi.Masking;
import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * @param type what was found
 * @param start index of the first character (inclusive)
 * @param end index after the last character (exclusive)
 * @param text the characters found (personal data: {@link #toString()} masks it)
 * @param score confidence in [0, 1]: 1.0 for checksum-validated kinds, lower for pattern-only kinds; used
 *     to resolve overlaps after length
 */
public record Finding(PiiType type, int start, int end, String text, double score) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the span is empty or negative, or the text length differs from it
   */
  public Finding {
    Objects.requireNonNull(type, "type cannot be null");
    Objects.requireNonNull(text, "text cannot be null");
    if (start < 0 || end <= start || text.length() != end - start) {
      throw new IllegalArgumentException(
          "finding span must be non-empty and match its text length, was [" + start + "," + end + ")");
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0,1], was " + score);
    }
  }

  /** The span length in characters. */
  public int length() {
    return end - start;
  }

  /** Shows the type and span, never the personal data itself. */
  @Override
  public String toString() {
    return "Finding[" + type + " " + start + ".." + end + " '" + Masking.mask(text) + "']";
  }
}
