package io.modelbridge.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON (and YAML) configuration of the data path. Use these instances; never build another
 * {@link ObjectMapper} for business data or configuration (a build test enforces it).
 *
 * <p>What it guarantees, for every value between a system and the model and back:
 * <ul>
 *   <li>every floating number is read as a {@link java.math.BigDecimal} with its scale ({@code 1.50}
 *       stays {@code 1.50}), in trees too, and written plainly ({@code 120}, never {@code 1.2E+2});
 *   <li>integers beyond {@code long} are {@link java.math.BigInteger}, never rounded;
 *   <li>a duplicate key in an object is an error, not a silent overwrite, and so is trailing content
 *       after the value;
 *   <li>{@code NaN} and infinities are refused (they are not JSON);
 *   <li>{@code java.time} values (in a map, a list or a bean) are written as their ISO-8601 text
 *       ({@code LocalDate.toString()} and so on), exactly, never as numbers; read them back with the
 *       strict parse of the type you expect.
 * </ul>
 *
 * <p>A negative-scale decimal ({@code 1.2E+2}) is written plainly ({@code 120}) and so reads back with
 * scale 0: the same number, and the only case where the scale of a written value changes.
 *
 * <p>The instances are configured once, here, and are thread-safe. Do not reconfigure them: derive an
 * {@link ObjectReader} or {@link ObjectWriter} ({@link #reader()}, {@link #writer()}) for a local need.
 */
public final class DataJson {

  private static final JsonMapper JSON = configure(JsonMapper.builder()).build();

  private static final YAMLMapper YAML = configure(YAMLMapper.builder()).build();

  private DataJson() {}

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(isoTime())
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  }

  /** java.time values as their ISO-8601 {@code toString()}, which is exact and what the strict parses read. */
  private static SimpleModule isoTime() {
    SimpleModule m = new SimpleModule("modelbridge-iso-time");
    for (Class<?> type : List.of(LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
        OffsetTime.class, ZonedDateTime.class, Instant.class, Year.class, YearMonth.class, MonthDay.class,
        Duration.class, Period.class, ZoneId.class)) {
      m.addSerializer(type, ToStringSerializer.instance);
    }
    return m;
  }

  /** The shared JSON mapper of the data path (see the class comment for what it guarantees). */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** The shared YAML mapper for configuration files, with the same number and duplicate-key rules. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /** A reader of the shared configuration. */
  public static ObjectReader reader() {
    return JSON.reader();
  }

  /** A writer of the shared configuration (compact, one line). */
  public static ObjectWriter writer() {
    return JSON.writer();
  }

  /** The node factory that keeps decimals exact, for building trees by hand. */
  public static JsonNodeFactory nodes() {
    return JSON.getNodeFactory();
  }

  /**
   * Reads {@code json} as a tree with the shared rules.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException if it is not one well-formed JSON value;
   *     the exception's location says where
   */
  public static JsonNode tree(String json) throws com.fasterxml.jackson.core.JsonProcessingException {
    return JSON.readTree(json);
  }

  /**
   * {@code value} as compact JSON text. Never throws for trees, maps, lists, strings, numbers, booleans
   * and {@code java.time} values given as text.
   *
   * @throws IllegalArgumentException if {@code value} cannot be written as JSON (the message names its type)
   */
  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a " + (value == null ? "null" : value.getClass().getName())
          + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A plain Java value as a tree, keeping numbers exact: {@code Map} (keys as text), {@code List},
   * {@code String}, {@code Boolean}, integral numbers, {@link BigInteger}, {@link BigDecimal} (scale kept),
   * {@code byte[]}, a {@link JsonNode} as is and {@code null} as JSON null. A {@code Double} or {@code Float}
   * becomes the decimal of its shortest text ({@code 0.1} stays {@code 0.1}); a non-finite one, and any other
   * object (a {@code java.time} value, an enum), becomes its {@code toString()} text.
   */
  public static JsonNode toNode(Object value) {
    JsonNodeFactory nodes = nodes();
    if (value == null) {
      return nodes.nullNode();
    }
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof String s) {
      return nodes.textNode(s);
    }
    if (value instanceof Boolean b) {
      return nodes.booleanNode(b);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return nodes.numberNode(((Number) value).longValue());
    }
    if (value instanceof BigDecimal d) {
      return nodes.numberNode(d);
    }
    if (value instanceof BigInteger i) {
      return nodes.numberNode(i);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? nodes.numberNode(new BigDecimal(value.toString())) : nodes.textNode(value.toString());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = nodes.objectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), toNode(v)));
      return o;
    }
    if (value instanceof List<?> list) {
      ArrayNode a = nodes.arrayNode();
      list.forEach(e -> a.add(toNode(e)));
      return a;
    }
    if (value instanceof byte[] bytes) {
      return nodes.binaryNode(bytes);
    }
    return nodes.textNode(value.toString());
  }

  /**
   * A tree as plain Java values: {@link LinkedHashMap} (order kept), {@link ArrayList}, {@code String},
   * {@code Long} for integers that fit, {@link BigDecimal} for every other number (never a {@code double}),
   * {@code Boolean}, and {@code null} for JSON null or a missing node. The inverse of {@link #toNode(Object)}.
   *
   * @return the value, or {@code null} for JSON null and a missing node (the one case it says so)
   */
  public static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      node.properties().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
      return m;
    }
    if (node.isArray()) {
      List<Object> l = new ArrayList<>(node.size());
      node.forEach(e -> l.add(toJava(e)));
      return l;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      // A double node only exists when a tree was built by hand; its shortest text is the value meant.
      return node.isDouble() || node.isFloat() ? (Double.isFinite(node.doubleValue())
          ? new BigDecimal(Double.toString(node.doubleValue())) : node.doubleValue()) : node.decimalValue();
    }
    return node.asText(); // binary (as base64) and POJO nodes, which only hand-built trees hold
  }
}
