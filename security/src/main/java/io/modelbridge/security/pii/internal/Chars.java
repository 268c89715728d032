package io.modelbridge.security.pii.internal;

/** Character classes used by the hand-written scanners (ASCII only, so CJK text is a boundary). */
final class Chars {
  private Chars() {}

  static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean asciiAlnum(char c) {
    return digit(c) || asciiLetter(c);
  }

  static boolean hex(char c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Whether the char at i exists and is an ASCII letter or digit (a word continues there). */
  static boolean alnumAt(String s, int i) {
    return i >= 0 && i < s.length() && asciiAlnum(s.charAt(i));
  }

  static boolean digitAt(String s, int i) {
    return i >= 0 && i < s.length() && digit(s.charAt(i));
  }

  /** Digits of s[from, to) without separators. */
  static String digitsOnly(String s, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (digit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
