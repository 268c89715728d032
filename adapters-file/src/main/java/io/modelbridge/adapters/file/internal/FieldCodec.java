package io.modelbridge.adapters.file.internal;

import io.modelbridge.adapters.file.LayoutField;
import io.modelbridge.adapters.spi.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/** Reads and writes the text of one field as the Java value of its type. */
final class FieldCodec {

  /** A field whose text is not a value of its type; the message names the expectation, not the text. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message);
    }
  }

  private final LayoutField field;
  private final DateTimeFormatter dates;
  private final String trueText;
  private final String falseText;

  FieldCodec(LayoutField field) {
    this.field = field;
    this.dates = field.format()
        .filter(f -> field.type() == FieldType.DATE || field.type() == FieldType.TIMESTAMP)
        // STRICT rejects 2023-02-31 instead of moving it to the 28th; it needs 'u' for the year.
        .map(p -> DateTimeFormatter.ofPattern(p.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT))
        .orElse(null);
    String[] bools = field.type() == FieldType.BOOLEAN ? field.format().orElse("true/false").split("/") : null;
    this.trueText = bools == null ? null : bools[0];
    this.falseText = bools == null ? null : bools[1];
  }

  LayoutField field() {
    return field;
  }

  /**
   * The value of a field's text.
   *
   * @param text the text, or null when the field is absent
   * @param quoted whether CSV quoted it (a quoted empty STRING is the empty text, not absent)
   * @return empty when the field has no value
   * @throws BadValue if the text is not a value of the field's type, or a required field is empty
   */
  Optional<Object> read(String text, boolean quoted) throws BadValue {
    String t = text == null ? "" : text;
    if (field.type() == FieldType.STRING) {
      if (field.trim()) {
        t = t.strip();
      }
      if (t.isEmpty() && !quoted) {
        return absent();
      }
      return Optional.of(t);
    }
    t = t.strip();
    if (t.isEmpty()) {
      return absent();
    }
    try {
      return Optional.of(switch (field.type()) {
        case INTEGER -> Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        case DECIMAL -> decimal(t);
        case BOOLEAN -> bool(t);
        case DATE -> dates == null ? LocalDate.parse(t) : LocalDate.parse(t, dates);
        case TIMESTAMP -> dates == null ? Instant.parse(t) : LocalDateTime.parse(t, dates).toInstant(ZoneOffset.UTC);
        default -> throw new IllegalStateException(field.type().toString());
      });
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new BadValue("is not " + expectation());
    }
  }

  private Optional<Object> absent() throws BadValue {
    if (field.required()) {
      throw new BadValue("is empty but required");
    }
    return Optional.empty();
  }

  private BigDecimal decimal(String t) throws BadValue {
    if (field.impliedDecimals() == 0) {
      return new BigDecimal(t);
    }
    String digits = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadValue("is not " + expectation());
    }
    BigInteger unscaled = new BigInteger(digits);
    return new BigDecimal(t.startsWith("-") ? unscaled.negate() : unscaled, field.impliedDecimals());
  }

  private Boolean bool(String t) {
    if (t.equalsIgnoreCase(trueText)) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase(falseText)) {
      return Boolean.FALSE;
    }
    throw new NumberFormatException();
  }

  /** What a valid text looks like, for messages. */
  String expectation() {
    return switch (field.type()) {
      case STRING -> "a text";
      case INTEGER -> "a whole number";
      case DECIMAL -> field.impliedDecimals() > 0
          ? "a signed run of digits with " + field.impliedDecimals() + " implied decimals" : "a decimal number";
      case BOOLEAN -> trueText + " or " + falseText;
      case DATE -> "a date" + field.format().map(f -> " as " + f).orElse(" as yyyy-MM-dd");
      case TIMESTAMP -> "a timestamp" + field.format().map(f -> " as " + f + " (UTC)").orElse(" in ISO-8601 UTC");
    };
  }

  /**
   * The text of a value, before any fixed-width padding.
   *
   * @throws BadValue if the value cannot be written in this field's form (too many decimals)
   */
  String write(Object value) throws BadValue {
    return switch (field.type()) {
      case STRING, INTEGER -> value.toString();
      case DECIMAL -> {
        BigDecimal d = (BigDecimal) value;
        if (field.impliedDecimals() == 0) {
          yield d.toPlainString();
        }
        try {
          yield d.setScale(field.impliedDecimals()).unscaledValue().toString();
        } catch (ArithmeticException e) {
          throw new BadValue("has more than the " + field.impliedDecimals() + " decimals the layout holds");
        }
      }
      case BOOLEAN -> (Boolean) value ? trueText : falseText;
      case DATE -> dates == null ? value.toString() : dates.format((LocalDate) value);
      case TIMESTAMP -> dates == null ? value.toString()
          : dates.format(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
    };
  }
}
