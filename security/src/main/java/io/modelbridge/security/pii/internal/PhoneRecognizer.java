package io.modelbridge.security.pii.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Phone numbers found and validated by Google's libphonenumber ({@code Leniency.VALID}), in international
 * form ({@code +} or {@code 00} and a country code) or in the national formats of the configured regions.
 *
 * <p>libphonenumber is costly, so it only sees short candidates that passed cheap checks in one linear
 * scan: clusters of digits and phone punctuation, split where a new {@code +}, a double space or a
 * {@code /} that is not a German area-code slash ({@code 030/12345678}) starts another number; with 7 to 17
 * digits; not glued to a word or to a longer token that mixes letters and digits (a tracking number, an
 * IBAN). The span is the value only: parentheses around the whole number and unmatched ones are left
 * out; a leading {@code +}, a {@code (0)} trunk marker and an area code's own parentheses are kept.
 *
 * <p>A national number (no country code) needs stronger evidence, as look-alike numbers are common in
 * business text. It is refused when it is shaped like something else: a date (also followed by a time),
 * a US ZIP+4 ({@code 02139-4307}), an SSN ({@code 123-45-6789}), a dotted version or OID (a group of one
 * digit inside the number), or glued to a time ({@code 13:45}). Unformatted (digits only), it also needs a
 * phone word nearby ("tel", "call", "电话" ...) unless it is a Chinese mobile number (11 digits from 13-19)
 * or starts with the trunk 0 and has 10 or 11 digits. A reference word closer than any phone word
 * ("order", "PO", "SIRET", "订单" ...) refuses it.
 *
 * <p>Every step is bounded per character: a cluster longer than a phone number is tried as consecutive
 * space-separated groups of at most 15 digits, so the scan is linear in the text; unless it is written in
 * groups of four, or follows a word mixing letters and digits, as IBANs, cards and parcel tracking numbers
 * are: then no part of it is a phone number.
 */
public final class PhoneRecognizer implements Recognizer {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 17;
  private static final int CUE_WINDOW = 32;
  /** No written phone number is longer, with its separators ({@code +86 (0)10 6552 9988} is 20). */
  private static final int MAX_CHARS = 40;
  private static final java.util.concurrent.ConcurrentHashMap<String, String> NDD =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<String> regions;
  /**
   * libphonenumber's verdict on whole candidates (about 20-40 µs each), kept for the candidates seen most:
   * business text repeats its numbers (signatures, the same customer in a thread). The verdict depends only
   * on the candidate's characters and this recognizer's regions.
   */
  private final com.github.benmanes.caffeine.cache.Cache<String, List<String>> validated =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();

  /** A recognizer trying the given regions (ISO 3166 alpha-2) for numbers written without {@code +}. */
  public PhoneRecognizer(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  private static boolean clusterChar(char c) {
    return Chars.digit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/'
        || c == '+' || c == '\u00a0';
  }

  private static boolean separator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\u00a0' || c == '(' || c == ')';
  }

  @Override
  public void find(String text, Consumer<Finding> sink) {
    find(text, sink, new BitSet());
  }

  /** As {@link #find(String, Consumer)}, skipping candidates that touch a character set in {@code claimed}. */
  public void find(String text, Consumer<Finding> sink, BitSet claimed) {
    int n = text.length();
    int i = 0;
    Set<Long> seen = new HashSet<>();
    int[] nextClaimed = {-1};
    while (i < n) {
      char c = text.charAt(i);
      if (!(Chars.digit(c) || c == '+' || c == '(')) {
        i++;
        continue;
      }
      int s = i;
      while (i < n && clusterChar(text.charAt(i))) {
        i++;
      }
      int e = i;
      while (e > s && !(Chars.digit(text.charAt(e - 1)) || text.charAt(e - 1) == ')')) {
        e--;
      }
      if (glued(text, s) || (e == i && i < n && Chars.asciiAlnum(text.charAt(i)))) {
        while (i < n && Chars.asciiAlnum(text.charAt(i))) {
          i++;
        }
        continue;
      }
      pieces(text, s, e, claimed, nextClaimed, seen, sink);
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

  /** Splits a cluster where another number starts, then checks each piece. */
  private void pieces(String text, int s, int e, BitSet claimed, int[] nextClaimed, Set<Long> seen,
      Consumer<Finding> sink) {
    int start = s;
    for (int k = s; k <= e; k++) {
      boolean cut = k == e
          || (text.charAt(k) == '+' && k > start && text.charAt(k - 1) != '(')
          || (text.charAt(k) == '/' && !areaCodeSlash(text, start, k))
          || (text.charAt(k) == ' ' && k + 1 < e && text.charAt(k + 1) == ' ');
      if (cut) {
        piece(text, start, k, claimed, nextClaimed, seen, sink);
        start = k < e && text.charAt(k) == '+' ? k : k + 1;
      }
    }
  }

  /**
   * The German way of writing an area code: 3 to 5 digits from the trunk 0, then a slash and the
   * subscriber number ({@code 030/12345678}, {@code 0160/4305269}).
   */
  private static boolean areaCodeSlash(String text, int pieceStart, int slash) {
    int g = slash;
    while (g > pieceStart && Chars.digit(text.charAt(g - 1))) {
      g--;
    }
    int len = slash - g;
    return len >= 3 && len <= 5 && text.charAt(g) == '0' && Chars.digitAt(text, slash + 1)
        && (g == pieceStart || text.charAt(g - 1) == ' ' || text.charAt(g - 1) == '(');
  }

  private void piece(String text, int s, int e, BitSet claimed, int[] nextClaimed, Set<Long> seen,
      Consumer<Finding> sink) {
    int[] span = trim(text, s, e);
    s = span[0];
    e = span[1];
    if (e <= s) {
      return;
    }
    // pieces come in increasing order: the next claimed character is looked up again only once passed,
    // so the look-ups cost one pass over the text in all
    if (nextClaimed[0] != Integer.MAX_VALUE && nextClaimed[0] < s) {
      int next = claimed.nextSetBit(s);
      nextClaimed[0] = next < 0 ? Integer.MAX_VALUE : next;
    }
    if (nextClaimed[0] < e) {
      return;
    }
    int digits = digitsIn(text, s, e);
    if (digits < MIN_DIGITS) {
      return;
    }
    if (digits <= MAX_DIGITS) {
      check(text, s, e, seen, sink);
      return;
    }
    // too many digits for one number: try runs of space-separated groups of at most 15 digits
    List<int[]> groups = new ArrayList<>();
    int g = s;
    for (int k = s; k <= e; k++) {
      if (k == e || text.charAt(k) == ' ' || text.charAt(k) == '\u00a0') {
        int gd = k > g ? digitsIn(text, g, k) : 0;
        if (gd > 0) {
          groups.add(new int[] {g, k, gd}); // groups without digits would let a window grow without bound
        }
        g = k + 1;
      }
    }
    if (groupedByFour(groups) || mixedTokenAround(text, s, e)) {
      return; // one long identifier (IBAN, card, parcel tracking number), not a list of phone numbers
    }
    int b = 0;
    int d = 0;
    for (int a = 0; a < groups.size(); a++) {
      if (b < a) {
        b = a;
        d = 0;
      }
      while (b < groups.size() && d + groups.get(b)[2] <= 15) {
        d += groups.get(b)[2];
        b++;
      }
      if (b > a && d >= MIN_DIGITS) {
        int[] w = trim(text, groups.get(a)[0], groups.get(b - 1)[1]);
        if (w[1] > w[0] && digitsIn(text, w[0], w[1]) >= MIN_DIGITS) {
          check(text, w[0], w[1], seen, sink);
        }
      }
      if (b > a) {
        d -= groups.get(a)[2];
      }
    }
  }

  /** Groups of four digits, the last one possibly shorter: how IBANs, cards and tracking numbers are written. */
  private static boolean groupedByFour(List<int[]> groups) {
    for (int k = 0; k < groups.size(); k++) {
      int len = groups.get(k)[1] - groups.get(k)[0];
      if (groups.get(k)[2] != len || (k < groups.size() - 1 ? len != 4 : len > 4)) {
        return false;
      }
    }
    return groups.size() >= 4;
  }

  /**
   * The value only: leading and trailing punctuation, parentheses around the whole number and
   * parentheses without their partner inside the span are left out.
   */
  static int[] trim(String text, int s, int e) {
    Steps.add(e - s);
    int o = s;
    // match parentheses once (one level is all a phone number uses); partner is indexed from o
    int[] partner = new int[e - s];
    java.util.Arrays.fill(partner, -1);
    int open = -1;
    for (int k = s; k < e; k++) {
      char c = text.charAt(k);
      if (c == '(') {
        open = k;
      } else if (c == ')' && open >= 0) {
        partner[k - o] = open;
        partner[open - o] = k;
        open = -1;
      }
    }
    while (s < e) {
      char a = text.charAt(s);
      char z = text.charAt(e - 1);
      if (!(Chars.digit(a) || a == '+' || a == '(')) {
        s++;
      } else if (!(Chars.digit(z) || z == ')')) {
        e--;
      } else if (a == '(' && (partner[s - o] < 0 || partner[s - o] >= e || partner[s - o] == e - 1)) {
        if (partner[s - o] == e - 1) {
          e--; // parentheses around the whole number
        }
        s++;
      } else if (z == ')' && partner[e - 1 - o] < s) {
        e--; // a closing parenthesis without its opening one belongs to the sentence
      } else {
        break;
      }
    }
    return new int[] {s, e};
  }

  private static PhoneNumber parse(String candidate, String region) {
    Steps.add(candidate.length());
    try {
      return UTIL.parse(candidate, region);
    } catch (NumberParseException e) {
      return null;
    }
  }

  /**
   * A national number must carry the region's trunk prefix (0 in CN, FR, DE, GB) as people write it, except
   * Chinese mobile numbers (11 digits from 1) and regions without a trunk 0 (the US): this rejects order and
   * reference numbers that merely parse.
   */
  private static boolean nationalPrefixOk(String candidate, String region) {
    String ndd = NDD.computeIfAbsent(region, r -> String.valueOf(UTIL.getNddPrefixForRegion(r, true)));
    int k = 0;
    while (k < candidate.length() && !Chars.digit(candidate.charAt(k))) {
      k++;
    }
    if (!ndd.equals("0")) {
      return k < candidate.length() && candidate.charAt(k) != '0';
    }
    if (k < candidate.length() && candidate.charAt(k) == '0') {
      return true;
    }
    return region.equals("CN") && k < candidate.length() && candidate.charAt(k) == '1';
  }

  private static final String[] REFERENCE_WORDS = {"order", "invoice", "ref", "tracking", "account", "acct",
      "customer", "client", "commande", "facture", "réf", "ticket", "serial", "sku", "claim", "dossier",
      "contract", "contrat", "policy", "police", "batch", "case", "po", "p.o", "purchase", "bestell",
      "auftrag", "rechnung", "kunden", "vorgang", "siret", "siren", "ean", "upc", "gtin", "isbn", "imei",
      "oid", "version", "build", "zip", "postal", "ssn", "iban", "colis", "suivi", "parcel", "shipment",
      "订单", "单号", "发票", "编号", "账号", "流水号", "客户号", "运单", "快递", "工单", "条码", "身份证"};
  private static final String[] PHONE_WORDS = {"tel", "tél", "phone", "call", "mobile", "mob", "cell", "fax",
      "appel", "portable", "joindre", "numéro de", "whatsapp", "sms", "ring", "telefon", "handy", "ruf",
      "电话", "手机", "致电", "拨打", "联系", "座机", "热线", "☎", "📞"};

  /** Words that name the number next to them as an identifier of another kind, whatever its form. */
  private static final String[] ID_WORDS = {"order", "invoice", "ref", "tracking", "ticket", "serial", "sku",
      "case", "po", "p.o", "siret", "siren", "ean", "upc", "gtin", "isbn", "imei", "oid", "version", "build",
      "zip", "ssn", "iban", "订单", "单号", "运单", "编号", "条码", "身份证"};

  /**
   * 1 if a phone word is in the window before {@code s}; otherwise -1 if a reference word is (an identifier
   * word right before it, for a formatted candidate); 0 if neither.
   */
  static int cue(String text, int s, boolean bare) {
    int from = Math.max(0, s - CUE_WINDOW);
    String before = text.substring(from, s).toLowerCase(java.util.Locale.ROOT);
    if (lastWord(before, PHONE_WORDS) >= 0) {
      return 1;
    }
    if (bare) {
      return lastWord(before, REFERENCE_WORDS) >= 0 ? -1 : 0;
    }
    int id = lastWord(before, ID_WORDS);
    return id >= 0 && before.length() - id <= 16 ? -1 : 0;
  }

  /** The last index where one of the words starts a word in {@code s}, or -1. */
  private static int lastWord(String s, String[] words) {
    int best = -1;
    for (String w : words) {
      int k = s.lastIndexOf(w);
      while (k >= 0) {
        if (k == 0 || !Chars.asciiLetter(s.charAt(k - 1)) || !Chars.asciiLetter(w.charAt(0))) {
          // ASCII words of two letters must end there too ("po" is not "report" nor "point")
          int end = k + w.length();
          if (w.length() > 2 || end >= s.length() || !Chars.asciiLetter(s.charAt(end))) {
            best = Math.max(best, k);
            break;
          }
        }
        k = k == 0 ? -1 : s.lastIndexOf(w, k - 1);
      }
    }
    return best;
  }

  /** The digit groups of a candidate (lengths), split at any separator. */
  private static List<Integer> groupLengths(String c) {
    List<Integer> g = new ArrayList<>();
    int len = 0;
    for (int k = 0; k < c.length(); k++) {
      if (Chars.digit(c.charAt(k))) {
        len++;
      } else if (len > 0) {
        g.add(len);
        len = 0;
      }
    }
    if (len > 0) {
      g.add(len);
    }
    return g;
  }

  /** The single separator used between groups, 0 for none, -1 for several kinds. */
  private static int separatorKind(String c) {
    int kind = 0;
    for (int k = 0; k < c.length(); k++) {
      char ch = c.charAt(k);
      if (!Chars.digit(ch)) {
        if (kind == 0) {
          kind = ch;
        } else if (kind != ch) {
          return -1;
        }
      }
    }
    return kind;
  }

  /**
   * A date at the start ({@code 2024-03-15}, {@code 15/03/2024}, {@code 15.03.24}, also followed by a time
   * or more digits): the numbers people write most that parse as phone numbers.
   */
  static boolean dateShaped(String c) {
    int[] g = new int[3];
    int[] v = new int[3];
    int k = 0;
    char sep = 0;
    for (int part = 0; part < 3; part++) {
      int st = k;
      int val = 0;
      while (k < c.length() && Chars.digit(c.charAt(k)) && k - st < 5) {
        val = val * 10 + (c.charAt(k) - '0');
        k++;
      }
      g[part] = k - st;
      v[part] = val;
      if (g[part] == 0 || g[part] > 4) {
        return false;
      }
      if (part < 2) {
        if (k >= c.length()) {
          return false;
        }
        char ch = c.charAt(k);
        if (!(ch == '-' || ch == '/' || ch == '.') || (sep != 0 && ch != sep)) {
          return false;
        }
        sep = ch;
        k++;
      }
    }
    if (k < c.length() && (Chars.digit(c.charAt(k)) || c.charAt(k) == sep)) {
      return false; // 06.12.34.56.78 goes on: a number grouped by the date's separator
    }
    if (g[0] == 4) {
      return g[1] <= 2 && g[2] <= 2 && v[1] >= 1 && v[1] <= 12 && v[2] >= 1 && v[2] <= 31;
    }
    boolean year = g[2] == 2 || g[2] == 4;
    boolean dm = v[0] >= 1 && v[0] <= 31 && v[1] >= 1 && v[1] <= 31 && (v[0] <= 12 || v[1] <= 12);
    return g[0] <= 2 && g[1] <= 2 && year && dm;
  }

  /**
   * Why a national candidate is not a phone number, or null if nothing speaks against it. International
   * candidates ({@code +}, {@code 00}) are judged by libphonenumber alone.
   */
  static String refusal(String text, int s, int e, String c) {
    if (dateShaped(c)) {
      return "date";
    }
    if ((e + 1 < text.length() && text.charAt(e) == ':' && Chars.digit(text.charAt(e + 1)))
        || (s >= 2 && text.charAt(s - 1) == ':' && Chars.digit(text.charAt(s - 2)))) {
      return "time";
    }
    List<Integer> groups = groupLengths(c);
    int kind = separatorKind(c);
    for (int k = 1; k < groups.size(); k++) {
      if (groups.get(k) == 1) {
        return "one-digit group"; // versions 2024.1.18.190, OIDs 1.3.6.1.4.1
      }
    }
    if (groups.size() == 2 && groups.get(0) == 5 && groups.get(1) == 4 && kind == '-') {
      return "ZIP+4";
    }
    if (groups.size() == 3 && groups.get(0) == 3 && groups.get(1) == 2 && groups.get(2) == 4 && kind > 0) {
      return "SSN shape";
    }
    if (kind == '.' && groups.size() >= 3 && groups.get(0) == 4) {
      return "version";
    }
    if (mixedTokenAround(text, s, e)) {
      return "piece of a longer token";
    }
    int cue = cue(text, s, kind == 0);
    if (cue < 0) {
      return "reference word";
    }
    if (kind == 0 && cue == 0) {
      int d = c.length();
      boolean cnMobile = d == 11 && c.charAt(0) == '1' && c.charAt(1) >= '3';
      boolean trunk = c.charAt(0) == '0' && (d == 10 || d == 11);
      if (!cnMobile && !trunk) {
        return "bare digits without a phone word";
      }
    }
    return null;
  }

  /**
   * Whether the word right before the candidate (across one space) mixes letters and digits, as the first
   * parts of a tracking number or an IBAN do ({@code FR76 3000 6000 ...}, {@code 1Z 999 AA1 0123 ...}). The
   * word after is not looked at: a phone number followed by an IBAN is still a phone number.
   */
  private static boolean mixedTokenAround(String text, int s, int e) {
    if (s >= 2 && text.charAt(s - 1) == ' ' && Chars.asciiAlnum(text.charAt(s - 2))) {
      if (mixed(text, s - 2, -1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mixed(String text, int from, int step) {
    boolean letter = false;
    boolean digit = false;
    for (int k = from, steps = 0; k >= 0 && k < text.length() && steps < 40
        && Chars.asciiAlnum(text.charAt(k)); k += step, steps++) {
      letter |= Chars.asciiLetter(text.charAt(k));
      digit |= Chars.digit(text.charAt(k));
    }
    return letter && digit;
  }

  private static int digitsIn(String text, int s, int e) {
    int d = 0;
    for (int k = s; k < e; k++) {
      if (Chars.digit(text.charAt(k))) {
        d++;
      }
    }
    return d;
  }

  private static boolean international(String c) {
    return c.indexOf('+') >= 0 || (c.startsWith("00") && c.length() > 2 && c.charAt(2) != '0');
  }

  /** Marks a candidate that is a valid number as a whole. */
  private static final List<String> VALID = List.of("valid");

  /**
   * {@link #VALID}, or the regions where the candidate is a possible but not valid number (where
   * {@code findNumbers} may find a number inside it).
   */
  private List<String> wholeNumber(String candidate, boolean international) {
    List<String> possible = new ArrayList<>(regions.size());
    for (String region : regions) {
      if (!international && !nationalPrefixOk(candidate, region)) {
        continue; // cheap routing by the trunk prefix before libphonenumber's costly parse
      }
      PhoneNumber pn = parse(candidate, region);
      if (pn == null || !UTIL.isPossibleNumber(pn)) {
        continue;
      }
      if (UTIL.isValidNumber(pn)) {
        return VALID;
      }
      possible.add(region);
      if (international) {
        break;
      }
    }
    return List.copyOf(possible);
  }

  private void check(String text, int s, int e, Set<Long> seen, Consumer<Finding> sink) {
    Steps.add(1);
    if (e - s > MAX_CHARS || Chars.digitAt(text, s - 1) || Chars.digitAt(text, e)) {
      return; // longer than any written phone number, or part of a longer digit run
    }
    String candidate = text.substring(s, e);
    boolean international = international(candidate);
    if (!international && refusal(text, s, e, candidate) != null) {
      return;
    }
    // fast path: the whole candidate is a valid number written as the region writes it
    List<String> possible = validated.get(candidate, c -> wholeNumber(c, international));
    if (possible == VALID) {
      if (seen.add(((long) s << 32) | e)) {
        sink.accept(new Finding(PiiType.PHONE, s, e, candidate, 0.8));
      }
      return;
    }
    // slow path: libphonenumber's matcher finds numbers inside the candidate
    boolean foundAny = false;
    for (String region : possible) {
      boolean whole = false;
      Steps.add(candidate.length());
      for (PhoneNumberMatch m : UTIL.findNumbers(candidate, region, PhoneNumberUtil.Leniency.VALID, 10)) {
        int[] span = trim(text, s + m.start(), s + m.end());
        int ms = span[0];
        int me = span[1];
        if (me <= ms || Chars.digitAt(text, ms - 1) || Chars.digitAt(text, me) || (international && ms != s)) {
          continue; // part of a longer digit run, or the tail of an international number read as national
        }
        String sub = text.substring(ms, me);
        if (!international(sub) && refusal(text, ms, me, sub) != null) {
          continue;
        }
        whole |= ms == s && me == e;
        foundAny = true;
        if (seen.add(((long) ms << 32) | me)) {
          sink.accept(new Finding(PiiType.PHONE, ms, me, sub, 0.8));
        }
      }
      if (international || whole) {
        break; // a '+' number does not depend on the region; a whole match needs no other reading
      }
    }
    // A number written with its country code that has a possible length for that country, but that
    // libphonenumber does not list as assigned (the ranges reserved for drama and documentation, such as
    // +44 7700 900xxx, or ranges newer than its metadata): written like that in text, it is a phone number.
    if (international && !foundAny && !possible.isEmpty() && candidate.startsWith("+")
        && seen.add(((long) s << 32) | e)) {
      sink.accept(new Finding(PiiType.PHONE, s, e, candidate, 0.6));
    }
  }
}
