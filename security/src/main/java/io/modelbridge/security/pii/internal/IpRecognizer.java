package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.function.Consumer;

/**
 * IPv4 (four decimal octets 0-255, no leading zeros, not part of a longer dotted run such as a version
 * string) and IPv6 (RFC 4291 text forms: eight groups of 1-4 hex digits, one {@code ::} compression,
 * optional trailing IPv4), by a hand-written parser over bounded candidates.
 */
public final class IpRecognizer implements Recognizer {

  @Override
  public void find(String text, Consumer<Finding> sink) {
    int n = text.length();
    int i = 0;
    int labelEnd = -1;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ':' && i + 1 < n && Chars.digit(text.charAt(i + 1)) && i > 0 && Chars.asciiAlnum(text.charAt(i - 1))
          && !addressBefore(text, i)) {
        labelEnd = i + 1; // "IP:50.234.19.164", "IPv6:2001:db8::1": a label and its colon, then the value
        i++;
        continue;
      }
      if (!(Chars.hex(c) || c == ':') || (i > 0 && i != labelEnd && boundaryBlocked(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      int e = i;
      while (e < n && e - i < 45 && (Chars.hex(text.charAt(e)) || text.charAt(e) == ':' || text.charAt(e) == '.')) {
        e++;
      }
      if (e < n && (Chars.hex(text.charAt(e)) || text.charAt(e) == ':' || Chars.asciiAlnum(text.charAt(e)))) {
        i = skipWord(text, e);
        continue; // too long or glued to a word
      }
      // trailing dots/colons are punctuation of the sentence
      int end = e;
      while (end > i && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ':')) {
        end--;
      }
      if (end < e && text.charAt(end) == ':' && end + 1 < e && text.charAt(end + 1) == ':') {
        end = e; // "::" at the end is part of an IPv6 address
        while (end > i && text.charAt(end - 1) == '.') {
          end--;
        }
      }
      Steps.add(end - i + 1);
      String cand = text.substring(i, end);
      int colon = cand.indexOf(':');
      if (colon < 0 && ipv4(cand) && versionContext(text, i)) {
        i = Math.max(e, i + 1); // "version 1.2.3.4", "build 10.0.0.1": a version number, not an address
        continue;
      }
      if (colon >= 0 ? ipv6(cand) : ipv4(cand)) {
        sink.accept(new Finding(PiiType.IP_ADDRESS, i, end, cand, 0.9));
      } else if (colon > 0 && ipv4(cand.substring(0, colon)) && port(cand.substring(colon + 1))) {
        sink.accept(new Finding(PiiType.IP_ADDRESS, i, i + colon, cand.substring(0, colon), 0.9)); // host:port
      }
      i = Math.max(e, i + 1);
    }
  }

  private static final String[] VERSION_WORDS = {"version", "release", "build", "firmware", "ver.", "rev.",
      "版本", "versión"};

  /** Whether a version word ends at most a few characters before {@code start} (separators only between). */
  private static boolean versionContext(String text, int start) {
    int j = start;
    while (j > 0 && start - j < 3 && (text.charAt(j - 1) == ' ' || text.charAt(j - 1) == ':'
        || text.charAt(j - 1) == '\u00a0' || text.charAt(j - 1) == '：')) {
      j--;
    }
    String before = text.substring(Math.max(0, j - 8), j).toLowerCase(java.util.Locale.ROOT);
    for (String w : VERSION_WORDS) {
      if (before.endsWith(w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the word before the colon at {@code colon} could itself be a part of an IPv6 address. */
  private static boolean addressBefore(String text, int colon) {
    int k = colon;
    while (k > 0 && colon - k < 5 && Chars.asciiAlnum(text.charAt(k - 1))) {
      k--;
    }
    for (int j = k; j < colon; j++) {
      if (!Chars.hex(text.charAt(j))) {
        return false;
      }
    }
    return colon - k <= 4 && (k == 0 || !Chars.asciiAlnum(text.charAt(k - 1)));
  }

  private static boolean boundaryBlocked(char p) {
    return Chars.asciiAlnum(p) || p == ':' || p == '.' || p == '_';
  }

  private static int skipWord(String text, int e) {
    int n = text.length();
    while (e < n && (Chars.asciiAlnum(text.charAt(e)) || text.charAt(e) == ':' || text.charAt(e) == '.')) {
      e++;
    }
    return e;
  }

  private static boolean port(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (!Chars.digit(s.charAt(k))) {
        return false;
      }
    }
    return Integer.parseInt(s) <= 65535;
  }

  static boolean ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      for (int k = 0; k < p.length(); k++) {
        if (!Chars.digit(p.charAt(k))) {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean ipv6(String s) {
    if (s.length() < 2) {
      return false;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int groups = 0;
    String[] hp = head.isEmpty() ? new String[0] : head.split(":", -1);
    String[] tp = tail.isEmpty() ? new String[0] : tail.split(":", -1);
    String[][] sides = {hp, tp};
    for (int side = 0; side < 2; side++) {
      String[] parts = sides[side];
      for (int k = 0; k < parts.length; k++) {
        String p = parts[k];
        boolean last = (side == 1 || dbl < 0 || tp.length == 0) && k == parts.length - 1
            && (side == 1 || dbl < 0);
        if (last && p.indexOf('.') >= 0) {
          if (!ipv4(p)) {
            return false;
          }
          groups += 2;
          continue;
        }
        if (p.isEmpty() || p.length() > 4) {
          return false;
        }
        for (int j = 0; j < p.length(); j++) {
          if (!Chars.hex(p.charAt(j))) {
            return false;
          }
        }
        groups++;
      }
    }
    if (dbl >= 0) {
      // a compressed address must have something besides "::" and leave room for the compression
      return groups >= 1 && groups <= 7;
    }
    return groups == 8;
  }
}
