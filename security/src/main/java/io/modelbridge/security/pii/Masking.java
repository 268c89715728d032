package io.modelbridge.security.pii;

/** Masking of personal data for display: logs, exception messages, {@code toString()}. */
public final class Masking {

  private Masking() {}

  /**
   * Replaces every letter and digit by {@code *}, keeping the last {@code min(4, n/4)} of them so a person
   * can still tell two values apart; separators are kept.
   *
   * @param value the value to mask
   * @return the masked value, same length as {@code value}
   */
  public static String mask(String value) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    int keep = Math.min(4, alnum / 4);
    StringBuilder out = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        seen++;
        out.append(seen > alnum - keep ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
