package io.modelbridge.pipeline.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template with {@code {{name}}} placeholders. Substitution is one pass of plain text: a value is
 * inserted as is and never scanned again, so a value that itself contains {@code {{...}}} stays literal text.
 * No expressions, no scripting. Immutable and thread-safe.
 */
public final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*}}");

  private final List<String> literals;
  private final List<String> names;

  private Template(List<String> literals, List<String> names) {
    this.literals = literals;
    this.names = names;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException if a placeholder is not in {@code allowed} (the message names it)
   */
  public static Template parse(String text, Set<String> allowed) {
    Objects.requireNonNull(text, "text cannot be null");
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int pos = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!allowed.contains(name) && !allowed.stream().anyMatch(a -> a.endsWith(".*")
          && name.startsWith(a.substring(0, a.length() - 1)))) {
        throw new IllegalArgumentException("unknown placeholder {{" + name + "}}; known: " + new java.util.TreeSet<>(allowed));
      }
      literals.add(text.substring(pos, m.start()));
      names.add(name);
      pos = m.end();
    }
    literals.add(text.substring(pos));
    return new Template(List.copyOf(literals), List.copyOf(names));
  }

  /** The placeholder names, in order of appearance. */
  public List<String> placeholders() {
    return names;
  }

  /**
   * Fills the placeholders.
   *
   * @throws IllegalArgumentException if a placeholder has no value
   */
  public String render(Map<String, String> values) {
    int size = 0;
    for (String l : literals) {
      size += l.length();
    }
    StringBuilder sb = new StringBuilder(size + 256);
    for (int i = 0; i < names.size(); i++) {
      sb.append(literals.get(i));
      String v = values.get(names.get(i));
      if (v == null) {
        throw new IllegalArgumentException("no value for placeholder {{" + names.get(i) + "}}");
      }
      sb.append(v);
    }
    sb.append(literals.get(literals.size() - 1));
    return sb.toString();
  }
}
