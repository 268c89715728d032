package io.modelbridge.adapters.spi;

import java.math.BigDecimal;

/**
 * The one way ModelBridge shows a value in a message, log line, {@code toString()} or exception: personal
 * values masked, long values shortened, control characters escaped. Used by adapters, core, mapping and
 * security alike.
 *
 * @since 1.1
 */
public final class Masking {

  /** What {@link #show} writes for a personal value. */
  public static final String MASK = "***";

  private static final int MAX_SHOWN = 60;

  private Masking() {}

  /**
   * Replaces every letter and digit by {@code *}, keeping the last {@code min(4, n/4)} of them so a person
   * can still tell two values apart; separators are kept. For showing a personal value in a preview where
   * its shape helps ({@code ****@*******.com}, {@code **** **** **** 1111}).
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
      } else if (Character.isISOControl(c)) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The value as text for a message: {@link #MASK} if personal; otherwise its text ({@link BigDecimal}
   * plainly), shortened beyond 60 characters, control characters escaped as {@code \}{@code uXXXX}.
   *
   * @param value the value; null gives empty text
   * @param personal whether it is personal data
   */
  public static String show(Object value, boolean personal) {
    if (value == null) {
      return "";
    }
    if (personal) {
      return MASK;
    }
    String s = value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    if (s.length() <= MAX_SHOWN && !hasControl(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SHOWN + 20));
    int n = s.length();
    int i = 0;
    for (; i < n && sb.length() < MAX_SHOWN; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (i < n) {
      sb.append("... (").append(s.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * A map for {@code toString()}: its keys (field names) as they are, every value {@link #mask masked},
   * nested maps and lists masked the same way.
   */
  public static String maskedValues(java.util.Map<?, ?> values) {
    StringBuilder sb = new StringBuilder("{");
    values.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(k).append('=').append(maskedValue(v));
    });
    return sb.append('}').toString();
  }

  private static String maskedValue(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof java.util.Map<?, ?> m) {
      return maskedValues(m);
    }
    if (v instanceof java.util.Collection<?> c) {
      StringBuilder sb = new StringBuilder("[");
      for (Object e : c) {
        sb.append(sb.length() > 1 ? ", " : "").append(maskedValue(e));
      }
      return sb.append(']').toString();
    }
    return mask(v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v));
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
