package io.modelbridge.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration file (JSON or YAML) read as a tree with the rules of {@link DataJson} (exact decimals,
 * duplicate keys refused), whose every error names the file, the line and the column. Every reader of a
 * ModelBridge configuration file (gateway, tool access policy, mapping, domain pack, HTTP adapter spec)
 * reads through it, so they all fail the same way:
 *
 * <pre>{@code
 * ConfigDocument doc = ConfigDocument.read(Path.of("pack.yaml"));
 * JsonNode version = doc.tree().path("version");
 * if (!version.isTextual()) {
 *   throw doc.error("version", "must be a semantic version like 1.0.0");   // names pack.yaml, line and column
 * }
 * }</pre>
 *
 * <p>Instances are immutable; the tree must not be modified.
 */
public final class ConfigDocument {

  /** The syntax of a configuration file. */
  public enum Format {
    /** JSON (RFC 8259). */
    JSON,
    /** YAML 1.1, a superset of JSON. */
    YAML;

    /**
     * The format a file name's extension says: {@code .json} is JSON, {@code .yaml} and {@code .yml} are
     * YAML, anything else is {@code otherwise}.
     */
    public static Format of(String fileName, Format otherwise) {
      String n = fileName.toLowerCase(Locale.ROOT);
      return n.endsWith(".json") ? JSON : n.endsWith(".yaml") || n.endsWith(".yml") ? YAML : otherwise;
    }

    ObjectMapper mapper() {
      return this == JSON ? DataJson.mapper() : DataJson.yaml();
    }
  }

  private final String text;
  private final String origin;
  private final Format format;
  private final JsonNode tree;

  private ConfigDocument(String text, String origin, Format format, JsonNode tree) {
    this.text = text;
    this.origin = origin;
    this.format = format;
    this.tree = tree;
  }

  /**
   * Reads a UTF-8 file, in the format its extension says (YAML when it says neither).
   *
   * @throws ConfigFileException if the file cannot be read, is not UTF-8, or is not well-formed or has a
   *     duplicate key (the message names the file, line and column)
   */
  public static ConfigDocument read(Path file) {
    Objects.requireNonNull(file, "file cannot be null");
    return read(file, Format.of(file.getFileName().toString(), Format.YAML));
  }

  /**
   * Reads a UTF-8 file in {@code format}.
   *
   * @throws ConfigFileException if the file cannot be read, is not UTF-8, or is not well-formed or has a
   *     duplicate key (the message names the file, line and column)
   */
  public static ConfigDocument read(Path file, Format format) {
    Objects.requireNonNull(file, "file cannot be null");
    Objects.requireNonNull(format, "format cannot be null");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new ConfigFileException(file.toString(), 0, 0, null,
          "is not UTF-8 text; save the file as UTF-8", e);
    } catch (IOException e) {
      throw new ConfigFileException(file.toString(), 0, 0, null, "cannot be read (" + e.getClass().getSimpleName()
          + ": " + e.getMessage() + "); check the path and its permissions", e);
    }
    return parse(text, file.toString(), format);
  }

  /**
   * Parses configuration text; {@code origin} names it in errors (a file name, a resource, {@code (yaml text)}).
   *
   * @throws ConfigFileException if the text is not well-formed or has a duplicate key (the message names
   *     {@code origin}, the line and the column)
   */
  public static ConfigDocument parse(String text, String origin, Format format) {
    Objects.requireNonNull(text, "text cannot be null");
    Objects.requireNonNull(origin, "origin cannot be null");
    Objects.requireNonNull(format, "format cannot be null");
    JsonNode tree;
    try {
      tree = format.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw syntaxError(origin, format, e);
    }
    if (tree == null) {
      tree = DataJson.nodes().missingNode();
    }
    return new ConfigDocument(text, origin, format, tree);
  }

  private static ConfigFileException syntaxError(String origin, Format format, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    int line = at == null ? 0 : at.getLineNr();
    int column = at == null ? 0 : at.getColumnNr();
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    if (message.startsWith("Duplicate field '")) {
      String key = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
      String path = e instanceof StreamReadException s && s.getProcessor() != null
          ? path(s.getProcessor().getParsingContext()) : null;
      return new ConfigFileException(origin, line, column, path,
          "duplicate key '" + key + "' (the second would silently replace the first); remove or rename one of the two", e);
    }
    return new ConfigFileException(origin, line, column, null,
        "is not well-formed " + format + ": " + firstLines(message) + "; fix the syntax at that place", e);
  }

  /** SnakeYAML's messages repeat the place on indented lines with a snippet; keep the sentences only. */
  private static String firstLines(String message) {
    String kept = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .map(String::strip).collect(Collectors.joining(" "));
    String one = (kept.isEmpty() ? message : kept).replaceAll("\\s+", " ").strip();
    int source = one.indexOf(" at [Source:");
    return source > 0 ? one.substring(0, source) : one;
  }

  /** The parsed tree (a missing node for an empty file). Do not modify it. */
  public JsonNode tree() {
    return tree;
  }

  /** The name of the file or text, as errors show it. */
  public String origin() {
    return origin;
  }

  /**
   * An error about the value at {@code keyPath} ({@code tasks.summary.template}, {@code providers[0].type};
   * empty for the root), naming this document, the line and column of that key when it is in the text, and
   * the key path. For the reader to throw, or to wrap in its own exception.
   *
   * @param problem what is wrong and what to do
   */
  public ConfigFileException error(String keyPath, String problem) {
    Objects.requireNonNull(keyPath, "keyPath cannot be null");
    Objects.requireNonNull(problem, "problem cannot be null");
    JsonLocation at = locate(keyPath);
    return new ConfigFileException(origin, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
        keyPath, problem, null);
  }

  /** Where the key (or array element) at {@code keyPath} starts in the text, or null if it is not there. */
  private JsonLocation locate(String keyPath) {
    try (JsonParser p = format.mapper().getFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        JsonStreamContext ctx = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
            ? p.getParsingContext().getParent() : p.getParsingContext();
        if (t != JsonToken.FIELD_NAME && ctx.inObject()) {
          continue; // the value of a key: its key was already compared
        }
        if (keyPath.equals(path(ctx))) {
          return p.currentTokenLocation();
        }
      }
    } catch (IOException e) {
      return null; // parsed once already; a second failure only costs the line number
    }
    return null;
  }

  /** The key path of a parser context: names joined by dots, array indexes in brackets. */
  private static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.addFirst("." + c.getCurrentName());
      } else if (c.inArray()) {
        parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }
}
