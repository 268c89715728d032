package io.modelbridge.mapping.internal;

import io.modelbridge.adapters.spi.Masking;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.CurrencyRule;
import io.modelbridge.mapping.ExpressionException;
import io.modelbridge.mapping.FieldSpec;
import io.modelbridge.mapping.MappingDefinitionException;
import io.modelbridge.mapping.UnitRule;
import io.modelbridge.mapping.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One field of a compiled mapping: every setting resolved once, so mapping a record only executes. */
public final class CompiledField {

  /** Marks "no value": the field is left out of the entity. */
  static final Object ABSENT = new Object();

  final FieldSpec spec;
  /** Whether the field's values are personal (mapping, adapter descriptor or schema); masked in violations. */
  final boolean personal;
  final FieldPath target;
  final FieldPath source;
  final Expr expr;
  final Object constant;
  final Object defaultValue;
  final ValueType type;
  final Coercions.NumberFormat numberFormat;
  final Coercions.DateFormats dateFormats;
  final int scale;
  final Map<String, String> codes;
  final Map<String, String> reverseCodes;
  final FieldPath unitField;
  final FieldPath currencyField;
  final boolean arrayMode;
  final FieldPath sourceArray;
  final FieldPath sourceElement;
  final FieldPath targetArray;
  final FieldPath targetElement;
  final boolean reversible;
  final String whyNotReversible;

  CompiledField(String mapping, FieldSpec spec, boolean personal) {
    this.spec = spec;
    this.personal = personal;
    String where = "mapping '" + mapping + "' field '" + spec.target() + "'";
    try {
      this.target = FieldPath.parse(spec.target());
      this.source = spec.source().map(FieldPath::parse).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new MappingDefinitionException(where + ": " + e.getMessage(), e);
    }
    try {
      this.expr = spec.expression().map(ExprParser::parse).orElse(null);
    } catch (ExpressionException e) {
      throw new MappingDefinitionException(where + ": invalid expression: " + e.getMessage(), e);
    }
    this.type = spec.type();
    try {
      this.numberFormat = spec.locale().map(Coercions.NumberFormat::of).orElse(null);
      ZoneId zone = spec.zone().map(ZoneId::of).orElse(ZoneOffset.UTC);
      this.dateFormats = Coercions.DateFormats.of(spec.formats(), zone);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new MappingDefinitionException(where + ": invalid zone or date format: " + e.getMessage(), e);
    }
    this.scale = spec.scale().orElse(-1);
    if (scale > 20) {
      throw new MappingDefinitionException(where + ": scale must be between 0 and 20, was " + scale);
    }
    this.codes = spec.codes();
    Map<String, String> inverse = new HashMap<>();
    boolean injective = true;
    for (Map.Entry<String, String> e : codes.entrySet()) {
      if (inverse.put(e.getValue(), e.getKey()) != null) {
        injective = false;
      }
    }
    this.reverseCodes = injective ? Map.copyOf(inverse) : Map.of();
    try {
      this.unitField = spec.unit().flatMap(UnitRule::unitField).map(FieldPath::parse).orElse(null);
      this.currencyField = spec.currency().flatMap(CurrencyRule::currencyField).map(FieldPath::parse).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new MappingDefinitionException(where + ": " + e.getMessage(), e);
    }
    boolean sourceWild = source != null && source.hasWildcard();
    if (sourceWild != target.hasWildcard() && !(expr != null && !target.hasWildcard())) {
      throw new MappingDefinitionException(where + ": a [*] in the source path needs a [*] in the target path"
          + " and vice versa (source '" + spec.source().orElse("") + "')");
    }
    if (expr != null && target.hasWildcard()) {
      throw new MappingDefinitionException(where + ": a computed field cannot have [*] in its target");
    }
    this.arrayMode = sourceWild;
    this.sourceArray = sourceWild ? source.arrayPrefix().orElseThrow() : null;
    this.sourceElement = sourceWild ? source.elementPath().orElse(null) : null;
    this.targetArray = target.hasWildcard() ? target.arrayPrefix().orElseThrow() : null;
    this.targetElement = target.hasWildcard() ? target.elementPath().orElse(null) : null;
    if ((unitField != null || currencyField != null) && arrayMode) {
      throw new MappingDefinitionException(where + ": unit or currency fields are not supported inside arrays");
    }
    this.defaultValue = spec.defaultValue().orElse(null);
    Object c = null;
    if (spec.constant().isPresent()) {
      Problems p = new Problems();
      c = convert(spec.constant().get(), null, p, "", 0);
      if (!p.isEmpty()) {
        throw new MappingDefinitionException(where + ": constant does not fit type " + type + ": "
            + p.first().message());
      }
    }
    this.constant = c;
    String why = null;
    if (source == null) {
      why = "it is not read from a source field";
    } else if (!spec.writeBack()) {
      why = "writeBack is off";
    } else if (!codes.isEmpty() && !injective) {
      why = "its code table maps two codes to the same value";
    } else if (spec.unit().isPresent() && spec.unit().get().from().isEmpty()) {
      why = "its unit comes from a field";
    } else if (spec.currency().isPresent() && !spec.currency().get().from().equals(
        java.util.Optional.of(spec.currency().get().to()))) {
      why = "it converts currency";
    } else if (scale >= 0 && (spec.unit().isPresent() || spec.currency().isPresent())) {
      why = "it rounds after conversion";
    }
    this.reversible = why == null;
    this.whyNotReversible = why;
  }

  /** Maps this field from {@code data} into {@code out}; problems go to {@code problems}. */
  void apply(Object data, Map<String, Object> out, Problems problems) {
    if (expr != null) {
      Object v;
      try {
        v = expr.eval(out);
      } catch (ExpressionException e) {
        problems.add(spec.target(), "expression", "", e.getMessage());
        return;
      }
      Object c = convert(v, data, problems, spec.target(), 0);
      if (c != ABSENT) {
        target.set(out, c, 0);
      }
      return;
    }
    if (source == null) {
      target.set(out, constant, 0);
      return;
    }
    if (!arrayMode) {
      Object c = convert(source.get(data), data, problems, spec.target(), 0);
      if (c != ABSENT) {
        target.set(out, c, 0);
      }
      return;
    }
    Object arr = sourceArray.get(data);
    if (arr == null) {
      if (spec.required()) {
        problems.add(spec.target(), "required", "", "a value is required");
      }
      return;
    }
    if (!(arr instanceof List) && !(arr instanceof com.fasterxml.jackson.databind.JsonNode
        && ((com.fasterxml.jackson.databind.JsonNode) arr).isArray())) {
      problems.add(sourceArray.text(), "type", Masking.show(arr, personal), "expected an array");
      return;
    }
    List<Object> elements = new java.util.ArrayList<>();
    if (arr instanceof List) {
      elements.addAll((List<?>) arr);
    } else {
      ((com.fasterxml.jackson.databind.JsonNode) arr).forEach(elements::add);
    }
    List<Object> targetList = targetList(out);
    for (int i = 0; i < elements.size(); i++) {
      Object raw = sourceElement == null ? FieldPath.plain(elements.get(i)) : sourceElement.get(elements.get(i));
      String path = targetArray.text() + "[" + i + "]" + (targetElement == null ? "" : "." + targetElement.text());
      Object c = convert(raw, data, problems, path, i);
      while (targetList.size() <= i) {
        targetList.add(targetElement == null ? null : new java.util.LinkedHashMap<String, Object>());
      }
      if (c != ABSENT) {
        if (targetElement == null) {
          targetList.set(i, c);
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> element = (Map<String, Object>) targetList.get(i);
          targetElement.set(element, c, 0);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private List<Object> targetList(Map<String, Object> out) {
    Object existing = targetArray.get(out);
    if (existing instanceof List) {
      return (List<Object>) existing;
    }
    List<Object> list = new java.util.ArrayList<>();
    targetArray.set(out, list, 0);
    return list;
  }

  /** Converts one raw value to its canonical form, or returns {@link #ABSENT} (with a problem if required). */
  Object convert(Object raw, Object data, Problems problems, String path, int index) {
    Object v = raw;
    if (v == null || v instanceof String && ((String) v).isBlank()) {
      v = defaultValue;
      if (v == null) {
        if (spec.required()) {
          problems.add(path, "required", "", "a value is required");
        }
        return ABSENT;
      }
    }
    if (!codes.isEmpty()) {
      String code = Coercions.text(v, true);
      String mapped = codes.get(code);
      if (mapped == null) {
        problems.add(path, "codeTable", Masking.show(code, personal),
            "is not in the code table " + new java.util.TreeSet<>(codes.keySet()));
        return ABSENT;
      }
      v = mapped;
    }
    try {
      switch (type) {
        case STRING:
          if (isContainer(v)) {
            throw new Coercions.CoercionException("a text, not an object or a list");
          }
          v = Coercions.text(v, false);
          break;
        case INTEGER:
          v = Coercions.integer(v, numberFormat);
          break;
        case DECIMAL:
          v = Coercions.decimal(v, numberFormat);
          break;
        case BOOLEAN:
          v = Coercions.bool(v);
          break;
        case DATE:
          v = Coercions.date(v, dateFormats);
          break;
        case DATETIME:
          v = Coercions.dateTime(v, dateFormats);
          break;
        default:
          v = v instanceof com.fasterxml.jackson.databind.JsonNode ? DataJson.toJava((com.fasterxml.jackson.databind.JsonNode) v) : v;
          break;
      }
    } catch (Coercions.CoercionException e) {
      Object shown = raw == null ? v : raw;
      problems.add(path, "type", isContainer(shown) ? "(object or list)" : Masking.show(shown, personal),
          "expected " + e.getMessage());
      return ABSENT;
    }
    if (spec.unit().isPresent() || spec.currency().isPresent()) {
      if (!(v instanceof BigDecimal) && !(v instanceof Long)) {
        problems.add(path, "unit", "", "unit and currency rules need a DECIMAL or INTEGER field");
        return ABSENT;
      }
      BigDecimal amount = v instanceof Long ? BigDecimal.valueOf((Long) v) : (BigDecimal) v;
      BigDecimal factor;
      if (spec.unit().isPresent()) {
        UnitRule u = spec.unit().get();
        String unit = u.from().orElseGet(() -> data == null ? null : textOrNull(unitField.get(data)));
        factor = unit == null ? null : u.factors().get(unit);
        if (factor == null) {
          problems.add(path, "unit", Masking.show(unit, false),
              "unit has no factor to '" + u.to() + "'; known units " + new java.util.TreeSet<>(u.factors().keySet()));
          return ABSENT;
        }
      } else {
        CurrencyRule c = spec.currency().get();
        String currency = c.from().orElseGet(() -> data == null ? null : textOrNull(currencyField.get(data)));
        factor = currency == null ? null : currency.equals(c.to()) ? BigDecimal.ONE : c.rates().get(currency);
        if (factor == null) {
          problems.add(path, "currency", Masking.show(currency, false),
              "currency has no rate to '" + c.to() + "' in the mapping; known " + new java.util.TreeSet<>(c.rates().keySet()));
          return ABSENT;
        }
      }
      amount = amount.multiply(factor); // exact: one product of two decimals needs no rounding
      v = shortest(amount); // a converted amount has no scale of its own: 1500 g is 1.5 kg, not 1.500
      if (type == ValueType.INTEGER) {
        try {
          v = amount.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
          problems.add(path, "unit", Masking.show(amount, personal), "converted value is not a whole number");
          return ABSENT;
        }
      }
    }
    if (v instanceof BigDecimal) {
      v = normalizeDecimal((BigDecimal) v, scale);
    }
    return v;
  }

  private static boolean isContainer(Object v) {
    return v instanceof Map || v instanceof List
        || v instanceof com.fasterxml.jackson.databind.JsonNode && ((com.fasterxml.jackson.databind.JsonNode) v).isContainerNode();
  }

  /** The shortest plain form of a computed number ({@code 1.500} is {@code 1.5}, {@code 1.2E+2} is {@code 120}). */
  private static BigDecimal shortest(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  static BigDecimal normalizeDecimal(BigDecimal d, int scale) {
    if (scale >= 0) {
      return d.setScale(scale, RoundingMode.HALF_UP);
    }
    // Without a scale the value keeps its digits and scale as the source wrote them (1.50 stays 1.50): the
    // data path never changes a number. Only an exponent form (1.2E+2) becomes plain (120), the same number.
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  private static String textOrNull(Object v) {
    return v == null ? null : Coercions.text(v, true);
  }

  /** The canonical value turned back into the source form, or null when nothing is written. */
  Object reverse(Object canonical) {
    Object v = canonical;
    if (v == null) {
      return null;
    }
    if (spec.unit().isPresent() && v instanceof Number) {
      BigDecimal factor = spec.unit().get().factors().get(spec.unit().get().from().orElseThrow());
      BigDecimal d = v instanceof BigDecimal ? (BigDecimal) v : BigDecimal.valueOf(((Number) v).longValue());
      v = shortest(d.divide(factor, MathContext.DECIMAL64));
    }
    if (!codes.isEmpty()) {
      String code = reverseCodes.get(Coercions.text(v, false));
      return code;
    }
    return v;
  }
}
