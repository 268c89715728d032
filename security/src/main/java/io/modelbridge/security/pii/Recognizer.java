package io.modelbridge.security.pii;

import io.modelbridge.security.pii.internal.PatternRecognizer;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds one kind of personal data in a text. Implementations must be thread-safe, must never throw on any
 * input, and should run in time linear in the text length.
 */
@FunctionalInterface
public interface Recognizer {

  /**
   * Reports every candidate in {@code text} to {@code sink}; overlapping candidates are allowed (the
   * {@link PiiScanner} resolves overlaps).
   *
   * @param text the text to scan
   * @param sink receives the findings
   */
  void find(String text, Consumer<Finding> sink);

  /**
   * A custom recognizer from a regular expression and an optional validator of each match. The embedder is
   * responsible for the pattern being linear (prefer possessive quantifiers and bounded repetitions, such as
   * {@code [A-Z]{2}\d{6}+}).
   *
   * @param type the type of the findings
   * @param pattern the pattern; each match (group 0) is a candidate
   * @param validator keeps a match only when it returns true (use {@code s -> true} for none)
   * @param score the confidence given to matches, in [0, 1]
   * @return the recognizer
   * @throws IllegalArgumentException if score is outside [0, 1]
   */
  static Recognizer pattern(PiiType type, Pattern pattern, Predicate<String> validator, double score) {
    Objects.requireNonNull(type, "type cannot be null");
    Objects.requireNonNull(pattern, "pattern cannot be null");
    Objects.requireNonNull(validator, "validator cannot be null");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0,1], was " + score);
    }
    return new PatternRecognizer(type, pattern, validator, score);
  }
}
