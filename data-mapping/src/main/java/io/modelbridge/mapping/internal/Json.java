package io.modelbridge.mapping.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between plain Java trees and Jackson trees, keeping decimals exact. Uses the node factory
 * setting {@code withExactBigDecimals(true)}, deprecated in Jackson 2.x but the only way to keep
 * {@code 1.50} as {@code 1.50} in trees read by this Jackson version.
 */
@SuppressWarnings("deprecation")
public final class Json {

  /** Shared mapper: decimals as BigDecimal, never double. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private Json() {}

  /** A Java value (Map, List, String, Number, Boolean, temporal, JsonNode) as a JSON tree. */
  public static JsonNode toNode(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof JsonNode) {
      return (JsonNode) v;
    }
    if (v instanceof String) {
      return NODES.textNode((String) v);
    }
    if (v instanceof Boolean) {
      return NODES.booleanNode((Boolean) v);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof BigDecimal) {
      return NODES.numberNode((BigDecimal) v);
    }
    if (v instanceof BigInteger) {
      return NODES.numberNode((BigInteger) v);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? NODES.numberNode(new BigDecimal(Double.toString(d))) : NODES.textNode(v.toString());
    }
    if (v instanceof Map) {
      ObjectNode o = NODES.objectNode();
      ((Map<?, ?>) v).forEach((k, val) -> o.set(String.valueOf(k), toNode(val)));
      return o;
    }
    if (v instanceof List) {
      ArrayNode a = NODES.arrayNode();
      ((List<?>) v).forEach(e -> a.add(toNode(e)));
      return a;
    }
    if (v instanceof byte[]) {
      return NODES.binaryNode((byte[]) v);
    }
    return NODES.textNode(v.toString());
  }

  /** A JSON tree as plain Java values (LinkedHashMap, ArrayList, String, Long, BigDecimal, Boolean, null). */
  public static Object toJava(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(e -> l.add(toJava(e)));
      return l;
    }
    return FieldPath.plain(n);
  }
}
