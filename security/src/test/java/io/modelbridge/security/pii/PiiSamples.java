package io.modelbridge.security.pii;

import java.math.BigInteger;
import java.util.Random;

/** Generates valid (and deliberately invalid) identifiers with correct check digits, for tests and corpus. */
final class PiiSamples {
  private final Random rnd;

  PiiSamples(long seed) {
    rnd = new Random(seed);
  }

  String digits(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + rnd.nextInt(10)));
    }
    return b.toString();
  }

  int pick(int n) {
    return rnd.nextInt(n);
  }

  <T> T pick(T[] a) {
    return a[rnd.nextInt(a.length)];
  }

  static char luhnCheck(String payload) {
    int sum = 0;
    boolean dbl = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** A valid card number (digits only) of a random brand. */
  String card() {
    String[][] brands = {{"4", "16"}, {"4", "13"}, {"51", "16"}, {"55", "16"}, {"2221", "16"}, {"34", "15"},
        {"37", "15"}, {"6011", "16"}, {"65", "16"}, {"3530", "16"}, {"62", "16"}, {"62", "19"}, {"36", "14"}};
    String[] b = pick(brands);
    int len = Integer.parseInt(b[1]);
    String payload = b[0] + digits(len - 1 - b[0].length());
    return payload + luhnCheck(payload);
  }

  /** Groups a card number the usual way: 4-4-4-4(-3), Amex 4-6-5. */
  static String groupCard(String d, String sep) {
    if (d.length() == 15) {
      return d.substring(0, 4) + sep + d.substring(4, 10) + sep + d.substring(10);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < d.length(); i += 4) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(d, i, Math.min(d.length(), i + 4));
    }
    return b.toString();
  }

  /** A card number with a wrong Luhn digit. */
  String badCard() {
    String c = card();
    char last = c.charAt(c.length() - 1);
    return c.substring(0, c.length() - 1) + (char) ('0' + (last - '0' + 1 + pick(8)) % 10);
  }

  static final String[][] IBAN_COUNTRIES = {{"DE", "18", "n"}, {"FR", "23", "fr"}, {"GB", "18", "gb"},
      {"ES", "20", "n"}, {"IT", "23", "it"}, {"NL", "14", "nl"}, {"BE", "12", "n"}, {"CH", "17", "n"},
      {"AT", "16", "n"}, {"PL", "24", "n"}};

  String iban() {
    String[] c = pick(IBAN_COUNTRIES);
    int len = Integer.parseInt(c[1]);
    String bban;
    switch (c[2]) {
      case "gb": bban = letters(4) + digits(14); break;
      case "it": bban = letters(1) + digits(22); break;
      case "nl": bban = letters(4) + digits(10); break;
      case "fr": bban = digits(21) + digits(2); break;
      default: bban = digits(len);
    }
    return ibanFor(c[0], bban);
  }

  static String ibanFor(String country, String bban) {
    String rearranged = bban + country + "00";
    StringBuilder num = new StringBuilder();
    for (char ch : rearranged.toCharArray()) {
      num.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
    }
    int check = 98 - new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue();
    return country + (check < 10 ? "0" : "") + check + bban;
  }

  String letters(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('A' + rnd.nextInt(26)));
    }
    return b.toString();
  }

  static String groupIban(String iban) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(iban, i, Math.min(iban.length(), i + 4));
    }
    return b.toString();
  }

  static final String[] CN_AREAS = {"110101", "310104", "440305", "330106", "510107", "420102", "320102",
      "610113", "370202", "500103", "120101", "650102", "210202", "350203", "430104"};
  static final int[] CN_W = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  String cnId() {
    int year = 1950 + pick(60);
    int month = 1 + pick(12);
    int day = 1 + pick(28);
    String body = pick(CN_AREAS) + year + two(month) + two(day) + digits(3);
    return body + cnCheck(body);
  }

  static char cnCheck(String body17) {
    int sum = 0;
    for (int k = 0; k < 17; k++) {
      sum += (body17.charAt(k) - '0') * CN_W[k];
    }
    return "10X98765432".charAt(sum % 11);
  }

  static String two(int v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }

  /** A French NIR, digits only (Corsica departments written 2A/2B). */
  String nir() {
    String sex = String.valueOf(1 + pick(2));
    String yy = two(pick(100));
    String mm = two(1 + pick(12));
    String[] deps = {"75", "69", "13", "33", "59", "2A", "2B", "44", "31", "67", "92", "06"};
    String dep = pick(deps);
    String body = sex + yy + mm + dep + digits(3) + digits(3);
    return body + nirKey(body);
  }

  static String nirKey(String body13) {
    String numeric = body13.replace("2A", "19").replace("2B", "18");
    long n = Long.parseLong(numeric);
    return two((int) (97 - n % 97));
  }

  static String groupNir(String nir) {
    return nir.charAt(0) + " " + nir.substring(1, 3) + " " + nir.substring(3, 5) + " " + nir.substring(5, 7) + " "
        + nir.substring(7, 10) + " " + nir.substring(10, 13) + " " + nir.substring(13);
  }

  String ssn(String sep) {
    int area;
    do {
      area = 1 + pick(899);
    } while (area == 666);
    int group = 1 + pick(99);
    int serial = 1 + pick(9999);
    return String.format("%03d%s%02d%s%04d", area, sep, group, sep, serial);
  }

  String ipv4() {
    return (1 + pick(223)) + "." + pick(256) + "." + pick(256) + "." + (1 + pick(254));
  }

  String ipv6() {
    String[] forms = {"2001:db8:%x:%x::%x", "fe80::%x:%x:%x:%x", "2001:0db8:85a3:0000:0000:8a2e:%04x:%04x",
        "2a01:cb00:%x:%x:%x:%x:%x:%x", "::ffff:192.0.2.%d"};
    String f = pick(forms);
    Object[] args = new Object[6];
    for (int i = 0; i < 6; i++) {
      args[i] = 1 + pick(0xfffe);
    }
    if (f.startsWith("::ffff")) {
      args[0] = 1 + pick(254);
    }
    return String.format(f, args);
  }
}
