package io.modelbridge.security.pii.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into runs of digit groups: digits separated by a single space, dash or (optionally) dot,
 * where the run is not glued to an ASCII letter or digit. Linear: every character is visited a bounded
 * number of times.
 */
final class DigitGroups {

  /** One run; group i spans [starts[i], ends[i]); seps[i] is the separator before group i (0 for none). */
  record Run(int[] starts, int[] ends, char[] seps) {
    int size() {
      return starts.length;
    }

    int digits(int from, int toInclusive) {
      int n = 0;
      for (int i = from; i <= toInclusive; i++) {
        n += ends[i] - starts[i];
      }
      return n;
    }

    boolean sameSeparator(int from, int toInclusive) {
      for (int i = from + 2; i <= toInclusive; i++) {
        if (seps[i] != seps[from + 1]) {
          return false;
        }
      }
      return true;
    }
  }

  private DigitGroups() {}

  /** A run right after a word and a joiner, as in {@code ORD-4111...}, belongs to the word. */
  static boolean gluedByPunctuation(String text, int i) {
    if (i < 2) {
      return false;
    }
    char p = text.charAt(i - 1);
    return (p == '-' || p == '_' || p == '/') && Chars.asciiAlnum(text.charAt(i - 2));
  }

  /** Invokes {@code sink} on each run of {@code text}. */
  static void forEachRun(String text, String separators, java.util.function.Consumer<Run> sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Chars.digit(c) || (i > 0 && Chars.asciiAlnum(text.charAt(i - 1))) || gluedByPunctuation(text, i)) {
        i++;
        continue;
      }
      List<int[]> groups = new ArrayList<>();
      StringBuilder seps = new StringBuilder();
      char sep = 0;
      boolean glued = false;
      while (true) {
        int s = i;
        while (i < n && Chars.digit(text.charAt(i))) {
          i++;
        }
        groups.add(new int[] {s, i});
        seps.append(sep);
        if (i < n && Chars.asciiLetter(text.charAt(i))) {
          glued = true;
          break;
        }
        if (i + 1 < n && separators.indexOf(text.charAt(i)) >= 0 && Chars.digit(text.charAt(i + 1))) {
          sep = text.charAt(i);
          i++;
          continue;
        }
        break;
      }
      if (glued) {
        while (i < n && Chars.asciiAlnum(text.charAt(i))) {
          i++;
        }
        continue;
      }
      int[] st = new int[groups.size()];
      int[] en = new int[groups.size()];
      for (int g = 0; g < st.length; g++) {
        st[g] = groups.get(g)[0];
        en[g] = groups.get(g)[1];
      }
      sink.accept(new Run(st, en, seps.toString().toCharArray()));
    }
  }
}
