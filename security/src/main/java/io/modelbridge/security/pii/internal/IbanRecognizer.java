package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * IBANs (ISO 13616): a country with its registered length, two check digits and the mod-97 check (the
 * number moved and read in base 36 is 1 modulo 97). Written whole or grouped by four with single spaces.
 */
public final class IbanRecognizer implements Recognizer {

  private static final Map<String, Integer> LENGTHS = new HashMap<>();

  static {
    String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 "
        + "EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 "
        + "KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 "
        + "PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
    for (String e : table.split(" ")) {
      LENGTHS.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
    }
  }

  @Override
  public void find(String text, Consumer<Finding> sink) {
    int n = text.length();
    for (int i = 0; i + 15 <= n; i++) {
      char a = text.charAt(i);
      if (!Chars.asciiLetter(a) || Chars.alnumAt(text, i - 1)) {
        continue;
      }
      char b = text.charAt(i + 1);
      if (!Chars.asciiLetter(b) || !Chars.digit(text.charAt(i + 2)) || !Chars.digit(text.charAt(i + 3))) {
        continue;
      }
      Integer length = LENGTHS.get(text.substring(i, i + 2).toUpperCase(java.util.Locale.ROOT));
      if (length != null) {
        tryAt(text, i, length, sink);
      }
    }
  }

  private static void tryAt(String text, int start, int length, Consumer<Finding> sink) {
    Steps.add(1);
    int n = text.length();
    char[] iban = new char[length];
    int p = start;
    for (int k = 0; k < length; k++) {
      if (k > 0 && k % 4 == 0 && p < n && text.charAt(p) == ' ') {
        p++;
      }
      if (p >= n || !Chars.asciiAlnum(text.charAt(p))) {
        return;
      }
      iban[k] = Character.toUpperCase(text.charAt(p));
      p++;
    }
    if (Chars.alnumAt(text, p)) {
      return;
    }
    if (mod97(iban) == 1) {
      sink.accept(new Finding(PiiType.IBAN, start, p, text.substring(start, p), 1.0));
    }
  }

  static int mod97(char[] iban) {
    int r = 0;
    for (int k = 0; k < iban.length; k++) {
      char c = iban[(k + 4) % iban.length];
      if (Chars.digit(c)) {
        r = (r * 10 + (c - '0')) % 97;
      } else {
        r = (r * 100 + (c - 'A' + 10)) % 97;
      }
    }
    return r;
  }
}
