package io.modelbridge.adapters.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The one syntax for a field inside a record, used by mappings, pseudonymization, validation and the
 * pipeline alike. Immutable and thread-safe.
 *
 * <p>Syntax: names separated by dots, {@code [*]} for every element of an array, {@code [n]} for element
 * {@code n} (0-based):
 *
 * <pre>{@code
 * customer_name          a top-level field
 * address.street         a field of a nested object
 * lines[*].sku           the sku of every element of the array lines
 * lines[0].sku           the sku of the first element
 * orders[*].address.zip  any depth
 * }</pre>
 *
 * <p>A name in the syntax is any non-empty text without {@code .}, {@code [} or {@code ]}; names are
 * compared exactly (case-sensitive: use the names as the system reports them, as its
 * {@link FieldSchema#name()} does). {@link #toString()} writes this syntax, and
 * {@code parse(p.toString()).equals(p)} holds for every path whose names it can write.
 *
 * <p>A <em>pattern</em> (a path with {@code [*]}) {@link #matches matches} a <em>concrete</em> path of a
 * value inside a document ({@code lines[3].sku}); {@link #covers} also accepts every path below it, so a
 * personal {@code address} protects {@code address.street}.
 *
 * @since 1.1
 */
public final class FieldPath {

  /** The segment standing for every element of an array. */
  private static final String ALL = "[*]";

  /** Each segment: a name (String), an index (Integer), or {@link #ALL}. */
  private final Object[] segments;

  private FieldPath(Object[] segments) {
    this.segments = segments;
  }

  /**
   * Parses a path.
   *
   * @param text the path, for example {@code lines[*].sku}
   * @return the path
   * @throws NullPointerException if text is null
   * @throws IllegalArgumentException if the path is empty or malformed; the message gives the position
   */
  public static FieldPath parse(String text) {
    Objects.requireNonNull(text, "field path cannot be null");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a field path must not be empty; write for example address.street");
    }
    List<Object> segs = new ArrayList<>();
    int n = text.length();
    int i = 0;
    boolean expectName = true;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[') {
        if (expectName) {
          throw bad(text, i, segs.isEmpty() ? "a path starts with a field name, not '['"
              : "expected a field name after '.'");
        }
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw bad(text, i, "'[' is not closed");
        }
        String inner = text.substring(i + 1, close);
        if (inner.equals("*")) {
          segs.add(ALL);
        } else {
          segs.add(index(text, i, inner));
        }
        i = close + 1;
        expectName = false;
      } else if (c == '.') {
        if (expectName) {
          throw bad(text, i, "empty field name");
        }
        i++;
        expectName = true;
        if (i == n) {
          throw bad(text, i, "empty field name at the end");
        }
      } else {
        if (!expectName) {
          throw bad(text, i, "expected '.' or '[' after ']'");
        }
        int start = i;
        while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
          char d = text.charAt(i);
          if (d == ']') {
            throw bad(text, i, "'" + d + "' is not allowed in a field name");
          }
          i++;
        }
        segs.add(text.substring(start, i));
        expectName = false;
      }
    }
    return new FieldPath(segs.toArray());
  }

  private static Integer index(String text, int at, String inner) {
    if (inner.isEmpty() || inner.length() > 9 || !inner.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        || (inner.length() > 1 && inner.charAt(0) == '0')) {
      throw bad(text, at, "'[" + inner + "]' is neither [*] nor an index such as [0]");
    }
    return Integer.valueOf(inner);
  }

  private static IllegalArgumentException bad(String text, int at, String what) {
    String shown = text.length() <= 120 ? text : text.substring(0, 120) + "...";
    return new IllegalArgumentException("field path '" + shown + "' at position " + at + ": " + what
        + " (syntax: names separated by '.', [*] for every array element, [n] for one)");
  }

  /**
   * A top-level field.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public static FieldPath of(String name) {
    return root().child(name);
  }

  private static final FieldPath ROOT = new FieldPath(new Object[0]);

  /** The empty path: the document itself. Its {@link #toString()} is empty and it cannot be parsed. */
  public static FieldPath root() {
    return ROOT;
  }

  /**
   * This path followed by a field name, taken as it is: any non-empty name, also one that the syntax of
   * {@link #parse} cannot write (a JSON key with a dot), so that every field of a document has a concrete
   * path to match.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public FieldPath child(String name) {
    Objects.requireNonNull(name, "field name cannot be null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("field name must not be empty");
    }
    return append(name);
  }

  /** This path followed by element {@code index} of an array. */
  public FieldPath element(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("array index must not be negative, was " + index);
    }
    requireNotRoot();
    return append(index);
  }

  /** This path followed by {@code [*]}: every element of an array. */
  public FieldPath anyElement() {
    requireNotRoot();
    return append(ALL);
  }

  /** {@code prefix} followed by this path (for example {@code orders[*]} before {@code address.street}). */
  public FieldPath under(FieldPath prefix) {
    Objects.requireNonNull(prefix, "prefix cannot be null");
    Object[] out = Arrays.copyOf(prefix.segments, prefix.segments.length + segments.length);
    System.arraycopy(segments, 0, out, prefix.segments.length, segments.length);
    return new FieldPath(out);
  }

  private void requireNotRoot() {
    if (segments.length == 0) {
      throw new IllegalStateException("a field path starts with a field name, not an array element");
    }
  }

  private FieldPath append(Object seg) {
    Object[] out = Arrays.copyOf(segments, segments.length + 1);
    out[segments.length] = seg;
    return new FieldPath(out);
  }

  /** How many segments (names, indices, {@code [*]}) the path has; 0 for {@link #root()}. */
  public int depth() {
    return segments.length;
  }

  /** Whether the path has a {@code [*]}. */
  public boolean hasWildcard() {
    for (Object s : segments) {
      if (s == ALL) {
        return true;
      }
    }
    return false;
  }

  /**
   * Segment {@code i}: a field name ({@link String}), an index ({@link Integer}) or {@code "[*]"} for
   * every element; for code that walks a document along the path.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not below {@link #depth()}
   */
  public Object segment(int i) {
    return segments[i];
  }

  /** Whether segment {@code i} is {@code [*]}. */
  public boolean isWildcard(int i) {
    return segments[i] == ALL;
  }

  /** The last field name of the path (the field's own name), or empty text for {@link #root()}. */
  public String name() {
    for (int i = segments.length - 1; i >= 0; i--) {
      if (segments[i] instanceof String s && s != ALL) {
        return s;
      }
    }
    return "";
  }

  /**
   * Whether {@code concrete} is this path: names equal, {@code [*]} here matching any index (or
   * {@code [*]}) there, an index here only the same index there.
   */
  public boolean matches(FieldPath concrete) {
    Objects.requireNonNull(concrete, "concrete cannot be null");
    return concrete.segments.length == segments.length && prefixMatches(concrete);
  }

  /** Whether {@code concrete} is this path or lies below it (a field of it, an element of it). */
  public boolean covers(FieldPath concrete) {
    Objects.requireNonNull(concrete, "concrete cannot be null");
    return concrete.segments.length >= segments.length && prefixMatches(concrete);
  }

  private boolean prefixMatches(FieldPath concrete) {
    for (int i = 0; i < segments.length; i++) {
      Object mine = segments[i];
      Object theirs = concrete.segments[i];
      if (mine == ALL) {
        if (theirs instanceof String && theirs != ALL) {
          return false;
        }
      } else if (!mine.equals(theirs) || (theirs == ALL)) {
        return false;
      }
    }
    return true;
  }

  /** Whether any of {@code patterns} {@link #covers covers} {@code concrete}. */
  public static boolean anyCovers(Iterable<FieldPath> patterns, FieldPath concrete) {
    for (FieldPath p : patterns) {
      if (p.covers(concrete)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && Arrays.equals(segments, other.segments);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(segments);
  }

  /** The path in the syntax of {@link #parse}: {@code lines[*].sku}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object s : segments) {
      if (s == ALL) {
        sb.append(ALL);
      } else if (s instanceof Integer idx) {
        sb.append('[').append(idx).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(s);
      }
    }
    return sb.toString();
  }
}
