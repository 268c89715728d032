package io.modelbridge.json;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A configuration file is not well-formed, has a duplicate key, or holds a bad value. The message names the
 * file, the line and column when known, the key path when known, what is wrong and what to do, for example
 * {@code gateway.yaml, line 4, column 3 (key 'modelbridge.retry'): duplicate key 'modelbridge.retry'; remove
 * or rename one of the two}.
 *
 * <p>Readers in other modules wrap it in their own exception (keeping it as the cause and its message), so
 * an application sees one exception type per reader.
 */
public final class ConfigFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String origin;
  private final int line;
  private final int column;
  private final String keyPath;
  private final String problem;

  /**
   * @param origin the file (or resource, or {@code (yaml text)}) the problem is in
   * @param line its 1-based line, or 0 if unknown
   * @param column its 1-based column, or 0 if unknown
   * @param keyPath the key path ({@code tasks.summary.template}, {@code providers[0].type}), or {@code null}
   *     if unknown
   * @param problem what is wrong and what to do
   * @param cause the parser's exception, or {@code null}
   */
  ConfigFileException(String origin, int line, int column, String keyPath, String problem, Throwable cause) {
    super(message(origin, line, column, keyPath, problem), cause);
    this.origin = origin;
    this.line = line;
    this.column = column;
    this.keyPath = keyPath;
    this.problem = problem;
  }

  private static String message(String origin, int line, int column, String keyPath, String problem) {
    StringBuilder b = new StringBuilder(origin);
    if (line > 0) {
      b.append(", line ").append(line);
      if (column > 0) {
        b.append(", column ").append(column);
      }
    }
    if (keyPath != null) {
      b.append(" (key '").append(keyPath.isEmpty() ? "(root)" : keyPath).append("')");
    }
    return b.append(": ").append(problem).toString();
  }

  /** The file, resource or text name the problem is in. */
  public String origin() {
    return origin;
  }

  /** The 1-based line of the problem, if known. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /** The 1-based column of the problem, if known. */
  public OptionalInt column() {
    return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
  }

  /** The key path of the problem ({@code tasks.summary.template}, {@code providers[0].type}), if known. */
  public Optional<String> keyPath() {
    return Optional.ofNullable(keyPath);
  }

  /** What is wrong and what to do, without the place. */
  public String problem() {
    return problem;
  }
}
