package io.modelbridge.security.pii.internal;

import java.util.function.Function;

/**
 * The token grammar {@code <TYPE_N>} and its escaping. A text given to pseudonymization may already contain
 * token-like sequences; each such {@code <} + k backslashes + {@code TYPE_N>} (k ≥ 0) gets one more
 * backslash, so after pseudonymization a sequence with no backslash is always a real token, and restoration
 * removes one backslash again: pseudonymize-then-restore is the identity.
 */
public final class TokenCodec {
  private TokenCodec() {}

  /**
   * Length of the token-like sequence at {@code i} ({@code <}, backslashes, {@code [A-Z][A-Z0-9_]*_[0-9]+>})
   * or -1; {@code slashes[0]} receives the number of backslashes. Bounded: at most 80 characters looked at
   * after the backslashes.
   */
  static int tokenAt(CharSequence s, int i, int[] slashes) {
    int n = s.length();
    if (s.charAt(i) != '<') {
      return -1;
    }
    int p = i + 1;
    while (p < n && s.charAt(p) == '\\') {
      p++;
    }
    slashes[0] = p - i - 1;
    int nameStart = p;
    if (p >= n || s.charAt(p) < 'A' || s.charAt(p) > 'Z') {
      return -1;
    }
    int lastUnderscore = -1;
    while (p < n && p - nameStart < 80) {
      char c = s.charAt(p);
      if (c == '_') {
        lastUnderscore = p;
      } else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        break;
      }
      p++;
    }
    if (p >= n || s.charAt(p) != '>' || lastUnderscore < 0 || lastUnderscore == p - 1) {
      return -1;
    }
    for (int k = lastUnderscore + 1; k < p; k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '9') {
        return -1;
      }
    }
    return p + 1 - i;
  }

  /** Appends {@code s[from, to)} with every token-like sequence escaped by one more backslash. */
  public static void appendEscaped(StringBuilder out, String s, int from, int to) {
    int[] slashes = new int[1];
    String part = s.substring(from, to);
    int i = 0;
    int n = part.length();
    while (i < n) {
      int t = part.charAt(i) == '<' ? tokenAt(part, i, slashes) : -1;
      if (t < 0) {
        out.append(part.charAt(i));
        i++;
      } else {
        out.append('<').append('\\').append(part, i + 1, i + t);
        i += t;
      }
    }
  }

  /**
   * Replaces each real token (no backslash) by {@code lookup}'s answer when it has one (else keeps it), and
   * removes one backslash from each escaped token-like sequence.
   */
  public static String restore(String s, Function<String, String> lookup) {
    if (s.indexOf('<') < 0) {
      return s;
    }
    int[] slashes = new int[1];
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      int t = s.charAt(i) == '<' ? tokenAt(s, i, slashes) : -1;
      if (t < 0) {
        out.append(s.charAt(i));
        i++;
      } else if (slashes[0] == 0) {
        String token = s.substring(i, i + t);
        String value = lookup.apply(token);
        out.append(value != null ? value : token);
        i += t;
      } else {
        out.append('<').append(s, i + 2, i + t);
        i += t;
      }
    }
    return out.toString();
  }
}
