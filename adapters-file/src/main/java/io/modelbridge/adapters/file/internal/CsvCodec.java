package io.modelbridge.adapters.file.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4180 fields: a field holding the delimiter, a quote or a line break is quoted, quotes inside it
 * doubled. An unquoted empty field is an absent value; a quoted empty field ({@code ""}) an empty text.
 */
final class CsvCodec {

  /** One field as read: its text (null when absent) and whether it was quoted. */
  record Cell(String text, boolean quoted) {
    /** The text, empty when the field is absent. */
    Optional<String> value() {
      return Optional.ofNullable(text);
    }
  }

  /** A record that breaks RFC 4180; the message says where, never what. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private final char delimiter;

  /** A codec for {@code delimiter}, which must not be a quote or a line break. */
  CsvCodec(char delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("the CSV delimiter cannot be a quote or a line break");
    }
    this.delimiter = delimiter;
  }

  /** Splits one record into its fields. @throws SyntaxException if quotes are misplaced */
  List<Cell> parse(String record) throws SyntaxException {
    List<Cell> cells = new ArrayList<>();
    int i = 0;
    int n = record.length();
    while (true) {
      if (i < n && record.charAt(i) == '"') {
        StringBuilder text = new StringBuilder();
        int open = i;
        i++;
        while (true) {
          if (i >= n) {
            throw new SyntaxException("the quote opened at character " + (open + 1) + " is not closed");
          }
          char c = record.charAt(i);
          if (c == '"') {
            if (i + 1 < n && record.charAt(i + 1) == '"') {
              text.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            text.append(c);
            i++;
          }
        }
        cells.add(new Cell(text.toString(), true));
        if (i < n && record.charAt(i) != delimiter) {
          throw new SyntaxException("text follows the closing quote at character " + i
              + "; quote the whole field and double the quotes inside it");
        }
      } else {
        int start = i;
        while (i < n && record.charAt(i) != delimiter) {
          char c = record.charAt(i);
          if (c == '"') {
            throw new SyntaxException("a quote inside an unquoted field at character " + (i + 1)
                + "; quote the whole field and double the quotes inside it");
          }
          i++;
        }
        String text = record.substring(start, i);
        cells.add(new Cell(text.isEmpty() ? null : text, false));
      }
      if (i >= n) {
        return cells;
      }
      i++; // the delimiter
    }
  }

  /** Writes fields as one record; an empty optional is written as an absent (unquoted empty) field. */
  String format(List<Optional<String>> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      fields.get(i).ifPresent(v -> appendField(out, v));
    }
    return out.toString();
  }

  private void appendField(StringBuilder out, String value) {
    boolean quote = value.isEmpty() || value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
