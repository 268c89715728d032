package io.modelbridge.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.mapping.Violation;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds text that no system downstream can store faithfully: a lone UTF-16 surrogate, half of a character,
 * which UTF-8 cannot encode (written out it would become {@code ?} or fail the whole file). Such a record
 * is rejected as a whole, kept exactly as received in the dead letters, instead of failing the batch later.
 * A NUL character is valid text and passes (JSON writes it as {@code \u0000}).
 */
public final class BadText {

  /** Where the first bad character is. */
  public record Found(String path, int index, char character) {

    /** The violation for the record with key {@code key}; names the position, never the text. */
    public Violation violation(String key) {
      return new Violation(key, path, "character", "", "holds a lone UTF-16 surrogate (\\u"
          + String.format("%04X", (int) character) + ", half of a character) at character " + (index + 1)
          + ": the text is broken at the source; fix it there and replay the dead letter");
    }
  }

  private static final int MAX_DEPTH = 64;

  private BadText() {}

  /** The first lone surrogate in a record's keys and text values, if any. */
  public static Optional<Found> find(Object data) {
    return Optional.ofNullable(walk(data, "", 0));
  }

  private static Found walk(Object v, String path, int depth) {
    if (v == null || depth > MAX_DEPTH) {
      return null;
    }
    if (v instanceof CharSequence) {
      return text(v.toString(), path);
    }
    if (v instanceof JsonNode) {
      return node((JsonNode) v, path, depth);
    }
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String name = String.valueOf(e.getKey());
        String p = path.isEmpty() ? name : path + "." + name;
        Found f = text(name, p);
        if (f == null) {
          f = walk(e.getValue(), p, depth + 1);
        }
        if (f != null) {
          return f;
        }
      }
      return null;
    }
    if (v instanceof List) {
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        Found f = walk(l.get(i), path + "[" + i + "]", depth + 1);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  private static Found node(JsonNode n, String path, int depth) {
    if (n.isTextual()) {
      return text(n.textValue(), path);
    }
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        Found f = text(e.getKey(), p);
        if (f == null) {
          f = walk(e.getValue(), p, depth + 1);
        }
        if (f != null) {
          return f;
        }
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        Found f = walk(n.get(i), path + "[" + i + "]", depth + 1);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  /** The first unpaired surrogate of {@code s}, or null. */
  static Found text(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return new Found(path.isEmpty() ? "$" : path, i, c);
      }
      if (Character.isLowSurrogate(c)) {
        return new Found(path.isEmpty() ? "$" : path, i, c);
      }
    }
    return null;
  }
}
