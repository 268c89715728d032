package io.modelbridge.adapters.file.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a file record by record as raw bytes, never more than one record in memory. Lines end at
 * {@code \n}; a {@code \r} right before it belongs to the line break. For CSV a record continues over line
 * breaks while a quoted field is open; scanning bytes for quotes is safe because every supported encoding is
 * ASCII-compatible (the bytes of {@code "}, the delimiter and the line break are never part of a multi-byte
 * character in UTF-8, ISO-8859-1 or GBK).
 */
final class RecordReader implements Closeable {

  private static final byte[] NONE = new byte[0];

  private final InputStream in;
  private final boolean csv;
  private final byte delimiter;
  private final int maxLinesPerRecord;
  private final Deque<RawRecord> pushedBack = new ArrayDeque<>();
  private final byte[] buffer = new byte[16 * 1024];
  private int pos;
  private int limit;
  private long nextLine = 1;
  private boolean eof;
  private final boolean skipBom;
  private byte[] bom = NONE;

  /** An unclosed quote ran to the end of the file or past the limit: the first line is the reject. */
  static final String UNCLOSED_QUOTE = "a quoted field is not closed";

  /**
   * @param in the file (read in blocks; no buffering needed)
   * @param csv whether quoted fields may span lines
   * @param delimiter the CSV delimiter (ASCII)
   * @param maxLinesPerRecord how many physical lines a CSV record may span before its first line is rejected
   */
  RecordReader(InputStream in, boolean csv, char delimiter, int maxLinesPerRecord) {
    this(in, csv, delimiter, maxLinesPerRecord, false);
  }

  /**
   * @param skipUtf8Bom whether a UTF-8 byte order mark at the start of the file is skipped (kept in
   *     {@link #bom()} so that a rewrite can put it back)
   */
  RecordReader(InputStream in, boolean csv, char delimiter, int maxLinesPerRecord, boolean skipUtf8Bom) {
    this.skipBom = skipUtf8Bom;
    this.in = in;
    this.delimiter = (byte) delimiter;
    this.csv = csv;
    this.maxLinesPerRecord = maxLinesPerRecord;
  }

  /** The outcome of one read: a record, or a first line rejected for an unclosed quote. */
  record Next(RawRecord record, boolean unclosedQuote) {}

  /** The next record, or null at the end of the file. */
  Next next() throws IOException {
    RawRecord first = physical();
    if (first == null) {
      return null;
    }
    if (!csv || !endsInsideQuotes(first.bytes(), false)) {
      return new Next(first, false);
    }
    // A quoted field spans lines: gather until the quote closes.
    java.util.List<RawRecord> parts = new java.util.ArrayList<>();
    parts.add(first);
    boolean open = true;
    while (open && parts.size() < maxLinesPerRecord) {
      RawRecord more = physical();
      if (more == null) {
        break;
      }
      parts.add(more);
      open = endsInsideQuotes(more.bytes(), true);
    }
    if (!open) {
      return new Next(join(parts), false);
    }
    // Never closed: reject only the first line and read the others again on their own.
    for (int i = parts.size() - 1; i >= 1; i--) {
      pushedBack.push(parts.get(i));
    }
    return new Next(first, true);
  }

  /** The byte order mark skipped at the start of the file; empty if there was none. */
  byte[] bom() {
    return bom.clone();
  }

  private static RawRecord join(java.util.List<RawRecord> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < parts.size(); i++) {
      out.writeBytes(parts.get(i).bytes());
      if (i < parts.size() - 1) {
        out.writeBytes(parts.get(i).terminator());
      }
    }
    return new RawRecord(parts.get(0).lineNumber(), out.toByteArray(), parts.get(parts.size() - 1).terminator());
  }

  /**
   * Whether a line ends inside a quoted field. As RFC 4180 says, a quote opens a quoted field only at the
   * start of a field; a quote inside an unquoted field is a stray character the parser rejects, and it must
   * not swallow the following lines.
   *
   * @param startsInside whether the line continues a quoted field from the line before
   */
  private boolean endsInsideQuotes(byte[] bytes, boolean startsInside) {
    boolean inside = startsInside;
    boolean fieldStart = !startsInside;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (inside) {
        if (b == '"') {
          if (i + 1 < bytes.length && bytes[i + 1] == '"') {
            i++;
          } else {
            inside = false;
          }
        }
        fieldStart = false;
      } else if (b == '"' && fieldStart) {
        inside = true;
        fieldStart = false;
      } else {
        fieldStart = b == delimiter;
      }
    }
    return inside;
  }

  private RawRecord physical() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    if (eof) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          break;
        }
      }
      int lineStart = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      line.write(buffer, lineStart, pos - lineStart);
      if (pos < limit) {
        pos++;
        byte[] content = stripBom(line.toByteArray());
        if (content.length > 0 && content[content.length - 1] == '\r') {
          byte[] stripped = java.util.Arrays.copyOf(content, content.length - 1);
          return new RawRecord(nextLine++, stripped, new byte[] {'\r', '\n'});
        }
        return new RawRecord(nextLine++, content, new byte[] {'\n'});
      }
    }
    eof = true;
    if (line.size() == 0) {
      return null;
    }
    return new RawRecord(nextLine++, stripBom(line.toByteArray()), NONE);
  }

  private byte[] stripBom(byte[] content) {
    if (nextLine == 1 && skipBom && content.length >= 3 && (content[0] & 0xFF) == 0xEF
        && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
      bom = java.util.Arrays.copyOf(content, 3);
      return java.util.Arrays.copyOfRange(content, 3, content.length);
    }
    return content;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
