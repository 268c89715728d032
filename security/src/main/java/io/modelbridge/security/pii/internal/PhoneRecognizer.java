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
 * form ({@code +} and country code) or in the national formats of the configured regions.
 *
 * <p>libphonenumber is costly, so it only sees short candidates cut out of the text by a linear scan:
 * clusters of digits and phone punctuation, split where a new {@code +}, a {@code /} or a double space
 * starts another number, with 7 to 17 digits, not glued to a word, and not already claimed by a checksum
 * recognizer (card, IBAN, identity numbers). Cutting candidates out also finds numbers glued to Chinese
 * text ({@code 请拨打13812345678联系我}). A space-separated cluster with more digits than a phone number is
 * tried as consecutive groups of at most 15 digits.
 */
public final class PhoneRecognizer implements Recognizer {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 17;
  private static final java.util.concurrent.ConcurrentHashMap<String, String> NDD =
      new java.util.concurrent.ConcurrentHashMap<>();
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
    find(text, sink, new BitSet());
  }

  /** As {@link #find(String, Consumer)}, skipping candidates that touch a character set in {@code claimed}. */
  public void find(String text, Consumer<Finding> sink, BitSet claimed) {
    int n = text.length();
    int i = 0;
    Set<Long> seen = new HashSet<>();
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
      pieces(text, s, e, claimed, seen, sink);
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
  private void pieces(String text, int s, int e, BitSet claimed, Set<Long> seen, Consumer<Finding> sink) {
    int start = s;
    for (int k = s; k <= e; k++) {
      boolean cut = k == e
          || (text.charAt(k) == '+' && k > start && text.charAt(k - 1) != '(')
          || text.charAt(k) == '/'
          || (text.charAt(k) == ' ' && k + 1 < e && text.charAt(k + 1) == ' ');
      if (cut) {
        piece(text, start, k, claimed, seen, sink);
        start = k < e && text.charAt(k) == '+' ? k : k + 1;
      }
    }
  }

  private void piece(String text, int s, int e, BitSet claimed, Set<Long> seen, Consumer<Finding> sink) {
    while (s < e && !(Chars.digit(text.charAt(s)) || text.charAt(s) == '+' || text.charAt(s) == '(')) {
      s++;
    }
    while (e > s && !(Chars.digit(text.charAt(e - 1)) || text.charAt(e - 1) == ')')) {
      e--;
    }
    if (e > s && text.charAt(e - 1) == ')' && text.lastIndexOf('(', e - 1) < s) {
      e--; // a closing parenthesis without its opening one belongs to the sentence
    }
    if (e <= s || claimed.nextSetBit(s) >= 0 && claimed.nextSetBit(s) < e) {
      return;
    }
    int digits = 0;
    for (int k = s; k < e; k++) {
      if (Chars.digit(text.charAt(k))) {
        digits++;
      }
    }
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
        if (k > g) {
          groups.add(new int[] {g, k, digitsIn(text, g, k)});
        }
        g = k + 1;
      }
    }
    for (int a = 0; a < groups.size(); a++) {
      int d = 0;
      int b = a;
      while (b < groups.size() && d + groups.get(b)[2] <= 15) {
        d += groups.get(b)[2];
        b++;
      }
      if (b > a && d >= MIN_DIGITS) {
        check(text, groups.get(a)[0], groups.get(b - 1)[1], seen, sink);
      }
    }
  }

  private static PhoneNumber parse(String candidate, String region) {
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
      "contract", "contrat", "policy", "police", "batch", "订单", "单号", "发票", "编号",
      "账号", "流水号", "客户号"};
  private static final String[] PHONE_WORDS = {"tel", "tél", "phone", "call", "mobile", "cell", "fax", "appel",
      "portable", "joindre", "电话", "手机", "致电", "拨打", "联系"};

  /**
   * A bare run of digits (no separator, no {@code +}) right after "order", "invoice", "订单号" and the like,
   * with no phone word nearby, is a reference number even when libphonenumber would accept it.
   */
  static boolean referenceContext(String text, int s, String candidate) {
    for (int k = 0; k < candidate.length(); k++) {
      if (!Chars.digit(candidate.charAt(k))) {
        return false;
      }
    }
    String before = text.substring(Math.max(0, s - 24), s).toLowerCase(java.util.Locale.ROOT);
    for (String w : PHONE_WORDS) {
      if (before.contains(w)) {
        return false;
      }
    }
    for (String w : REFERENCE_WORDS) {
      if (before.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** {@code 2024-03-15}, {@code 15/03/2024}, {@code 15.03.24}: dates, not phone numbers. */
  static boolean dateShaped(String c) {
    String[] parts = c.split("[-/.]", -1);
    if (parts.length != 3) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(Chars::digit)) {
        return false;
      }
    }
    return parts[0].length() == 4 ? parts[1].length() <= 2 && parts[2].length() <= 2
        : parts[0].length() <= 2 && parts[1].length() <= 2 && (parts[2].length() == 2 || parts[2].length() == 4);
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

  private void check(String text, int s, int e, Set<Long> seen, Consumer<Finding> sink) {
    String candidate = text.substring(s, e);
    boolean international = candidate.indexOf('+') >= 0;
    // fast path: the whole candidate is a valid number written as the region writes it
    List<String> possible = new ArrayList<>(regions.size());
    if (!international && (dateShaped(candidate) || referenceContext(text, s, candidate))) {
      return;
    }
    for (String region : regions) {
      if (!international && !nationalPrefixOk(candidate, region)) {
        continue; // cheap routing by the trunk prefix before libphonenumber's costly parse
      }
      PhoneNumber pn = parse(candidate, region);
      if (pn == null || !UTIL.isPossibleNumber(pn)) {
        continue;
      }
      if (UTIL.isValidNumber(pn) && (international || nationalPrefixOk(candidate, region))) {
        if (!Chars.digitAt(text, s - 1) && !Chars.digitAt(text, e) && seen.add(((long) s << 32) | e)) {
          sink.accept(new Finding(PiiType.PHONE, s, e, candidate, 0.8));
        }
        return;
      }
      possible.add(region);
      if (international) {
        break;
      }
    }
    // slow path: libphonenumber's matcher finds numbers inside the candidate
    boolean foundAny = false;
    for (String region : possible) {
      boolean whole = false;
      for (PhoneNumberMatch m : UTIL.findNumbers(candidate, region, PhoneNumberUtil.Leniency.VALID, 10)) {
        int ms = s + m.start();
        int me = s + m.end();
        if (Chars.digitAt(text, ms - 1) || Chars.digitAt(text, me)) {
          continue; // part of a longer digit run
        }
        whole |= m.start() == 0 && m.end() == candidate.length();
        foundAny = true;
        if (seen.add(((long) ms << 32) | me)) {
          sink.accept(new Finding(PiiType.PHONE, ms, me, text.substring(ms, me), 0.8));
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
        && !Chars.digitAt(text, s - 1) && !Chars.digitAt(text, e) && seen.add(((long) s << 32) | e)) {
      sink.accept(new Finding(PiiType.PHONE, s, e, candidate, 0.6));
    }
  }
}
