package io.modelbridge.mapping.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Type coercions from whatever a source system holds to the canonical value types. Every method either
 * returns the canonical value or throws {@link CoercionException} naming what it expected; none is lenient
 * beyond what is documented in {@code docs/data-mapping.md}.
 */
public final class Coercions {

  private Coercions() {}

  /** A value that cannot be converted; carries what was expected. */
  public static final class CoercionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param expected what the value should have been, e.g. {@code "a number"} */
    public CoercionException(String expected) {
      super(expected, null, false, false);
    }
  }

  private static final Map<String, Boolean> BOOLEANS = Map.ofEntries(
      Map.entry("true", true), Map.entry("false", false), Map.entry("t", true), Map.entry("f", false),
      Map.entry("y", true), Map.entry("n", false), Map.entry("yes", true), Map.entry("no", false),
      Map.entry("1", true), Map.entry("0", false), Map.entry("oui", true), Map.entry("non", false),
      Map.entry("o", true), Map.entry("ja", true), Map.entry("nein", false), Map.entry("j", true),
      Map.entry("vrai", true), Map.entry("faux", false), Map.entry("si", true), Map.entry("on", true),
      Map.entry("off", false));

  /** Text: numbers in plain notation, everything else by {@code toString}. */
  public static String text(Object v, boolean trim) {
    String s;
    if (v instanceof String) {
      s = (String) v;
    } else if (v instanceof BigDecimal) {
      s = ((BigDecimal) v).toPlainString();
    } else {
      s = String.valueOf(v);
    }
    return trim ? s.strip() : s;
  }

  /** The decimal separator and grouping characters of a locale, precomputed. */
  public record NumberFormat(char decimal, String grouping) {
    /** For a locale tag such as {@code de}, {@code fr-CH} or {@code en}. */
    public static NumberFormat of(String localeTag) {
      DecimalFormatSymbols sym = DecimalFormatSymbols.getInstance(Locale.forLanguageTag(localeTag));
      char grouping = sym.getGroupingSeparator();
      String groups = String.valueOf(grouping);
      if (Character.isSpaceChar(grouping) || grouping == '\u00a0' || grouping == '\u202f') {
        groups = " \u00a0\u202f";
      }
      if (grouping == '\u2019' || grouping == '\'') {
        groups = "'\u2019";
      }
      return new NumberFormat(sym.getDecimalSeparator(), groups);
    }
  }

  /** A decimal number; text is read with the locale's separators when {@code format} is given. */
  public static BigDecimal decimal(Object v, NumberFormat format) throws CoercionException {
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new CoercionException("a finite number");
      }
      return new BigDecimal(Double.toString(d));
    }
    if (v instanceof BigInteger) {
      return new BigDecimal((BigInteger) v);
    }
    if (v instanceof String) {
      String s = ((String) v).strip();
      if (s.isEmpty() || s.length() > 400) {
        throw new CoercionException("a number");
      }
      if (format != null) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (format.grouping().indexOf(c) >= 0) {
            continue;
          }
          sb.append(c == format.decimal() ? '.' : c == '.' ? '\u0000' : c);
        }
        s = sb.toString();
      }
      if (!isPlainNumber(s)) {
        throw new CoercionException(format == null ? "a number like 1234.56" : "a number like "
            + "1" + format.grouping().charAt(0) + "234" + format.decimal() + "56");
      }
      return new BigDecimal(s);
    }
    throw new CoercionException("a number");
  }

  private static boolean isPlainNumber(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    boolean dot = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits > 0;
  }

  /** A whole number. */
  public static Long integer(Object v, NumberFormat format) throws CoercionException {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof String) {
      Long fast = plainLong((String) v);
      if (fast != null) {
        return fast;
      }
    }
    BigDecimal d = decimal(v, format);
    try {
      return d.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new CoercionException("a whole number within the 64-bit range");
    }
  }

  /** A plain run of at most 18 digits with an optional minus sign, or null. */
  private static Long plainLong(String s) {
    int n = s.length();
    int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    if (n == start || n - start > 18) {
      return null;
    }
    long v = 0;
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      v = v * 10 + (c - '0');
    }
    return start == 1 ? -v : v;
  }

  /** A boolean from true/false, Y/N, yes/no, 1/0, oui/non, ja/nein and a few more (case-insensitive). */
  public static Boolean bool(Object v) throws CoercionException {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      if (x == 1.0 || x == 0.0) {
        return x == 1.0;
      }
      throw new CoercionException("1 or 0");
    }
    if (v instanceof Number) {
      BigDecimal d = v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString());
      if (d.compareTo(BigDecimal.ONE) == 0) {
        return true;
      }
      if (d.signum() == 0) {
        return false;
      }
      throw new CoercionException("1 or 0");
    }
    if (v instanceof String) {
      String s = ((String) v).strip();
      if (s.length() == 1) {
        switch (s.charAt(0)) {
          case 'Y': case 'y': case 'J': case 'j': case 'T': case 't': case 'O': case 'o': case '1':
            return true;
          case 'N': case 'n': case 'F': case 'f': case '0':
            return false;
          default:
            break;
        }
      }
      if (s.length() <= 5) {
        Boolean b = BOOLEANS.get(s.toLowerCase(Locale.ROOT));
        if (b != null) {
          return b;
        }
      }
    }
    throw new CoercionException("a boolean such as true/false, Y/N, 1/0, oui/non, ja/nein");
  }

  /** Precompiled date/time formats of one field. */
  public record DateFormats(List<DateTimeFormatter> formatters, ZoneId zone) {
    /**
     * From patterns such as {@code dd.MM.uuuu} and a zone for values without offset. Every pattern is
     * parsed strictly ({@link ResolverStyle#STRICT}): {@code 31.02.2020} is rejected, never moved to the
     * 29th. {@code y} (year of era) in a pattern is read as {@code u} (the proleptic year), which is the same
     * for every year after 1 BC and is what a strict parse needs without an era field.
     *
     * @throws IllegalArgumentException if a pattern is not a valid {@link DateTimeFormatter} pattern
     */
    public static DateFormats of(List<String> patterns, ZoneId zone) {
      return new DateFormats(patterns.stream().map(Coercions::strictPattern).toList(), zone);
    }
  }

  /** A strict formatter of a mapping's pattern, with unquoted {@code y} read as {@code u}. */
  static DateTimeFormatter strictPattern(String pattern) {
    StringBuilder b = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      b.append(!quoted && c == 'y' ? 'u' : c);
    }
    return DateTimeFormatter.ofPattern(b.toString(), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  }

  // ISO_LOCAL_DATE and BASIC_ISO_DATE are strict (ResolverStyle.STRICT) by definition.
  private static final List<DateTimeFormatter> DEFAULT_DATES =
      List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE);

  /** An ISO-8601 date ({@code uuuu-MM-dd}), parsed strictly. */
  public static String date(Object v, DateFormats formats) throws CoercionException {
    if (v instanceof LocalDate) {
      return v.toString();
    }
    if (v instanceof java.sql.Date) {
      return ((java.sql.Date) v).toLocalDate().toString();
    }
    if (v instanceof LocalDateTime) {
      return ((LocalDateTime) v).toLocalDate().toString();
    }
    if (v instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) v).toLocalDateTime().toLocalDate().toString();
    }
    if (v instanceof Instant) {
      return ((Instant) v).atZone(formats.zone()).toLocalDate().toString();
    }
    if (v instanceof OffsetDateTime) {
      return ((OffsetDateTime) v).toLocalDate().toString();
    }
    if (v instanceof ZonedDateTime) {
      return ((ZonedDateTime) v).toLocalDate().toString();
    }
    if (v instanceof String) {
      String s = ((String) v).strip();
      if (s.length() > 64) {
        throw new CoercionException("a date");
      }
      if (formats.formatters().isEmpty() && isIsoDate(s)) {
        return s; // already the canonical text, validated
      }
      for (DateTimeFormatter f : formats.formatters()) {
        LocalDate d = tryDate(s, f);
        if (d != null) {
          return d.toString();
        }
      }
      for (DateTimeFormatter f : DEFAULT_DATES) {
        LocalDate d = tryDate(s, f);
        if (d != null) {
          return d.toString();
        }
      }
      if (s.length() > 10 && s.charAt(10) == 'T') {
        String dt = dateTimeOrNull(s, formats);
        if (dt != null) {
          return dt.substring(0, 10);
        }
      }
      throw new CoercionException("a date (uuuu-MM-dd" + patterns(formats) + ")");
    }
    throw new CoercionException("a date");
  }

  /** Whether the text is exactly a valid {@code uuuu-MM-dd} date with a year from 1 to 9999. */
  private static boolean isIsoDate(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return false;
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    if (y < 1 || m < 1 || m > 12 || d < 1) {
      return false;
    }
    int days = m == 2 ? (java.time.Year.isLeap(y) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    return d <= days;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static LocalDate tryDate(String s, DateTimeFormatter f) {
    try {
      TemporalAccessor t = f.parse(s);
      return LocalDate.of(t.get(ChronoField.YEAR), t.get(ChronoField.MONTH_OF_YEAR), t.get(ChronoField.DAY_OF_MONTH));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** An instant in ISO-8601 UTC form ({@code 2024-03-01T09:30:00Z}). */
  public static String dateTime(Object v, DateFormats formats) throws CoercionException {
    Instant i = null;
    if (v instanceof Instant) {
      i = (Instant) v;
    } else if (v instanceof OffsetDateTime) {
      i = ((OffsetDateTime) v).toInstant();
    } else if (v instanceof ZonedDateTime) {
      i = ((ZonedDateTime) v).toInstant();
    } else if (v instanceof LocalDateTime) {
      i = ((LocalDateTime) v).atZone(formats.zone()).toInstant();
    } else if (v instanceof java.sql.Timestamp) {
      i = ((java.sql.Timestamp) v).toLocalDateTime().atZone(formats.zone()).toInstant();
    } else if (v instanceof LocalDate) {
      i = ((LocalDate) v).atStartOfDay(formats.zone()).toInstant();
    } else if (v instanceof java.util.Date) {
      i = ((java.util.Date) v).toInstant();
    } else if (v instanceof String) {
      String s = ((String) v).strip();
      String out = s.length() > 64 ? null : dateTimeOrNull(s, formats);
      if (out == null) {
        throw new CoercionException("a date-time (ISO-8601" + patterns(formats) + ")");
      }
      return out;
    }
    if (i == null) {
      throw new CoercionException("a date-time");
    }
    return i.toString();
  }

  // Every one strict: 2023-04-31 23:59 is rejected, never moved to April 30 (RFC 1123 is SMART by default).
  private static final List<DateTimeFormatter> DEFAULT_DATE_TIMES = List.of(
      DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_ZONED_DATE_TIME,
      DateTimeFormatter.ISO_LOCAL_DATE_TIME, DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT),
      strictPattern("uuuu-MM-dd HH:mm[:ss][.SSS]"),
      DateTimeFormatter.ISO_LOCAL_DATE);

  private static String dateTimeOrNull(String s, DateFormats formats) {
    for (DateTimeFormatter f : formats.formatters()) {
      String r = tryDateTime(s, f, formats.zone());
      if (r != null) {
        return r;
      }
    }
    if (s.endsWith("Z") || s.endsWith("z")) {
      try {
        return Instant.parse(s.toUpperCase(Locale.ROOT)).toString();
      } catch (DateTimeParseException e) {
        // fall through to the other formats
      }
    }
    for (DateTimeFormatter f : DEFAULT_DATE_TIMES) {
      String r = tryDateTime(s, f, formats.zone());
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static String tryDateTime(String s, DateTimeFormatter f, ZoneId zone) {
    try {
      TemporalAccessor t = f.parse(s);
      LocalDate date = LocalDate.of(
          t.get(ChronoField.YEAR), t.get(ChronoField.MONTH_OF_YEAR), t.get(ChronoField.DAY_OF_MONTH));
      LocalDateTime ldt = t.isSupported(ChronoField.HOUR_OF_DAY)
          ? date.atTime(t.get(ChronoField.HOUR_OF_DAY),
              t.isSupported(ChronoField.MINUTE_OF_HOUR) ? t.get(ChronoField.MINUTE_OF_HOUR) : 0,
              t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0,
              t.isSupported(ChronoField.NANO_OF_SECOND) ? t.get(ChronoField.NANO_OF_SECOND) : 0)
          : date.atStartOfDay();
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        return ldt.toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))).toString();
      }
      ZoneId z = t.query(java.time.temporal.TemporalQueries.zoneId());
      return ldt.atZone(z != null ? z : zone).toInstant().toString();
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static String patterns(DateFormats formats) {
    return formats.formatters().isEmpty() ? "" : " or one of the mapping's formats";
  }
}
