package io.modelbridge.samples.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SQL script into statements. Understands line comments, block comments (any number of
 * {@code *} before the closing {@code /}, which H2's own splitter misses), single-quoted strings with
 * doubled quotes, double-quoted identifiers and psql meta-command lines ({@code \c db}), which it drops.
 */
public final class SqlScript {

  private SqlScript() {}

  /** Reads a classpath resource as UTF-8 text. */
  public static String resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("sample script " + name + " is missing from the class path; "
            + "is modelbridge-sample-data intact?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read sample script " + name, e);
    }
  }

  /** The statements of {@code script}, without comments and without the terminating semicolons. */
  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int n = script.length();
    int i = 0;
    boolean lineStart = true;
    while (i < n) {
      char c = script.charAt(i);
      if (lineStart && c == '\\' && current.toString().isBlank()) {
        // psql meta-command such as "\c chinook": not SQL, skip the line.
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      lineStart = false;
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        current.append(' ');
        continue;
      }
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          if (script.charAt(j) == c) {
            if (j + 1 < n && script.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        current.append(script, i, Math.min(j + 1, n));
        i = j + 1;
        continue;
      }
      if (c == ';') {
        addIfNotBlank(out, current);
        current.setLength(0);
        i++;
        continue;
      }
      if (c == '\n') {
        lineStart = true;
      }
      current.append(c);
      i++;
    }
    addIfNotBlank(out, current);
    return out;
  }

  private static void addIfNotBlank(List<String> out, StringBuilder sb) {
    String s = sb.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }

  /**
   * Applies {@code rewrite} to the parts of {@code sql} outside string literals, leaving literals as they
   * are.
   */
  public static String outsideLiterals(String sql, java.util.function.UnaryOperator<String> rewrite) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int q = sql.indexOf('\'', i);
      if (q < 0) {
        out.append(rewrite.apply(sql.substring(i)));
        break;
      }
      out.append(rewrite.apply(sql.substring(i, q)));
      int j = q + 1;
      while (j < n) {
        if (sql.charAt(j) == '\'') {
          if (j + 1 < n && sql.charAt(j + 1) == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out.append(sql, q, Math.min(j + 1, n));
      i = j + 1;
    }
    return out.toString();
  }

  /** The start of a statement for error messages: its verb and object, never its values. */
  public static String head(String statement) {
    String s = statement.replaceAll("\\s+", " ");
    int cut = s.length();
    for (String stop : new String[] {"(", "'", " VALUES", " values"}) {
      int at = s.indexOf(stop);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    cut = Math.min(cut, 60);
    return s.substring(0, cut).strip() + " ...";
  }
}
