package io.modelbridge.security.pii.internal;

import java.util.function.Function;

/**
 * The token grammar {@code <TYPE_N>} and the other replacements a protector writes ({@code <TYPE>},
 * {@code <TYPE#hex>}, {@code <TYPE!ciphertext>}). Protection is idempotent: a replacement already in a
 * text is left exactly as it is (never protected again, never escaped), so the same text may pass a
 * protector any number of times; restoration replaces each token its vault knows.
 */
public final class TokenCodec {
  private TokenCodec() {}

  /**
   * Length of the token at {@code i} ({@code <[A-Z][A-Z0-9_]*_[0-9]+>}) or -1. Bounded: at most 80
   * characters looked at.
   */
  public static int tokenAt(CharSequence s, int i) {
    int n = s.length();
    if (s.charAt(i) != '<') {
      return -1;
    }
    int p = i + 1;
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

  /**
   * Length of any replacement at {@code i}: a token, {@code <TYPE>}, {@code <TYPE#hex>} or
   * {@code <TYPE!base64url>}; -1 if none. Bounded: the type at most 80 characters, the rest at most 4096.
   */
  public static int replacementAt(CharSequence s, int i) {
    int t = tokenAt(s, i);
    if (t > 0) {
      return t;
    }
    int n = s.length();
    if (s.charAt(i) != '<' || i + 1 >= n || s.charAt(i + 1) < 'A' || s.charAt(i + 1) > 'Z') {
      return -1;
    }
    int p = i + 1;
    while (p < n && p - i <= 80 && ((s.charAt(p) >= 'A' && s.charAt(p) <= 'Z') || s.charAt(p) == '_'
        || (s.charAt(p) >= '0' && s.charAt(p) <= '9'))) {
      p++;
    }
    if (p >= n) {
      return -1;
    }
    char c = s.charAt(p);
    if (c == '>') {
      return p + 1 - i;
    }
    if (c != '#' && c != '!') {
      return -1;
    }
    int q = p + 1;
    while (q < n && q - p <= 4096) {
      char d = s.charAt(q);
      boolean ok = c == '#' ? (d >= '0' && d <= '9') || (d >= 'a' && d <= 'f')
          : Character.isLetterOrDigit(d) && d < 128 || d == '-' || d == '_' || d == '=' || d == '+' || d == '/'
              || d == ':' || d == '.';
      if (!ok) {
        break;
      }
      q++;
    }
    return q > p + 1 && q < n && s.charAt(q) == '>' ? q + 1 - i : -1;
  }

  /** Replaces each token by {@code lookup}'s answer when it has one, else keeps it. */
  public static String restore(String s, Function<String, String> lookup) {
    if (s.indexOf('<') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      int t = s.charAt(i) == '<' ? tokenAt(s, i) : -1;
      if (t < 0) {
        out.append(s.charAt(i));
        i++;
      } else {
        String token = s.substring(i, i + t);
        String value = lookup.apply(token);
        out.append(value != null ? value : token);
        i += t;
      }
    }
    return out.toString();
  }
}
