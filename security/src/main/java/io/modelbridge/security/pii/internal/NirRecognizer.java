package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.function.Consumer;

/**
 * French social security numbers (NIR): sex (1, 2, 3, 4, 7, 8), year, month (01-12, 20-42 or 50-99),
 * department (digits, or 2A/2B for Corsica), commune, order and a two-digit key equal to
 * {@code 97 - (n mod 97)} where n is the 13-character number (2A read as 19, 2B as 18). Written whole or
 * with single spaces between the groups ({@code 1 85 05 78 006 084 36}).
 */
public final class NirRecognizer implements Recognizer {

  private static final int[] GROUPS = {1, 2, 2, 2, 3, 3, 2};

  @Override
  public void find(String text, Consumer<Finding> sink) {
    int n = text.length();
    for (int i = 0; i + 15 <= n; i++) {
      char c = text.charAt(i);
      if (c < '1' || c > '8' || c == '5' || c == '6' || Chars.alnumAt(text, i - 1)) {
        continue;
      }
      tryAt(text, i, sink);
    }
  }

  private static void tryAt(String text, int start, Consumer<Finding> sink) {
    Steps.add(1);
    int n = text.length();
    char[] v = new char[15];
    int k = 0;
    int p = start;
    for (int g = 0; g < GROUPS.length; g++) {
      if (g > 0 && p < n && text.charAt(p) == ' ') {
        p++;
      }
      for (int j = 0; j < GROUPS[g]; j++) {
        if (p >= n) {
          return;
        }
        char c = text.charAt(p);
        boolean corsica = g == 3 && j == 1 && v[k - 1] == '2' && (c == 'A' || c == 'B' || c == 'a' || c == 'b');
        if (!Chars.digit(c) && !corsica) {
          return;
        }
        v[k++] = Character.toUpperCase(c);
        p++;
      }
    }
    if (Chars.alnumAt(text, p)) {
      return;
    }
    if (valid(v)) {
      sink.accept(new Finding(PiiType.FR_NIR, start, p, text.substring(start, p), 1.0));
    }
  }

  static boolean valid(char[] v) {
    int month = (v[3] - '0') * 10 + (v[4] - '0');
    if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) {
      return false;
    }
    long number = 0;
    for (int k = 0; k < 13; k++) {
      char c = v[k];
      int d;
      if (k == 6 && (c == 'A' || c == 'B')) {
        // 2A -> 19, 2B -> 18: the department's first digit '2' becomes '1'
        number = number - 1;
        d = c == 'A' ? 9 : 8;
        number = number * 10 + d;
        continue;
      }
      d = c - '0';
      number = number * 10 + d;
    }
    int key = (v[13] - '0') * 10 + (v[14] - '0');
    return key >= 1 && key <= 97 && key == 97 - (number % 97);
  }
}
