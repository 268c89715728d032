package io.modelbridge.adapters.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.adapters.http.HttpApiSpec;
import io.modelbridge.adapters.http.HttpOperation;
import io.modelbridge.adapters.http.Paging;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.json.ConfigDocument;
import io.modelbridge.json.ConfigFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads an {@link HttpApiSpec} from a JSON or YAML document. */
public final class SpecParser {

  private static final Set<String> ENTITY_KEYS = Set.of("name", "description", "key", "versionField", "fields");
  private static final Set<String> FIELD_KEYS =
      Set.of("name", "type", "required", "personal", "description", "pointer");
  private static final Set<String> OPERATION_KEYS = Set.of("name", "entity", "kind", "method", "path", "input",
      "query", "body", "records", "paging", "effect", "approvalRequired", "description");
  private static final Set<String> PAGING_KEYS = Set.of("type", "param", "next", "firstPage");

  private SpecParser() {}

  /** Parses {@code document}. @throws IllegalArgumentException saying where and what is wrong */
  public static HttpApiSpec parse(String document) {
    return parse(document, "the HTTP API declaration");
  }

  /**
   * Parses {@code document}, JSON when it starts with <code>{</code>, else YAML; {@code origin} (a file name)
   * names it in syntax errors, with the line and column.
   *
   * @throws IllegalArgumentException saying where and what is wrong (a {@link ConfigFileException} for a
   *     syntax error or a duplicate key)
   */
  public static HttpApiSpec parse(String document, String origin) {
    boolean json = document.stripLeading().startsWith("{");
    JsonNode root = ConfigDocument.parse(document, origin,
        json ? ConfigDocument.Format.JSON : ConfigDocument.Format.YAML).tree();
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the HTTP API declaration must be an object with 'entities' and 'operations'");
    }
    checkKeys(root, Set.of("entities", "operations"), "the declaration");
    HttpApiSpec.Builder spec = HttpApiSpec.builder();
    for (JsonNode e : array(root, "entities", "the declaration")) {
      entity(spec, e);
    }
    for (JsonNode o : array(root, "operations", "the declaration")) {
      spec.operation(operation(o));
    }
    return spec.build();
  }

  private static void entity(HttpApiSpec.Builder spec, JsonNode node) {
    String name = text(node, "name", "an entity");
    String where = "entity '" + name + "'";
    checkKeys(node, ENTITY_KEYS, where);
    List<FieldSchema> fields = new ArrayList<>();
    Map<String, String> pointers = new LinkedHashMap<>();
    for (JsonNode f : array(node, "fields", where)) {
      String fieldName = text(f, "name", "a field of " + where);
      String fieldWhere = "field '" + fieldName + "' of " + where;
      checkKeys(f, FIELD_KEYS, fieldWhere);
      fields.add(field(f, fieldName, fieldWhere, false));
      if (f.has("pointer")) {
        pointers.put(fieldName, text(f, "pointer", fieldWhere));
      }
    }
    List<String> key = new ArrayList<>();
    JsonNode keyNode = node.get("key");
    if (keyNode == null) {
      throw new IllegalArgumentException(where + " needs 'key': the field or fields that identify a record");
    }
    if (keyNode.isArray()) {
      keyNode.forEach(k -> key.add(k.asText()));
    } else {
      key.add(keyNode.asText());
    }
    Optional<String> version = optionalText(node, "versionField");
    spec.entity(new EntitySchema(name, fields, key, version, optionalText(node, "description").orElse("")), pointers);
  }

  private static FieldSchema field(JsonNode f, String name, String where, boolean requiredByDefault) {
    String typeText = optionalText(f, "type").orElse("STRING");
    FieldType type = enumValue(FieldType.class, typeText, where + " type");
    boolean required = bool(f, "required", requiredByDefault, where);
    boolean personal = bool(f, "personal", false, where);
    return new FieldSchema(name, type, required, personal, optionalText(f, "description").orElse(""));
  }

  private static HttpOperation operation(JsonNode node) {
    String name = text(node, "name", "an operation");
    String where = "operation '" + name + "'";
    checkKeys(node, OPERATION_KEYS, where);
    OperationKind kind = enumValue(OperationKind.class, text(node, "kind", where), where + " kind");
    HttpOperation.Builder op = HttpOperation.builder(name, text(node, "entity", where), kind);
    optionalText(node, "method").ifPresent(op::method);
    optionalText(node, "path").ifPresent(op::path);
    optionalText(node, "records").ifPresent(op::records);
    optionalText(node, "description").ifPresent(op::description);
    optionalText(node, "effect").ifPresent(e -> op.effect(enumValue(Effect.class, e, where + " effect")));
    if (node.has("approvalRequired")) {
      op.approvalRequired(bool(node, "approvalRequired", false, where));
    }
    if (node.has("input")) {
      List<FieldSchema> input = new ArrayList<>();
      for (JsonNode f : array(node, "input", where)) {
        String fieldName = text(f, "name", "an input field of " + where);
        String fieldWhere = "input field '" + fieldName + "' of " + where;
        checkKeys(f, Set.of("name", "type", "required", "personal", "description"), fieldWhere);
        input.add(field(f, fieldName, fieldWhere, false));
      }
      op.input(input);
    }
    object(node, "query", where).forEach(op::query);
    object(node, "body", where).forEach(op::body);
    JsonNode paging = node.get("paging");
    if (paging != null) {
      op.paging(paging(paging, where + " paging"));
    }
    return op.build();
  }

  private static Paging paging(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be an object with 'type', 'param' and 'next'");
    }
    checkKeys(node, PAGING_KEYS, where);
    Paging.Type type = enumValue(Paging.Type.class, text(node, "type", where), where + " type");
    Optional<String> next = optionalText(node, "next");
    long first = type == Paging.Type.PAGE ? node.path("firstPage").asLong(1) : 0;
    return new Paging(type, optionalText(node, "param").orElse(""), next, first);
  }

  private static Map<String, String> object(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be an object of names to text");
    }
    v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Iterable<JsonNode> array(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException(where + " needs '" + key + "' as a list");
    }
    return v;
  }

  private static String text(JsonNode node, String key, String where) {
    return optionalText(node, key).orElseThrow(() -> new IllegalArgumentException(where + " needs '" + key + "'"));
  }

  private static Optional<String> optionalText(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() || !v.isValueNode() ? Optional.empty() : Optional.of(v.asText());
  }

  private static boolean bool(JsonNode node, String key, boolean dflt, String where) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be true or false, not '" + v.asText() + "'");
    }
    return v.booleanValue();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " '" + text + "' is not one of "
          + java.util.Arrays.toString(type.getEnumConstants()), e);
    }
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw new IllegalArgumentException(where + ": unknown key '" + n + "'; allowed: " + new java.util.TreeSet<>(allowed));
      }
    }
  }
}
