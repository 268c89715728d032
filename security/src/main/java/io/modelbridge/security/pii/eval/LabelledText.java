package io.modelbridge.security.pii.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One text of an evaluation set with every span of personal data in it.
 *
 * @param id the text's name in reports (such as {@code "fr-crm-012"})
 * @param language the language code reports group by (such as {@code "fr"}); {@code "und"} when unknown
 * @param text the text (personal data: {@link #toString()} shows only its length)
 * @param labels every span of personal data, sorted by start; no two overlap
 */
public record LabelledText(String id, String language, String text, List<Label> labels) {

  /** The language of a text whose language is not given. */
  public static final String UNDETERMINED = "und";

  /**
   * Validates and sorts the labels.
   *
   * @throws IllegalArgumentException if a label ends beyond the text or two labels overlap
   */
  public LabelledText {
    Objects.requireNonNull(id, "id cannot be null");
    Objects.requireNonNull(language, "language cannot be null");
    Objects.requireNonNull(text, "text cannot be null");
    Objects.requireNonNull(labels, "labels cannot be null");
    List<Label> sorted = new ArrayList<>(labels);
    Collections.sort(sorted);
    for (int i = 0; i < sorted.size(); i++) {
      Label l = sorted.get(i);
      if (l.end() > text.length()) {
        throw new IllegalArgumentException("text '" + id + "': label " + l + " ends beyond the text (length "
            + text.length() + "); offsets are UTF-16 code units, end exclusive");
      }
      if (i > 0 && sorted.get(i - 1).overlaps(l)) {
        throw new IllegalArgumentException("text '" + id + "': labels " + sorted.get(i - 1) + " and " + l
            + " overlap; label each value once, with its own span");
      }
    }
    labels = List.copyOf(sorted);
  }

  /** Shows id, language, text length and labels, never the text. */
  @Override
  public String toString() {
    return "LabelledText[" + id + " " + language + " " + text.length() + " chars, labels=" + labels + "]";
  }
}
