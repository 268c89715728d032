package io.modelbridge.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.json.DataJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled field path such as {@code customer.address.city} or {@code lines[*].qty}: dots separate names,
 * {@code [*]} stands for every element of an array and {@code [n]} for one element. Parsed once; reading
 * works on {@link Map}/{@link List} trees and on Jackson {@link JsonNode} trees alike, without reflection.
 */
public final class FieldPath {

  private static final Object ALL = new Object();

  private final String text;
  /** Each segment is a String (field name), an Integer (index) or {@link #ALL}. */
  private final Object[] segments;
  private final int wildcard;

  private FieldPath(String text, Object[] segments, int wildcard) {
    this.text = text;
    this.segments = segments;
    this.wildcard = wildcard;
  }

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException if the path is empty, malformed or has more than one {@code [*]}
   */
  public static FieldPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a field path must not be empty");
    }
    List<Object> segs = new ArrayList<>();
    int wildcard = -1;
    int i = 0;
    int n = text.length();
    StringBuilder name = new StringBuilder();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        boolean afterBracket = i > 0 && text.charAt(i - 1) == ']';
        if (name.length() == 0 && !afterBracket || i == n - 1) {
          throw new IllegalArgumentException("field path '" + text + "' has an empty name at position " + i);
        }
        if (name.length() > 0) {
          segs.add(name.toString());
          name.setLength(0);
        }
        i++;
      } else if (c == '[') {
        if (name.length() > 0) {
          segs.add(name.toString());
          name.setLength(0);
        }
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("field path '" + text + "' has an unclosed '[' at position " + i);
        }
        String inner = text.substring(i + 1, close).trim();
        if (inner.equals("*")) {
          if (wildcard >= 0) {
            throw new IllegalArgumentException("field path '" + text + "' has more than one [*]; only one is supported");
          }
          wildcard = segs.size();
          segs.add(ALL);
        } else {
          try {
            segs.add(Integer.parseInt(inner));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "field path '" + text + "' has '[" + inner + "]'; use [*] or a non-negative index");
          }
        }
        i = close + 1;
      } else if (c == ']' || Character.isWhitespace(c)) {
        throw new IllegalArgumentException("field path '" + text + "' has '" + c + "' at position " + i);
      } else {
        name.append(c);
        i++;
      }
    }
    if (name.length() > 0) {
      segs.add(name.toString());
    }
    if (segs.isEmpty()) {
      throw new IllegalArgumentException("field path '" + text + "' names no field");
    }
    return new FieldPath(text, segs.toArray(), wildcard);
  }

  /** The path as written. */
  public String text() {
    return text;
  }

  /** Whether the path has a {@code [*]}. */
  public boolean hasWildcard() {
    return wildcard >= 0;
  }

  /** The path before the {@code [*]} (for example {@code lines}), if it has one. */
  public Optional<FieldPath> arrayPrefix() {
    if (wildcard < 0) {
      return Optional.empty();
    }
    Object[] prefix = java.util.Arrays.copyOf(segments, wildcard);
    return Optional.of(new FieldPath(text.substring(0, text.indexOf('[')), prefix, -1));
  }

  /** The path after the {@code [*]} (for example {@code qty}), if it has one and something follows it. */
  public Optional<FieldPath> elementPath() {
    if (wildcard < 0 || wildcard == segments.length - 1) {
      return Optional.empty();
    }
    Object[] rest = java.util.Arrays.copyOfRange(segments, wildcard + 1, segments.length);
    String restText = text.substring(text.indexOf("[*]") + 3);
    if (restText.startsWith(".")) {
      restText = restText.substring(1);
    }
    return Optional.of(new FieldPath(restText, rest, -1));
  }

  /** Whether this is a single name (the common, fastest case). */
  public boolean isSimple() {
    return segments.length == 1 && segments[0] instanceof String;
  }

  /** The first name of the path. */
  public String head() {
    return String.valueOf(segments[0]);
  }

  /**
   * Reads the value at this path, as a plain Java value: String, BigDecimal or other Number, Boolean, a
   * {@link List} for a {@code [*]} path (with one entry per element, null where absent), a nested Map or
   * JsonNode for a subtree, or null when absent.
   */
  public Object get(Object root) {
    return get(root, 0);
  }

  private Object get(Object node, int from) {
    Object current = node;
    for (int i = from; i < segments.length; i++) {
      if (current == null) {
        return null;
      }
      Object seg = segments[i];
      if (seg == ALL) {
        List<Object> elements = elements(current);
        if (elements == null) {
          return null;
        }
        List<Object> out = new ArrayList<>(elements.size());
        for (Object e : elements) {
          out.add(get(e, i + 1));
        }
        return out;
      }
      current = step(current, seg);
    }
    return plain(current);
  }

  private static Object step(Object node, Object seg) {
    if (seg instanceof String) {
      String name = (String) seg;
      if (node instanceof Map) {
        return ((Map<?, ?>) node).get(name);
      }
      if (node instanceof JsonNode) {
        JsonNode j = (JsonNode) node;
        return j.isObject() ? j.get(name) : null;
      }
      return null;
    }
    int index = (Integer) seg;
    if (node instanceof List) {
      List<?> list = (List<?>) node;
      return index < list.size() ? list.get(index) : null;
    }
    if (node instanceof JsonNode) {
      JsonNode j = (JsonNode) node;
      return j.isArray() ? j.get(index) : null;
    }
    return null;
  }

  private static List<Object> elements(Object node) {
    if (node instanceof List) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) node;
      return list;
    }
    if (node instanceof JsonNode && ((JsonNode) node).isArray()) {
      List<Object> out = new ArrayList<>();
      ((JsonNode) node).forEach(out::add);
      return out;
    }
    return null;
  }

  /** Converts a Jackson value node to a plain Java value; leaves other values as they are. */
  public static Object plain(Object value) {
    if (!(value instanceof JsonNode)) {
      return value;
    }
    JsonNode j = (JsonNode) value;
    // Subtrees stay trees; scalars convert as everywhere else on the data path.
    return j.isContainerNode() ? j : DataJson.toJava(j);
  }

  /**
   * Writes a value at this path into a tree of {@link LinkedHashMap}s, creating intermediate maps. A
   * {@code [*]} path writes element {@code index} of the array (the list grows as needed).
   */
  public void set(Map<String, Object> root, Object value, int index) {
    Object current = root;
    for (int i = 0; i < segments.length; i++) {
      Object seg = segments[i];
      boolean last = i == segments.length - 1;
      if (seg == ALL || seg instanceof Integer) {
        int at = seg == ALL ? index : (Integer) seg;
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) current;
        while (list.size() <= at) {
          list.add(null);
        }
        if (last) {
          list.set(at, value);
          return;
        }
        Object next = list.get(at);
        if (next == null) {
          next = container(segments[i + 1]);
          list.set(at, next);
        }
        current = next;
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) current;
        if (last) {
          map.put((String) seg, value);
          return;
        }
        Object next = map.get(seg);
        if (!(next instanceof Map) && !(next instanceof List)) {
          next = container(segments[i + 1]);
          map.put((String) seg, next);
        }
        current = next;
      }
    }
  }

  private static Object container(Object nextSegment) {
    return nextSegment instanceof String ? new LinkedHashMap<String, Object>() : new ArrayList<Object>();
  }

  @Override
  public String toString() {
    return text;
  }
}
