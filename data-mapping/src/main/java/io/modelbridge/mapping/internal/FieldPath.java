package io.modelbridge.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.json.DataJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes values along an {@link io.modelbridge.adapters.spi.FieldPath} (the one path syntax of
 * the data path: {@code customer.address.city}, {@code lines[*].qty}), at most one {@code [*]}. Parsed once
 * by the SPI; reading works on {@link Map}/{@link List} trees and on Jackson {@link JsonNode} trees alike,
 * without reflection.
 */
public final class FieldPath {

  private static final Object ALL = new Object();

  private final String text;
  /** Each segment is a String (field name), an Integer (index) or {@link #ALL}. */
  private final Object[] segments;
  private final int wildcard;

  private final io.modelbridge.adapters.spi.FieldPath path;

  private FieldPath(String text, Object[] segments, int wildcard, io.modelbridge.adapters.spi.FieldPath path) {
    this.text = text;
    this.segments = segments;
    this.wildcard = wildcard;
    this.path = path;
  }

  /**
   * Parses a path in the one syntax of {@link io.modelbridge.adapters.spi.FieldPath}.
   *
   * @throws IllegalArgumentException if the path is empty, malformed or has more than one {@code [*]}
   */
  public static FieldPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a field path must not be empty");
    }
    io.modelbridge.adapters.spi.FieldPath parsed = io.modelbridge.adapters.spi.FieldPath.parse(text);
    Object[] segs = new Object[parsed.depth()];
    int wildcard = -1;
    for (int i = 0; i < segs.length; i++) {
      if (parsed.isWildcard(i)) {
        if (wildcard >= 0) {
          throw new IllegalArgumentException("field path '" + text + "' has more than one [*]; only one is supported");
        }
        wildcard = i;
        segs[i] = ALL;
      } else {
        segs[i] = parsed.segment(i);
      }
    }
    return new FieldPath(text, segs, wildcard, parsed);
  }

  /** The path as the SPI's {@link io.modelbridge.adapters.spi.FieldPath}, for matching personal fields. */
  public io.modelbridge.adapters.spi.FieldPath path() {
    return path;
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
    return Optional.of(parse(text.substring(0, text.indexOf("[*]"))));
  }

  /** The path after the {@code [*]} (for example {@code qty}), if it has one and something follows it. */
  public Optional<FieldPath> elementPath() {
    if (wildcard < 0 || wildcard == segments.length - 1) {
      return Optional.empty();
    }
    String restText = text.substring(text.indexOf("[*]") + 3);
    if (restText.startsWith(".")) {
      restText = restText.substring(1);
    }
    try {
      return Optional.of(parse(restText));
    } catch (IllegalArgumentException e) {
      // an element that is itself an array ("[*][0]"): no name of its own, so it is read by segments
      Object[] rest = java.util.Arrays.copyOfRange(segments, wildcard + 1, segments.length);
      return Optional.of(new FieldPath(restText, rest, -1, path));
    }
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
