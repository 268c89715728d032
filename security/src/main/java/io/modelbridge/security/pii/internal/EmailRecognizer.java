package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.function.Consumer;

/**
 * E-mail addresses: around each {@code @}, a local part of at most 64 characters, an RFC 5322 dot-atom
 * ({@code A-Za-z0-9} and {@code !#$%&'*+-/=?^_`{|}~}, dots not first, last or doubled; punctuation before
 * its first letter or digit is taken as the sentence's, such as a quote) and a domain of at most 253 characters with
 * at least two labels, labels not starting or ending with a dash, and an alphabetic top-level label of two
 * or more letters. Each {@code @} looks at a bounded window, so the scan is linear.
 */
public final class EmailRecognizer implements Recognizer {

  @Override
  public void find(String text, Consumer<Finding> sink) {
    int at = text.indexOf('@');
    while (at >= 0) {
      check(text, at, sink);
      at = text.indexOf('@', at + 1);
    }
  }

  /** RFC 5322 atext and the dot of a dot-atom. */
  private static boolean localChar(char c) {
    return Chars.asciiAlnum(c) || (c < 128 && "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0);
  }

  private static void check(String text, int at, Consumer<Finding> sink) {
    Steps.add(1);
    int s = at;
    while (s > 0 && at - s < 64 && localChar(text.charAt(s - 1))) {
      s--;
    }
    if (s > 0 && localChar(text.charAt(s - 1))) {
      return; // local part longer than 64
    }
    while (s < at && !Chars.asciiAlnum(text.charAt(s))) {
      s++; // a local part does not start with punctuation
    }
    if (s == at || text.charAt(at - 1) == '.' || text.substring(s, at).contains("..")) {
      return; // a dot-atom neither ends with a dot nor has two in a row
    }
    int n = text.length();
    int e = at + 1;
    while (e < n && e - at <= 253 && (Chars.asciiAlnum(text.charAt(e)) || text.charAt(e) == '.' || text.charAt(e) == '-')) {
      e++;
    }
    // trim trailing punctuation (end of sentence)
    while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
      e--;
    }
    Steps.add(e - s);
    String domain = text.substring(at + 1, e);
    int lastDot = domain.lastIndexOf('.');
    if (lastDot <= 0 || domain.length() - lastDot - 1 < 2) {
      return;
    }
    for (int k = lastDot + 1; k < domain.length(); k++) {
      if (!Chars.asciiLetter(domain.charAt(k))) {
        return;
      }
    }
    for (String label : domain.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return;
      }
    }
    sink.accept(new Finding(PiiType.EMAIL, s, e, text.substring(s, e), 0.95));
  }
}
