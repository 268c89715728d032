package io.modelbridge.core.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.modelbridge.json.DataJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model's structured answer: one JSON object shaped by the requested schema, every value taken
 * from the request by fixed rules, so the same request always gets the same answer.
 *
 * <ul>
 *   <li>Candidates: the records found in the request (JSON, delimited lines, bullet list); when a bullet list
 *       names some of them by id, those, in the list's order.
 *   <li>Arrays of objects, and arrays of strings whose name suggests ids: one element per candidate, up to
 *       the number in the array's description ("at most N", "maxItems N"), else {@value #DEFAULT_MAX_ITEMS}.
 *   <li>A property with the name of a candidate's field (case, {@code _} and {@code -} ignored, an {@code id}
 *       suffix optional, also one level down in the record's nested objects): that value.
 *       An id-like name (id, sku, code, key): the candidate's id.
 *   <li>A string whose name holds "date": the ISO date in the request preceded most closely by a word of
 *       the name or "promised", "agreed", "crm".
 *   <li>Other strings: a sentence starting with {@link OfflineChatModel#LABEL}; numbers 0, booleans false,
 *       enums their first value.
 * </ul>
 */
final class StructuredAnswer {

  static final int DEFAULT_MAX_ITEMS = 3;
  private static final int MAX_TEXT = 200;
  private static final int DATE_WINDOW = 40;
  private static final ObjectMapper JSON = DataJson.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
  private static final Pattern AT_MOST = Pattern.compile("(?:at most|maxItems:?|up to)\\s*(\\d+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Set<String> TEXT_NAMES = Set.of("message", "reason", "explanation", "summary", "answer",
      "comment", "note", "rationale");
  private static final List<String> DATE_HINTS = List.of("promised", "agreed", "crm");

  private final String context;
  private final List<Map<String, String>> candidates;

  private StructuredAnswer(String context) {
    this.context = context;
    this.candidates = candidates(context);
  }

  /** The JSON text of the answer for {@code schema} (absent: a JSON object with one labelled "answer"). */
  static String build(JsonSchema schema, String context) {
    StructuredAnswer a = new StructuredAnswer(context);
    JsonNode root;
    if (schema != null && schema.rootElement() instanceof JsonObjectSchema) {
      root = a.value(schema.rootElement(), "", a.candidates.isEmpty() ? null : a.candidates.get(0), -1);
    } else {
      ObjectNode o = NODES.objectNode();
      o.put("answer", a.text(null, -1));
      root = o;
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings, numbers and booleans always serializes", e);
    }
  }

  private JsonNode value(JsonSchemaElement element, String name, Map<String, String> record, int index) {
    if (element instanceof JsonObjectSchema) {
      JsonObjectSchema o = (JsonObjectSchema) element;
      Set<String> required = new LinkedHashSet<>(o.required() == null ? List.of() : o.required());
      ObjectNode node = NODES.objectNode();
      if (o.properties() != null) {
        o.properties().forEach((p, e) -> {
          if (required.contains(p) || TEXT_NAMES.contains(normalize(p))) {
            node.set(p, value(e, p, record, index));
          }
        });
      }
      return node;
    }
    if (element instanceof JsonArraySchema) {
      JsonArraySchema a = (JsonArraySchema) element;
      ArrayNode array = NODES.arrayNode();
      JsonSchemaElement items = a.items() == null ? new JsonStringSchema() : a.items();
      String itemName = singular(name);
      if (items instanceof JsonObjectSchema || idLike(name) || idLike(itemName)) {
        int n = Math.min(maxItems(a.description()), candidates.size());
        for (int i = 0; i < n; i++) {
          array.add(value(items, itemName, candidates.get(i), i));
        }
      } else {
        array.add(value(items, itemName, record, index));
      }
      return array;
    }
    if (element instanceof JsonEnumSchema) {
      List<String> values = ((JsonEnumSchema) element).enumValues();
      String field = field(record, name);
      if (field != null && values.contains(field)) {
        return NODES.textNode(field);
      }
      return values.isEmpty() ? NODES.nullNode() : NODES.textNode(values.get(0));
    }
    if (element instanceof JsonIntegerSchema || element instanceof JsonNumberSchema) {
      String field = field(record, name);
      if (field != null && NUMBER.matcher(field).matches()) {
        BigDecimal d = new BigDecimal(field);
        if (element instanceof JsonIntegerSchema) {
          return NODES.numberNode(d.toBigInteger());
        }
        return NODES.numberNode(d);
      }
      return NODES.numberNode(0);
    }
    if (element instanceof JsonBooleanSchema) {
      return NODES.booleanNode("true".equalsIgnoreCase(field(record, name)));
    }
    if (element instanceof JsonStringSchema) {
      String field = field(record, name);
      if (field != null) {
        return NODES.textNode(field);
      }
      if (record != null && idLike(name)) {
        return NODES.textNode(id(record));
      }
      if (normalize(name).contains("date")) {
        return NODES.textNode(date(name));
      }
      return NODES.textNode(text(record, index));
    }
    if (element instanceof JsonAnyOfSchema && !((JsonAnyOfSchema) element).anyOf().isEmpty()) {
      return value(((JsonAnyOfSchema) element).anyOf().get(0), name, record, index);
    }
    return NODES.nullNode();
  }

  private String text(Map<String, String> record, int index) {
    String t;
    if (record != null && index >= 0) {
      t = OfflineChatModel.LABEL + " candidate " + (index + 1) + " as listed in the request: " + describe(record);
    } else {
      t = OfflineChatModel.LABEL + " built by fixed rules from the data in the request, without a language model"
          + (candidates.isEmpty() ? "; the request lists no records" : ": " + candidates.size()
          + " candidate record(s), the first ones in the order given") + ".";
    }
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT - 3) + "..." : t;
  }

  private String date(String name) {
    Set<String> words = new LinkedHashSet<>(words(name));
    words.remove("date");
    words.addAll(DATE_HINTS);
    Matcher m = DATE.matcher(context);
    String best = "";
    int bestScore = -1;
    int previousEnd = 0;
    while (m.find()) {
      String before = context.substring(Math.max(previousEnd, m.start() - DATE_WINDOW), m.start())
          .toLowerCase(Locale.ROOT);
      int score = 0;
      for (String w : words) {
        if (before.contains(w)) {
          score++;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = m.group(1);
      }
      previousEnd = m.end();
    }
    return best;
  }

  private static List<Map<String, String>> candidates(String context) {
    List<Map<String, String>> records = OfflineChatModel.findRecords(context).records();
    List<String> bulletIds = new ArrayList<>();
    for (String line : context.split("\n")) {
      Matcher m = OfflineChatModel.BULLET.matcher(line);
      if (m.matches()) {
        bulletIds.add(leadingToken(m.group(1)));
      }
    }
    List<Map<String, String>> out = new ArrayList<>();
    boolean bulletsOnly = !records.isEmpty() && records.stream().allMatch(r -> r.size() == 1 && r.containsKey("item"));
    if (bulletsOnly) {
      for (Map<String, String> r : records) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("id", leadingToken(r.get("item")));
        c.put("item", r.get("item"));
        out.add(c);
      }
      return out;
    }
    for (String id : bulletIds) {
      for (Map<String, String> r : records) {
        if (id.equals(id(r)) && !out.contains(r)) {
          out.add(r);
        }
      }
    }
    return out.isEmpty() ? records : out;
  }

  private static String leadingToken(String text) {
    String t = text.strip().split("[\\s,;]+", 2)[0];
    return t.replaceAll("[.:)]+$", "");
  }

  private static String id(Map<String, String> record) {
    for (Map.Entry<String, String> e : record.entrySet()) {
      if (idLike(e.getKey())) {
        return e.getValue();
      }
    }
    return record.values().iterator().next();
  }

  private static String field(Map<String, String> record, String name) {
    if (record == null || name.isEmpty()) {
      return null;
    }
    String n = normalize(name);
    for (Map.Entry<String, String> e : record.entrySet()) {
      if (sameName(e.getKey(), n)) {
        return e.getValue();
      }
    }
    // One level down: a record wrapping its values ({"key": {...}, "fields": {...}}).
    for (String v : record.values()) {
      if (!v.startsWith("{")) {
        continue;
      }
      JsonNode nested;
      try {
        nested = JSON.readTree(v);
      } catch (JsonProcessingException notJson) {
        continue;
      }
      var fields = nested.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (f.getValue().isValueNode() && sameName(f.getKey(), n)) {
          return f.getValue().isBigDecimal() ? f.getValue().decimalValue().toPlainString() : f.getValue().asText();
        }
      }
    }
    return null;
  }

  /** {@code order_id} answers for {@code orderId}, and also for {@code order}. */
  private static boolean sameName(String key, String normalizedName) {
    String k = normalize(key);
    return k.equals(normalizedName) || k.equals(normalizedName + "id");
  }

  private static boolean idLike(String name) {
    String n = normalize(name);
    return n.equals("id") || n.endsWith("id") || n.endsWith("ids") || n.contains("sku") || n.endsWith("code")
        || n.endsWith("codes") || n.equals("key") || n.equals("keys") || n.contains("recommend")
        || n.equals("items") || n.equals("products") || n.equals("candidates");
  }

  private static int maxItems(String description) {
    if (description != null) {
      Matcher m = AT_MOST.matcher(description);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return DEFAULT_MAX_ITEMS;
  }

  private static String singular(String name) {
    return name.length() > 1 && name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String w : name.split("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        out.add(w.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static String describe(Map<String, String> record) {
    List<String> parts = new ArrayList<>();
    record.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }
}
