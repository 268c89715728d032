package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.function.Consumer;

/**
 * Chinese resident identity numbers (GB 11643-1999): 17 digits and a check character (digit or X), with a
 * known province code, a valid birth date (1800 to 2099) and the ISO 7064 MOD 11-2 check. Written whole or
 * grouped 6-8-4 with spaces. Not found inside a longer run of digits; Chinese characters around it are
 * boundaries.
 */
public final class CnIdRecognizer implements Recognizer {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";
  private static final boolean[] PROVINCE = new boolean[100];

  static {
    for (int p : new int[] {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
        46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}) {
      PROVINCE[p] = true;
    }
  }

  @Override
  public void find(String text, Consumer<Finding> sink) {
    int n = text.length();
    for (int i = 0; i + 18 <= n; i++) {
      char c = text.charAt(i);
      if (c < '1' || c > '8' || Chars.digitAt(text, i - 1) || Chars.asciiLetter(prev(text, i))) {
        continue;
      }
      tryAt(text, i, false, sink);
      tryAt(text, i, true, sink);
    }
  }

  private static char prev(String text, int i) {
    return i > 0 ? text.charAt(i - 1) : ' ';
  }

  private static void tryAt(String text, int start, boolean grouped, Consumer<Finding> sink) {
    Steps.add(1);
    char[] id = new char[18];
    int p = start;
    int n = text.length();
    for (int k = 0; k < 18; k++) {
      if (grouped && (k == 6 || k == 14)) {
        if (p >= n || text.charAt(p) != ' ') {
          return;
        }
        p++;
      }
      if (p >= n) {
        return;
      }
      char c = text.charAt(p);
      if (!(Chars.digit(c) || (k == 17 && (c == 'X' || c == 'x')))) {
        return;
      }
      id[k] = c;
      p++;
    }
    if (Chars.alnumAt(text, p)) {
      return;
    }
    if (valid(id)) {
      sink.accept(new Finding(PiiType.CN_ID, start, p, text.substring(start, p), 1.0));
    }
  }

  static boolean valid(char[] id) {
    int province = (id[0] - '0') * 10 + (id[1] - '0');
    if (!PROVINCE[province]) {
      return false;
    }
    int year = num(id, 6, 4);
    int month = num(id, 10, 2);
    int day = num(id, 12, 2);
    if (year < 1800 || year > 2099 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return false;
    }
    int sum = 0;
    for (int k = 0; k < 17; k++) {
      sum += (id[k] - '0') * WEIGHTS[k];
    }
    return Character.toUpperCase(id[17]) == CHECK.charAt(sum % 11);
  }

  private static int num(char[] id, int from, int len) {
    int v = 0;
    for (int k = from; k < from + len; k++) {
      v = v * 10 + (id[k] - '0');
    }
    return v;
  }
}
