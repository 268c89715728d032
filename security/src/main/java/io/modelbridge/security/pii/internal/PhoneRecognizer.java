package io.modelbridge.security.pii.internal;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Phone numbers found and validated by Google's libphonenumber ({@code Leniency.VALID}), in international
 * form ({@code +} and country code) or in the national formats of the configured regions.
 *
 * <p>libphonenumber is only run on short candidate clusters (digits with phone punctuation, at least six
 * digits) cut out of the text, which keeps the scan linear and lets numbers glued to Chinese characters
 * ({@code 请拨打13812345678联系我}) be found. Long clusters are cut into overlapping windows; a match that
 * touches a cut is discarded (the neighbouring window sees it whole).
 */
public final class PhoneRecognizer implements Recognizer {

  private static final int WINDOW = 64;
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final List<String> regions;

  /** A recognizer trying the given regions (ISO 3166 alpha-2) for numbers written without {@code +}. */
  public PhoneRecognizer(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  private static boolean clusterChar(char c) {
    return Chars.digit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/'
        || c == '+' || c == '\u00a0';
  }

  @Override
  public void find(String text, Consumer<Finding> sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!(Chars.digit(c) || c == '+' || c == '(')) {
        i++;
        continue;
      }
      int s = i;
      int digits = 0;
      while (i < n && clusterChar(text.charAt(i))) {
        if (Chars.digit(text.charAt(i))) {
          digits++;
        }
        i++;
      }
      int e = i;
      while (e > s && !Chars.digit(text.charAt(e - 1)) && text.charAt(e - 1) != ')') {
        e--;
      }
      if (digits < 6 || glued(text, s) || (e < n && Chars.asciiAlnum(text.charAt(e)))) {
        while (i < n && Chars.asciiAlnum(text.charAt(i))) {
          i++;
        }
        continue;
      }
      scanCluster(text, s, e, sink);
    }
  }

  /** A cluster right after a word, as in {@code ORD-2024-0001} or {@code A1#123456}, is not a phone number. */
  private static boolean glued(String text, int s) {
    if (s == 0) {
      return false;
    }
    char p = text.charAt(s - 1);
    if (Chars.asciiAlnum(p)) {
      return true;
    }
    return (p == '-' || p == '_' || p == '/' || p == '#') && s >= 2 && Chars.asciiAlnum(text.charAt(s - 2));
  }

  private void scanCluster(String text, int s, int e, Consumer<Finding> sink) {
    Set<Long> seen = new HashSet<>();
    if (e - s <= WINDOW) {
      scanWindow(text, s, e, s, e, seen, sink);
      return;
    }
    for (int w = s; w < e; w += WINDOW / 2) {
      int we = Math.min(e, w + WINDOW);
      scanWindow(text, w, we, s, e, seen, sink);
      if (we == e) {
        break;
      }
    }
  }

  private void scanWindow(String text, int ws, int we, int cs, int ce, Set<Long> seen, Consumer<Finding> sink) {
    String window = text.substring(ws, we);
    for (String region : regions) {
      for (PhoneNumberMatch m : UTIL.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, 50)) {
        int ms = ws + m.start();
        int me = ws + m.end();
        if ((ms == ws && ws != cs) || (me == we && we != ce)) {
          continue; // touches a window cut
        }
        if (Chars.digitAt(text, ms - 1) || Chars.digitAt(text, me)) {
          continue; // part of a longer digit run
        }
        if (seen.add(((long) ms << 32) | me)) {
          sink.accept(new Finding(PiiType.PHONE, ms, me, text.substring(ms, me), 0.8));
        }
      }
    }
  }
}
