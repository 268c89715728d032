package io.modelbridge.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.mapping.CurrencyRule;
import io.modelbridge.mapping.FieldSpec;
import io.modelbridge.mapping.MappingDefinitionException;
import io.modelbridge.mapping.MappingSpec;
import io.modelbridge.mapping.Rule;
import io.modelbridge.mapping.UnitRule;
import io.modelbridge.mapping.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the mapping file format (JSON or YAML, already parsed to a tree) strictly: unknown keys fail. */
public final class SpecReader {

  private static final Set<String> TOP = Set.of("name", "entity", "key", "schema", "codeTables", "fields", "rules");
  private static final Set<String> FIELD = Set.of("target", "from", "constant", "expr", "default", "type",
      "required", "personal", "codes", "codeTable", "locale", "formats", "zone", "scale", "unit", "currency",
      "writeBack");
  private static final Set<String> RULE = Set.of("name", "check", "when", "message");
  private static final Set<String> UNIT = Set.of("from", "field", "to", "factors");
  private static final Set<String> CURRENCY = Set.of("from", "field", "to", "rates");

  private SpecReader() {}

  /**
   * Reads a spec from a parsed file.
   *
   * @throws MappingDefinitionException naming the setting that is wrong
   */
  public static MappingSpec read(JsonNode root, String origin) {
    if (root == null || !root.isObject()) {
      throw new MappingDefinitionException("mapping " + origin + " must be an object with name, entity and fields");
    }
    String name = text(root, "name", origin).orElseThrow(() -> missing("name", origin));
    String where = "mapping '" + name + "' (" + origin + ")";
    unknown(root, TOP, where);
    String entity = text(root, "entity", where).orElseThrow(() -> missing("entity", where));
    List<String> key = new ArrayList<>();
    JsonNode k = root.get("key");
    if (k != null) {
      if (k.isTextual()) {
        key.add(k.textValue());
      } else if (k.isArray()) {
        k.forEach(e -> key.add(e.asText()));
      } else {
        throw new MappingDefinitionException(where + ": 'key' must be a field name or a list of names");
      }
    }
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    JsonNode ct = root.get("codeTables");
    if (ct != null) {
      if (!ct.isObject()) {
        throw new MappingDefinitionException(where + ": 'codeTables' must map table names to code tables");
      }
      ct.properties().forEach(e -> tables.put(e.getKey(), codes(e.getValue(), where + " code table '" + e.getKey() + "'")));
    }
    JsonNode fs = root.get("fields");
    if (fs == null || !fs.isArray() || fs.isEmpty()) {
      throw new MappingDefinitionException(where + ": 'fields' must be a non-empty list");
    }
    List<FieldSpec> fields = new ArrayList<>();
    for (JsonNode f : fs) {
      fields.add(field(f, where, tables));
    }
    List<Rule> rules = new ArrayList<>();
    JsonNode rs = root.get("rules");
    if (rs != null) {
      if (!rs.isArray()) {
        throw new MappingDefinitionException(where + ": 'rules' must be a list");
      }
      for (JsonNode r : rs) {
        rules.add(rule(r, where));
      }
    }
    try {
      return new MappingSpec(name, entity, key, fields, rules, text(root, "schema", where));
    } catch (IllegalArgumentException e) {
      throw new MappingDefinitionException(where + ": " + e.getMessage(), e);
    }
  }

  private static FieldSpec field(JsonNode f, String where, Map<String, Map<String, String>> tables) {
    if (!f.isObject()) {
      throw new MappingDefinitionException(where + ": every entry of 'fields' must be an object");
    }
    String target = text(f, "target", where).orElseThrow(() -> missing("target", where + " field"));
    String at = where + " field '" + target + "'";
    unknown(f, FIELD, at);
    FieldSpec.Builder b = FieldSpec.builder(target);
    text(f, "from", at).ifPresent(b::from);
    if (f.has("constant")) {
      b.constant(scalar(f.get("constant"), at + " constant"));
    }
    text(f, "expr", at).ifPresent(b::expr);
    if (f.has("default")) {
      b.defaultValue(scalar(f.get("default"), at + " default"));
    }
    text(f, "type", at).ifPresent(t -> {
      try {
        b.type(ValueType.valueOf(t.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new MappingDefinitionException(at + ": unknown type '" + t + "'; use one of "
            + java.util.Arrays.toString(ValueType.values()).toLowerCase(Locale.ROOT));
      }
    });
    if (bool(f, "required", at)) {
      b.required();
    }
    if (bool(f, "personal", at)) {
      b.personal();
    }
    if (f.has("writeBack") && !bool(f, "writeBack", at)) {
      b.noWriteBack();
    }
    if (f.has("codes") && f.has("codeTable")) {
      throw new MappingDefinitionException(at + ": use either 'codes' or 'codeTable', not both");
    }
    if (f.has("codes")) {
      b.codes(codes(f.get("codes"), at + " codes"));
    }
    text(f, "codeTable", at).ifPresent(t -> {
      Map<String, String> table = tables.get(t);
      if (table == null) {
        throw new MappingDefinitionException(at + ": code table '" + t + "' is not defined in 'codeTables' "
            + tables.keySet());
      }
      b.codes(table);
    });
    text(f, "locale", at).ifPresent(b::locale);
    if (f.has("formats")) {
      JsonNode fm = f.get("formats");
      List<String> formats = new ArrayList<>();
      if (fm.isTextual()) {
        formats.add(fm.textValue());
      } else if (fm.isArray()) {
        fm.forEach(e -> formats.add(e.asText()));
      } else {
        throw new MappingDefinitionException(at + ": 'formats' must be a pattern or a list of patterns");
      }
      b.formats(formats.toArray(new String[0]));
    }
    text(f, "zone", at).ifPresent(b::zone);
    if (f.has("scale")) {
      if (!f.get("scale").canConvertToInt()) {
        throw new MappingDefinitionException(at + ": 'scale' must be a whole number");
      }
      b.scale(f.get("scale").intValue());
    }
    try {
      if (f.has("unit")) {
        JsonNode u = f.get("unit");
        unknown(u, UNIT, at + " unit");
        b.unit(new UnitRule(text(u, "from", at), text(u, "field", at),
            text(u, "to", at).orElseThrow(() -> missing("to", at + " unit")), decimals(u.get("factors"), at + " unit factors")));
      }
      if (f.has("currency")) {
        JsonNode c = f.get("currency");
        unknown(c, CURRENCY, at + " currency");
        b.currency(new CurrencyRule(text(c, "from", at), text(c, "field", at),
            text(c, "to", at).orElseThrow(() -> missing("to", at + " currency")), decimals(c.get("rates"), at + " currency rates")));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new MappingDefinitionException(at + ": " + e.getMessage(), e);
    }
  }

  private static Rule rule(JsonNode r, String where) {
    if (!r.isObject()) {
      throw new MappingDefinitionException(where + ": every entry of 'rules' must be an object");
    }
    String name = text(r, "name", where).orElseThrow(() -> missing("name", where + " rule"));
    String at = where + " rule '" + name + "'";
    unknown(r, RULE, at);
    try {
      return new Rule(name, text(r, "check", at).orElseThrow(() -> missing("check", at)), text(r, "when", at),
          text(r, "message", at).orElse(""));
    } catch (IllegalArgumentException e) {
      throw new MappingDefinitionException(at + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> codes(JsonNode n, String at) {
    if (n == null || !n.isObject()) {
      throw new MappingDefinitionException(at + " must map codes to values, like {\"03\": \"SHIPPED\"}");
    }
    Map<String, String> out = new LinkedHashMap<>();
    n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Map<String, BigDecimal> decimals(JsonNode n, String at) {
    if (n == null || !n.isObject() || n.isEmpty()) {
      throw new MappingDefinitionException(at + " must map names to numbers, like {\"g\": 0.001}");
    }
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    n.properties().forEach(e -> {
      JsonNode v = e.getValue();
      try {
        out.put(e.getKey(), v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText()));
      } catch (NumberFormatException ex) {
        throw new MappingDefinitionException(at + ": '" + e.getKey() + "' is not a number");
      }
    });
    return out;
  }

  private static Object scalar(JsonNode n, String at) {
    if (n.isContainerNode() || n.isNull()) {
      throw new MappingDefinitionException(at + " must be a text, number or boolean");
    }
    return FieldPath.plain(n);
  }

  private static Optional<String> text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw new MappingDefinitionException(at + ": '" + field + "' must be a text");
    }
    return Optional.of(v.asText());
  }

  private static boolean bool(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new MappingDefinitionException(at + ": '" + field + "' must be true or false");
    }
    return v.booleanValue();
  }

  private static void unknown(JsonNode n, Set<String> allowed, String at) {
    if (!n.isObject()) {
      throw new MappingDefinitionException(at + " must be an object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new MappingDefinitionException(at + ": unknown setting '" + name + "'; allowed are "
            + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static MappingDefinitionException missing(String field, String at) {
    return new MappingDefinitionException(at + ": '" + field + "' is required");
  }
}
