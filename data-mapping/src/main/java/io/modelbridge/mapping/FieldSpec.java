package io.modelbridge.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one canonical field is produced. Exactly one of {@code source}, {@code constant} and
 * {@code expression} says where the value comes from; the rest says how it is converted. Order of the steps
 * for a source value: default if absent, trim, code table, type coercion, unit or currency conversion,
 * scale. Build one with {@link #builder(String)}.
 *
 * @param target the canonical field path (for example {@code address.city} or {@code lines[*].quantity})
 * @param source the source field path, if the value comes from the record
 * @param constant a fixed value, if the field is a constant
 * @param expression an expression over canonical fields mapped before this one, if computed
 * @param defaultValue the value used when the source value is absent or blank
 * @param type the canonical type
 * @param required whether a record without a value is rejected
 * @param personal whether the field holds personal data (masked in every violation message)
 * @param codes a code table (source code to canonical value); empty for none
 * @param locale the locale whose decimal and grouping separators numbers in text use (for example
 *     {@code de}: {@code 1.234,56}), if any
 * @param formats date/time patterns ({@link java.time.format.DateTimeFormatter} syntax) tried before ISO
 * @param zone the zone of date-times without offset (default UTC)
 * @param scale decimal places a DECIMAL is rounded to (half-up), if fixed
 * @param unit a unit normalization, if any
 * @param currency a currency conversion, if any
 * @param writeBack whether the reverse mapping writes this field back (only where it is reversible)
 */
public record FieldSpec(
    String target,
    Optional<String> source,
    Optional<Object> constant,
    Optional<String> expression,
    Optional<Object> defaultValue,
    ValueType type,
    boolean required,
    boolean personal,
    Map<String, String> codes,
    Optional<String> locale,
    List<String> formats,
    Optional<String> zone,
    OptionalInt scale,
    Optional<UnitRule> unit,
    Optional<CurrencyRule> currency,
    boolean writeBack) {

  /** Validates the components; see the record description. */
  public FieldSpec {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("a field needs a target name");
    }
    Objects.requireNonNull(source, "source cannot be null");
    Objects.requireNonNull(constant, "constant cannot be null");
    Objects.requireNonNull(expression, "expression cannot be null");
    Objects.requireNonNull(defaultValue, "defaultValue cannot be null");
    Objects.requireNonNull(type, "type cannot be null");
    codes = Map.copyOf(Objects.requireNonNull(codes, "codes cannot be null"));
    Objects.requireNonNull(locale, "locale cannot be null");
    formats = List.copyOf(Objects.requireNonNull(formats, "formats cannot be null"));
    Objects.requireNonNull(zone, "zone cannot be null");
    Objects.requireNonNull(scale, "scale cannot be null");
    Objects.requireNonNull(unit, "unit cannot be null");
    Objects.requireNonNull(currency, "currency cannot be null");
    int origins = (source.isPresent() ? 1 : 0) + (constant.isPresent() ? 1 : 0) + (expression.isPresent() ? 1 : 0);
    if (origins != 1) {
      throw new IllegalArgumentException("field '" + target
          + "' needs exactly one of 'from' (source), 'constant' and 'expr', found " + origins);
    }
    if (unit.isPresent() && currency.isPresent()) {
      throw new IllegalArgumentException("field '" + target + "' cannot have both a unit and a currency rule");
    }
  }

  /** A builder for the field at {@code target}. */
  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** A builder preset with this field's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(target);
    b.source = source;
    b.constant = constant;
    b.expression = expression;
    b.defaultValue = defaultValue;
    b.type = type;
    b.required = required;
    b.personal = personal;
    b.codes = codes;
    b.locale = locale;
    b.formats = formats;
    b.zone = zone;
    b.scale = scale;
    b.unit = unit;
    b.currency = currency;
    b.writeBack = writeBack;
    return b;
  }

  /** Builds a {@link FieldSpec}; every setter returns this builder. */
  public static final class Builder {
    private final String target;
    private Optional<String> source = Optional.empty();
    private Optional<Object> constant = Optional.empty();
    private Optional<String> expression = Optional.empty();
    private Optional<Object> defaultValue = Optional.empty();
    private ValueType type = ValueType.STRING;
    private boolean required;
    private boolean personal;
    private Map<String, String> codes = Map.of();
    private Optional<String> locale = Optional.empty();
    private List<String> formats = List.of();
    private Optional<String> zone = Optional.empty();
    private OptionalInt scale = OptionalInt.empty();
    private Optional<UnitRule> unit = Optional.empty();
    private Optional<CurrencyRule> currency = Optional.empty();
    private boolean writeBack = true;

    private Builder(String target) {
      this.target = target;
    }

    /** Reads the value from this source path. */
    public Builder from(String sourcePath) {
      this.source = Optional.of(sourcePath);
      return this;
    }

    /** Uses a fixed value. */
    public Builder constant(Object value) {
      this.constant = Optional.of(value);
      return this;
    }

    /** Computes the value with an expression over canonical fields mapped before this one. */
    public Builder expr(String expressionText) {
      this.expression = Optional.of(expressionText);
      return this;
    }

    /** The value used when the source value is absent or blank. */
    public Builder defaultValue(Object value) {
      this.defaultValue = Optional.of(value);
      return this;
    }

    /** The canonical type (default STRING). */
    public Builder type(ValueType valueType) {
      this.type = valueType;
      return this;
    }

    /** Rejects records without a value. */
    public Builder required() {
      this.required = true;
      return this;
    }

    /** Marks the field as personal data. */
    public Builder personal() {
      this.personal = true;
      return this;
    }

    /** A code table from source codes to canonical values. */
    public Builder codes(Map<String, String> table) {
      this.codes = table;
      return this;
    }

    /** The locale of numbers written as text (for example {@code de}). */
    public Builder locale(String localeTag) {
      this.locale = Optional.of(localeTag);
      return this;
    }

    /** Date/time patterns tried before ISO-8601. */
    public Builder formats(String... patterns) {
      this.formats = List.of(patterns);
      return this;
    }

    /** The zone of date-times without offset. */
    public Builder zone(String zoneId) {
      this.zone = Optional.of(zoneId);
      return this;
    }

    /** Rounds decimals half-up to this many places. */
    public Builder scale(int places) {
      this.scale = OptionalInt.of(places);
      return this;
    }

    /** Normalizes the unit. */
    public Builder unit(UnitRule rule) {
      this.unit = Optional.of(rule);
      return this;
    }

    /** Converts the currency. */
    public Builder currency(CurrencyRule rule) {
      this.currency = Optional.of(rule);
      return this;
    }

    /** Leaves the field out of the reverse mapping. */
    public Builder noWriteBack() {
      this.writeBack = false;
      return this;
    }

    /**
     * Builds the field spec.
     *
     * @throws IllegalArgumentException if the settings contradict each other
     */
    public FieldSpec build() {
      return new FieldSpec(target, source, constant, expression, defaultValue, type, required, personal, codes,
          locale, formats, zone, scale, unit, currency, writeBack);
    }
  }
}
