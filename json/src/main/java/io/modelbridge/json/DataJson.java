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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

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
 *   <li>{@code NaN} and infinities are refused (they are not JSON).
 * </ul>
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
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true));
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
}
