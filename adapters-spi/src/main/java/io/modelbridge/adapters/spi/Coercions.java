package io.modelbridge.adapters.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one rule set by which an argument becomes the Java value of its {@link FieldType}; documented on
 * {@link FieldType#coerce(Object)}. Reasons never repeat the value.
 */
final class Coercions {

  /** Digits before and after the decimal point a DECIMAL may have; its plain text stays printable. */
  static final int MAX_DECIMAL_DIGITS = 1000;

  private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,9})?");
  private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})");
  private static final Pattern LOCAL_TIMESTAMP_TEXT = Pattern.compile(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?");
  // STRICT: 2023-02-30 is refused, not moved to February 28; STRICT needs 'u' (year), not 'y' (year of era).
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME
      .withResolverStyle(ResolverStyle.STRICT);

  private Coercions() {}

  static Coercion coerce(FieldType type, Object value) {
    if (value == null) {
      throw new NullPointerException("value cannot be null; an absent argument is left out");
    }
    return switch (type) {
      case STRING -> value instanceof CharSequence s ? Coercion.accepted(s.toString()) : wrongKind(type, value);
      case INTEGER -> integer(value);
      case DECIMAL -> decimal(value);
      case BOOLEAN -> bool(value);
      case DATE -> date(value);
      case TIMESTAMP -> timestamp(value);
    };
  }

  static String expectation(FieldType type) {
    return switch (type) {
      case STRING -> "a text";
      case INTEGER -> "a whole number such as 42 (a number, or a text of digits with an optional sign)";
      case DECIMAL -> "a decimal number such as 12.50 (a number, or a text such as \"12.50\" or \"1.25E+1\")";
      case BOOLEAN -> "true or false";
      case DATE -> "a date written uuuu-MM-dd, such as 2024-05-31";
      case TIMESTAMP -> "an instant written uuuu-MM-ddTHH:mm[:ss[.fraction]] with Z or an offset, such as "
          + "2024-05-31T12:00:00Z or 2024-05-31T14:00:00+02:00";
    };
  }

  // ---------------------------------------------------------------- per type

  private static Coercion integer(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return Coercion.accepted(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < Long.SIZE ? Coercion.accepted(b.longValue()) : integerOutOfRange();
    }
    if (v instanceof BigDecimal d) {
      return integral(d);
    }
    if (v instanceof Double || v instanceof Float) {
      return finite((Number) v) ? integral(new BigDecimal(v.toString())) : notFinite(FieldType.INTEGER);
    }
    if (v instanceof CharSequence cs) {
      String s = cs.toString();
      if (!INTEGER_TEXT.matcher(s).matches()) {
        return badText(FieldType.INTEGER, s);
      }
      int first = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
      while (first < s.length() - 1 && s.charAt(first) == '0') {
        first++;
      }
      if (s.length() - first > 19) {
        return integerOutOfRange(); // without parsing a huge text
      }
      try {
        return Coercion.accepted(Long.parseLong(s));
      } catch (NumberFormatException e) {
        return integerOutOfRange();
      }
    }
    return wrongKind(FieldType.INTEGER, v);
  }

  /** A number is a whole number when its value has no fraction, whatever its scale (42.0 is 42). */
  private static Coercion integral(BigDecimal d) {
    if (d.signum() == 0) {
      return Coercion.accepted(0L);
    }
    if ((long) d.precision() - d.scale() > 19) {
      return integerOutOfRange();
    }
    if (d.stripTrailingZeros().scale() > 0) {
      return Coercion.rejected("must be " + expectation(FieldType.INTEGER) + ", not a number with a fraction");
    }
    try {
      return Coercion.accepted(d.longValueExact());
    } catch (ArithmeticException e) {
      return integerOutOfRange();
    }
  }

  private static Coercion integerOutOfRange() {
    return Coercion.rejected("is out of the range of a whole number (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE
        + ")");
  }

  private static Coercion decimal(Object v) {
    if (v instanceof BigDecimal d) {
      return sized(d);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return Coercion.accepted(BigDecimal.valueOf(((Number) v).longValue()));
    }
    if (v instanceof BigInteger b) {
      return sized(new BigDecimal(b));
    }
    if (v instanceof Double || v instanceof Float) {
      // The shortest decimal that reads back as the same binary number (0.1 stays 0.1); never new BigDecimal(double).
      return finite((Number) v) ? Coercion.accepted(new BigDecimal(v.toString())) : notFinite(FieldType.DECIMAL);
    }
    if (v instanceof CharSequence cs) {
      String s = cs.toString();
      if (!DECIMAL_TEXT.matcher(s).matches()) {
        return badText(FieldType.DECIMAL, s);
      }
      try {
        return sized(new BigDecimal(s));
      } catch (NumberFormatException e) {
        return tooManyDigits();
      }
    }
    return wrongKind(FieldType.DECIMAL, v);
  }

  private static Coercion sized(BigDecimal d) {
    if ((long) d.precision() - d.scale() > MAX_DECIMAL_DIGITS || d.scale() > MAX_DECIMAL_DIGITS) {
      return tooManyDigits();
    }
    return Coercion.accepted(d);
  }

  private static Coercion tooManyDigits() {
    return Coercion.rejected("has more than " + MAX_DECIMAL_DIGITS
        + " digits before or after the decimal point; send " + expectation(FieldType.DECIMAL));
  }

  private static Coercion bool(Object v) {
    if (v instanceof Boolean b) {
      return Coercion.accepted(b);
    }
    if (v instanceof CharSequence cs) {
      String s = cs.toString();
      if (s.equals("true") || s.equals("false")) {
        return Coercion.accepted(Boolean.valueOf(s));
      }
      return s.equals(s.strip()) ? Coercion.rejected("must be true or false (or the text \"true\" or \"false\", "
          + "in lower case); the text given is neither") : spaces(FieldType.BOOLEAN);
    }
    return wrongKind(FieldType.BOOLEAN, v);
  }

  private static Coercion date(Object v) {
    if (v instanceof LocalDate) {
      return Coercion.accepted(v);
    }
    if (v instanceof CharSequence cs) {
      String s = cs.toString();
      if (!DATE_TEXT.matcher(s).matches()) {
        return badText(FieldType.DATE, s);
      }
      try {
        return Coercion.accepted(LocalDate.parse(s, DATE));
      } catch (DateTimeException e) {
        return Coercion.rejected("names a day that is not in the calendar; send " + expectation(FieldType.DATE));
      }
    }
    return wrongKind(FieldType.DATE, v);
  }

  private static Coercion timestamp(Object v) {
    if (v instanceof Instant) {
      return Coercion.accepted(v);
    }
    if (v instanceof OffsetDateTime t) {
      return Coercion.accepted(t.toInstant());
    }
    if (v instanceof ZonedDateTime t) {
      return Coercion.accepted(t.toInstant());
    }
    if (v instanceof CharSequence cs) {
      String s = cs.toString();
      if (!TIMESTAMP_TEXT.matcher(s).matches()) {
        if (LOCAL_TIMESTAMP_TEXT.matcher(s).matches()) {
          return Coercion.rejected("has no offset, so it names no instant; end it with Z for UTC or with an "
              + "offset such as +02:00");
        }
        return badText(FieldType.TIMESTAMP, s);
      }
      try {
        return Coercion.accepted(OffsetDateTime.parse(s, TIMESTAMP).toInstant());
      } catch (DateTimeException e) {
        return Coercion.rejected("names a time that is not in the calendar; send " + expectation(FieldType.TIMESTAMP));
      }
    }
    return wrongKind(FieldType.TIMESTAMP, v);
  }

  // ---------------------------------------------------------------- reasons

  private static boolean finite(Number n) {
    double d = n.doubleValue();
    return !Double.isNaN(d) && !Double.isInfinite(d);
  }

  private static Coercion notFinite(FieldType type) {
    return Coercion.rejected("is not a finite number; send " + expectation(type));
  }

  private static Coercion badText(FieldType type, String s) {
    if (!s.isEmpty() && !s.equals(s.strip())) {
      return spaces(type);
    }
    return Coercion.rejected("must be " + expectation(type) + "; the text given is not one");
  }

  private static Coercion spaces(FieldType type) {
    return Coercion.rejected("has spaces around it; send " + expectation(type) + " without them");
  }

  private static Coercion wrongKind(FieldType type, Object v) {
    return Coercion.rejected("must be " + expectation(type) + ", not " + kind(v));
  }

  /** What kind of value was given, for a reason: never the value itself. */
  static String kind(Object v) {
    if (v instanceof CharSequence) {
      return "a text";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof Collection || v.getClass().isArray()) {
      return "a list";
    }
    return "a " + v.getClass().getSimpleName();
  }
}
