package io.modelbridge.adapters.file;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of the file that could not be read as a record, and why.
 *
 * @param file the file it is in
 * @param lineNumber its line number, counting from 1 (for a CSV record spanning lines, its first line)
 * @param field the field that could not be read, if the problem is in one field
 * @param reason what is wrong, without the line's content
 * @param content the line as text (undecodable bytes replaced by U+FFFD), for a reject file; it may hold
 *     personal data, so it is left out of {@link #toString()}
 */
public record RejectedLine(Path file, long lineNumber, Optional<String> field, String reason, String content) {

  /** Validates the components. */
  public RejectedLine {
    Objects.requireNonNull(file, "file cannot be null");
    Objects.requireNonNull(field, "field cannot be null (use Optional.empty())");
    Objects.requireNonNull(reason, "reason cannot be null");
    Objects.requireNonNull(content, "content cannot be null");
  }

  @Override
  public String toString() {
    return file.getFileName() + ":" + lineNumber + field.map(f -> " field '" + f + "'").orElse("") + ": " + reason;
  }
}
