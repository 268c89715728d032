package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Payment card numbers: a whole run of 13 to 19 digits (never a part of a longer run), optionally grouped
 * by one kind of separator (space or dash) in groups of 3 to 8 digits, Luhn-valid, with a known issuer
 * prefix (IIN).
 *
 * <p>Other numbers share that shape, and some are Luhn-valid by design. A run is not a card when it has the
 * structure of another identifier: 18 digits that read as a Chinese resident-ID (province code and a birth
 * date, whatever its check character), 14 digits grouped 3-3-3-5 as a SIRET, 13 digits with a valid GS1
 * check digit (an EAN-13), or when a word naming another kind of number stands right before it ("SIRET",
 * "EAN", "身份证号", "tracking" ...).
 */
public final class CardRecognizer implements Recognizer {

  private static final String[] OTHER_KIND_WORDS = {"siret", "siren", "ean", "gtin", "upc", "isbn", "barcode",
      "code-barre", "code barre", "tracking", "suivi", "colis", "parcel", "imei", "身份证", "证件", "条码", "条形码",
      "运单", "快递", "物流"};

  @Override
  public void find(String text, Consumer<Finding> sink) {
    DigitGroups.forEachRun(text, " -", run -> {
      int last = run.size() - 1;
      Steps.add(run.size());
      int digits = run.digits(0, last);
      if (digits < 13 || digits > 19 || !run.sameSeparator(0, last)) {
        return;
      }
      for (int g = 0; g <= last; g++) {
        int len = run.ends()[g] - run.starts()[g];
        if (last > 0 && (len > 8 || (len < 3 && g < last))) {
          return; // groups of 3 to 8 digits; only the last one may be shorter (4-4-4-1 for 13 digits)
        }
      }
      int s = run.starts()[0];
      int e = run.ends()[last];
      String d = Chars.digitsOnly(text, s, e);
      if (!Chars.luhn(d) || !knownIssuer(d) || otherKind(text, s, e, d, run)) {
        return;
      }
      sink.accept(new Finding(PiiType.CREDIT_CARD, s, e, text.substring(s, e), 1.0));
    });
  }

  /** Whether the run has the structure of, or is named as, another kind of number. */
  static boolean otherKind(String text, int s, int e, String d, DigitGroups.Run run) {
    if (d.length() == 18 || (d.length() == 17 && e < text.length() && (text.charAt(e) == 'X'
        || text.charAt(e) == 'x'))) {
      if (cnIdShape(d)) {
        return true;
      }
    }
    if (d.length() == 14 && run.size() == 4 && len(run, 0) == 3 && len(run, 1) == 3 && len(run, 2) == 3) {
      return true; // SIRET: SIREN 3-3-3 and a 5-digit establishment number
    }
    if (d.length() == 13 && gs1(d)) {
      return true; // EAN-13
    }
    String before = text.substring(Math.max(0, s - 24), s).toLowerCase(Locale.ROOT);
    for (String w : OTHER_KIND_WORDS) {
      if (before.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static int len(DigitGroups.Run run, int g) {
    return run.ends()[g] - run.starts()[g];
  }

  /** A GB 11643 province code and a birth date (year 1800-2099, month 1-12, day 1-31) in digits 7-14. */
  static boolean cnIdShape(String d) {
    int province = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
    int year = Integer.parseInt(d.substring(6, 10));
    int month = Integer.parseInt(d.substring(10, 12));
    int day = Integer.parseInt(d.substring(12, 14));
    return province >= 11 && province <= 82 && year >= 1800 && year <= 2099 && month >= 1 && month <= 12
        && day >= 1 && day <= 31;
  }

  /** The GS1 check digit (weights 3 and 1 from the right, check digit excluded). */
  static boolean gs1(String d) {
    int sum = 0;
    int n = d.length();
    for (int k = n - 2, w = 3; k >= 0; k--, w = 4 - w) {
      sum += (d.charAt(k) - '0') * w;
    }
    return (10 - sum % 10) % 10 == d.charAt(n - 1) - '0';
  }

  static boolean knownIssuer(String d) {
    int len = d.length();
    int p2 = Integer.parseInt(d.substring(0, 2));
    int p3 = Integer.parseInt(d.substring(0, 3));
    int p4 = Integer.parseInt(d.substring(0, 4));
    int p6 = Integer.parseInt(d.substring(0, 6));
    if (d.charAt(0) == '4') {
      return len == 13 || len == 16 || len == 19; // Visa
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // American Express
    }
    if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) {
      return len >= 16; // Discover
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16; // JCB
    }
    if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
      return len >= 14; // Diners Club
    }
    if (p2 == 62 || p2 == 81) {
      return len >= 16; // UnionPay
    }
    if (p2 == 50 || (p2 >= 56 && p2 <= 69) || p2 == 22) {
      return len >= 12; // Maestro, Mir
    }
    return false;
  }
}
