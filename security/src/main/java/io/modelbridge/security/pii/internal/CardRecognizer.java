package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.function.Consumer;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by one kind of separator (space or dash) in
 * groups of 3 to 8 digits, Luhn-valid, with a known issuer prefix (IIN).
 */
public final class CardRecognizer implements Recognizer {

  @Override
  public void find(String text, Consumer<Finding> sink) {
    DigitGroups.forEachRun(text, " -", run -> {
      for (int i = 0; i < run.size(); i++) {
        // a card inside a dash-joined run is a part of something else (an order or reference number)
        if (i > 0 && run.seps()[i] == '-') {
          continue;
        }
        int digits = 0;
        for (int j = i; j < run.size(); j++) {
          int len = run.ends()[j] - run.starts()[j];
          digits += len;
          if (digits > 19) {
            break;
          }
          if (j > i && (len > 8 || run.ends()[i] - run.starts()[i] < 3
              || run.ends()[j - 1] - run.starts()[j - 1] < 3)) {
            break; // groups of 3 to 8 digits; only the last one may be shorter (4-4-4-1 for 13 digits)
          }
          if (digits < 13 || !run.sameSeparator(i, j)) {
            continue;
          }
          if (j + 1 < run.size() && run.seps()[j + 1] == '-') {
            continue;
          }
          String d = Chars.digitsOnly(text, run.starts()[i], run.ends()[j]);
          if (Chars.luhn(d) && knownIssuer(d)) {
            int s = run.starts()[i];
            int e = run.ends()[j];
            sink.accept(new Finding(PiiType.CREDIT_CARD, s, e, text.substring(s, e), 1.0));
          }
        }
      }
    });
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
