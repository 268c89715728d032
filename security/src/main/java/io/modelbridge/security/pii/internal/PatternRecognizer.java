package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A recognizer from an embedder's pattern and validator; see {@link Recognizer#pattern}. */
public final class PatternRecognizer implements Recognizer {
  private final PiiType type;
  private final Pattern pattern;
  private final Predicate<String> validator;
  private final double score;

  /** Creates the recognizer; arguments were validated by {@link Recognizer#pattern}. */
  public PatternRecognizer(PiiType type, Pattern pattern, Predicate<String> validator, double score) {
    this.type = type;
    this.pattern = pattern;
    this.validator = validator;
    this.score = score;
  }

  @Override
  public void find(String text, Consumer<Finding> sink) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.end() > m.start() && validator.test(m.group())) {
        sink.accept(new Finding(type, m.start(), m.end(), m.group(), score));
      }
    }
  }
}
