package io.modelbridge.security.pii;

import io.modelbridge.security.pii.internal.CardRecognizer;
import io.modelbridge.security.pii.internal.CnIdRecognizer;
import io.modelbridge.security.pii.internal.EmailRecognizer;
import io.modelbridge.security.pii.internal.IbanRecognizer;
import io.modelbridge.security.pii.internal.IpRecognizer;
import io.modelbridge.security.pii.internal.NirRecognizer;
import io.modelbridge.security.pii.internal.PhoneRecognizer;
import io.modelbridge.security.pii.internal.SsnRecognizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Finds personal data in a text with a set of {@link Recognizer}s and resolves overlaps: the longest span
 * wins, then the highest score, then the earliest start, then the type name, so the result is
 * deterministic. Immutable and thread-safe.
 *
 * <pre>{@code
 * List<Finding> found = PiiScanner.defaults().scan("Mail jane.doe@example.com or call +33 6 12 34 56 78");
 * }</pre>
 */
public final class PiiScanner {

  /** Regions tried for phone numbers written without a country code, in this order. */
  public static final List<String> DEFAULT_PHONE_REGIONS = List.of("CN", "FR", "US", "DE", "GB");

  private static final PiiScanner DEFAULTS = builder().build();

  private static final Comparator<Finding> PRIORITY = Comparator.comparingInt(Finding::length).reversed()
      .thenComparing(Comparator.comparingDouble(Finding::score).reversed())
      .thenComparingInt(Finding::start)
      .thenComparing(f -> f.type().name());

  private final List<Recognizer> recognizers;
  private final PhoneRecognizer phone;

  private PiiScanner(List<Recognizer> recognizers) {
    this.recognizers = List.copyOf(recognizers);
    this.phone = (PhoneRecognizer) recognizers.stream().filter(r -> r instanceof PhoneRecognizer).findFirst()
        .orElse(null);
  }

  /** The scanner with every built-in recognizer and the default phone regions. */
  public static PiiScanner defaults() {
    return DEFAULTS;
  }

  /** A builder starting with every built-in recognizer. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scans a text.
   *
   * @param text the text (any Unicode; never throws on content)
   * @return the non-overlapping findings, ordered by start
   */
  public List<Finding> scan(String original) {
    Objects.requireNonNull(original, "text cannot be null");
    // Full-width forms (１３８, ＋, ＠, Ａ) are folded to ASCII one char for one char, so offsets stay
    // those of the original and the findings quote the original text.
    String text = foldFullWidth(original);
    List<Finding> all = new ArrayList<>();
    for (Recognizer r : recognizers) {
      if (r != phone) {
        r.find(text, all::add);
      }
    }
    if (phone != null) {
      // libphonenumber is the costly part: spare it the spans a checksum recognizer already proved
      BitSet claimed = new BitSet(text.length());
      for (Finding f : all) {
        if (f.score() >= 1.0) {
          claimed.set(f.start(), f.end());
        }
      }
      phone.find(text, all::add, claimed);
    }
    if (text != original) {
      all.replaceAll(f -> new Finding(f.type(), f.start(), f.end(), original.substring(f.start(), f.end()),
          f.score()));
    }
    return resolve(all);
  }

  /**
   * The text with full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space as ASCII; same length.
   * The full-width colon stays: in CJK text it ends a label ({@code 登录IP：50.234.19.164}), and as an
   * ASCII colon it would glue the label to the value.
   */
  static String foldFullWidth(String text) {
    char[] folded = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char a = c >= '\uFF01' && c <= '\uFF5E' && c != '\uFF1A' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
      if (a != c) {
        if (folded == null) {
          folded = text.toCharArray();
        }
        folded[i] = a;
      }
    }
    return folded == null ? text : new String(folded);
  }

  /** Keeps a non-overlapping subset by priority (see the class description), ordered by start. */
  static List<Finding> resolve(List<Finding> candidates) {
    if (candidates.size() <= 1) {
      return List.copyOf(candidates);
    }
    List<Finding> sorted = new ArrayList<>(candidates);
    sorted.sort(PRIORITY);
    TreeMap<Integer, Finding> kept = new TreeMap<>();
    for (Finding f : sorted) {
      var before = kept.floorEntry(f.start());
      if (before != null && before.getValue().end() > f.start()) {
        continue;
      }
      var after = kept.ceilingEntry(f.start());
      if (after != null && after.getKey() < f.end()) {
        continue;
      }
      kept.put(f.start(), f);
    }
    return List.copyOf(kept.values());
  }

  /** Configures a {@link PiiScanner}. */
  public static final class Builder {
    private List<String> phoneRegions = DEFAULT_PHONE_REGIONS;
    private final List<Recognizer> custom = new ArrayList<>();
    private boolean builtIns = true;

    private Builder() {}

    /**
     * Sets the regions tried for national phone formats (ISO 3166 alpha-2, such as {@code "FR"}).
     *
     * @throws IllegalArgumentException if a region is unknown to libphonenumber
     */
    public Builder phoneRegions(List<String> regions) {
      Objects.requireNonNull(regions, "regions cannot be null");
      var supported = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();
      for (String r : regions) {
        if (!supported.contains(r)) {
          throw new IllegalArgumentException("phone region must be an ISO 3166 alpha-2 code known to "
              + "libphonenumber, was '" + r + "'");
        }
      }
      this.phoneRegions = List.copyOf(regions);
      return this;
    }

    /** Adds an embedder's recognizer (see {@link Recognizer#pattern}). */
    public Builder add(Recognizer recognizer) {
      custom.add(Objects.requireNonNull(recognizer, "recognizer cannot be null"));
      return this;
    }

    /** Leaves out the built-in recognizers (only those {@link #add added} run). */
    public Builder withoutBuiltIns() {
      builtIns = false;
      return this;
    }

    /** Builds the immutable scanner. */
    public PiiScanner build() {
      List<Recognizer> all = new ArrayList<>();
      if (builtIns) {
        all.add(new EmailRecognizer());
        all.add(new CardRecognizer());
        all.add(new IbanRecognizer());
        all.add(new CnIdRecognizer());
        all.add(new NirRecognizer());
        all.add(new SsnRecognizer());
        all.add(new IpRecognizer());
        all.add(new PhoneRecognizer(phoneRegions));
      }
      all.addAll(custom);
      return new PiiScanner(all);
    }
  }
}
