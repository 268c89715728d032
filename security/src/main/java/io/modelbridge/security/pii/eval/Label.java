package io.modelbridge.security.pii.eval;

import io.modelbridge.security.pii.PiiType;
import java.util.Objects;

/**
 * A span of a text known to hold personal data of a type, or a span the scanner found.
 *
 * @param type the kind of personal data
 * @param start index of the first character, in UTF-16 code units (inclusive)
 * @param end index after the last character (exclusive)
 */
public record Label(PiiType type, int start, int end) implements Comparable<Label> {

  /**
   * Validates the span.
   *
   * @throws IllegalArgumentException if the span is empty or starts before 0
   */
  public Label {
    Objects.requireNonNull(type, "type cannot be null");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("label span must be non-empty and start at 0 or later, was ["
          + start + "," + end + ")");
    }
  }

  /** Whether the two spans share at least one character (types are not compared). */
  public boolean overlaps(Label other) {
    return start < other.end && other.start < end;
  }

  /** Orders by start, then end, then type name. */
  @Override
  public int compareTo(Label o) {
    int c = Integer.compare(start, o.start);
    if (c == 0) {
      c = Integer.compare(end, o.end);
    }
    return c != 0 ? c : type.name().compareTo(o.type.name());
  }

  @Override
  public String toString() {
    return type + " " + start + ".." + end;
  }
}
