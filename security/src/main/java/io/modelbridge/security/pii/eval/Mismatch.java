package io.modelbridge.security.pii.eval;

import io.modelbridge.security.pii.Masking;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding that matches no label, or a label that no finding matches.
 *
 * @param textId the {@link LabelledText#id()} it occurred in
 * @param language the text's language
 * @param kind false positive or false negative
 * @param span the finding (false positive) or the label (false negative)
 * @param value the characters of the span (personal data: {@link #toString()} masks it)
 * @param overlapping the label (for a false positive) or finding (for a false negative) sharing characters
 *     with the span, of any type, if there is one: it tells a wrong boundary or a wrong type from a pure
 *     miss or invention
 */
public record Mismatch(String textId, String language, Kind kind, Label span, String value,
    Optional<Label> overlapping) {

  /** Which error it is. */
  public enum Kind {
    /** Found, but not labelled. */
    FALSE_POSITIVE,
    /** Labelled, but not found. */
    FALSE_NEGATIVE
  }

  /** Validates the components. */
  public Mismatch {
    Objects.requireNonNull(textId, "textId cannot be null");
    Objects.requireNonNull(language, "language cannot be null");
    Objects.requireNonNull(kind, "kind cannot be null");
    Objects.requireNonNull(span, "span cannot be null");
    Objects.requireNonNull(value, "value cannot be null");
    Objects.requireNonNull(overlapping, "overlapping cannot be null");
  }

  /** One line with the value masked, such as {@code FALSE_NEGATIVE PHONE 12..24 '*** ***-0164' in en-7}. */
  @Override
  public String toString() {
    return kind + " " + span + " '" + Masking.mask(value) + "' in " + textId
        + overlapping.map(o -> " (overlaps " + (kind == Kind.FALSE_POSITIVE ? "label " : "finding ") + o + ")")
            .orElse("");
  }
}
