package io.modelbridge.mapping.internal;

import java.math.BigDecimal;
import java.util.Set;

/** Masks personal values and shortens long ones before they enter a message. */
public final class Masking {

  /** What a masked value is shown as. */
  public static final String MASK = "***";
  private static final int MAX_SHOWN = 60;

  private Masking() {}

  /** Whether a path (array indices ignored) is one of the personal field paths or lies below one. */
  public static boolean isPersonal(String path, Set<String> personal) {
    if (personal.isEmpty()) {
      return false;
    }
    String p = path.indexOf('[') < 0 ? path : path.replaceAll("\\[\\d+\\]", "[*]");
    for (String candidate : personal) {
      if (p.equals(candidate) || p.startsWith(candidate + ".") || p.startsWith(candidate + "[")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The value as text for a message: masked if personal, shortened if long, control characters escaped. */
  public static String show(Object value, boolean personal) {
    if (value == null) {
      return "";
    }
    if (personal) {
      return MASK;
    }
    String s = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : String.valueOf(value);
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
}
