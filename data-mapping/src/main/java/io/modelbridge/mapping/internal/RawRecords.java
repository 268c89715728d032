package io.modelbridge.mapping.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a UTF-8 file into records and decodes each one on its own, so that a bad byte costs one record
 * and is reported at its exact line. A record is one physical line (ended by {@code \n}; a {@code \r}
 * before it belongs to the line break), or for CSV several lines while a quoted field is open. Quotes are
 * found in the bytes: in UTF-8 the bytes of {@code "}, the delimiter and the line break never occur inside
 * a multi-byte character. A UTF-8 byte order mark at the start of the file is skipped. Never holds more
 * than one record (at most {@code maxRecordBytes}) in memory.
 *
 * <p>The flat-file adapter splits records the same way in {@code adapters-file}; the module direction
 * (data-mapping never depends on a concrete adapter, adapters never on Jackson) keeps two copies, held to
 * the same verdicts by {@code CsvAgreementTest}.
 */
public final class RawRecords implements Closeable {

  /** One record. Exactly one of {@link #text()} and {@link #problem()} is non-null. */
  public record Raw(long line, String text, Problem problem, byte[] bytes) {}

  /** Why a record could not be read: a rule name, a message naming the line, never the content. */
  public record Problem(long line, String rule, String message) {}

  private static final int MAX_LINES_PER_RECORD = 10_000;

  private final InputStream in;
  private final boolean csv;
  private final byte delimiter;
  private final int maxRecordBytes;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private final byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long nextLine = 1;
  private boolean eof;
  private boolean first = true;
  private int decodeErrorAt;

  private record Line(long number, byte[] bytes, byte[] terminator, boolean tooLong) {}

  /**
   * @param in the file, read in blocks
   * @param csv whether quoted fields may span lines
   * @param delimiter the CSV delimiter (ASCII)
   * @param maxRecordBytes the longest record kept; a longer one is rejected and skipped
   */
  public RawRecords(InputStream in, boolean csv, char delimiter, int maxRecordBytes) {
    if (delimiter > 0x7F || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("the CSV delimiter must be an ASCII character other than a quote or a"
          + " line break, was U+" + String.format("%04X", (int) delimiter));
    }
    this.in = in;
    this.csv = csv;
    this.delimiter = (byte) delimiter;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next non-blank record, or null at the end of the file. @throws IOException if reading fails */
  public Raw next() throws IOException {
    Line firstLine;
    do {
      firstLine = physical();
      if (firstLine == null) {
        return null;
      }
    } while (firstLine.bytes().length == 0 && !firstLine.tooLong());
    if (firstLine.tooLong()) {
      return tooLong(firstLine.number());
    }
    List<Line> parts = new ArrayList<>(1);
    parts.add(firstLine);
    if (csv && endsInsideQuotes(firstLine.bytes(), false)) {
      boolean open = true;
      long size = firstLine.bytes().length;
      while (open && parts.size() < MAX_LINES_PER_RECORD && size <= maxRecordBytes) {
        Line more = physical();
        if (more == null) {
          break;
        }
        parts.add(more);
        size += more.bytes().length + more.terminator().length;
        open = more.tooLong() || endsInsideQuotes(more.bytes(), true);
      }
      if (size > maxRecordBytes) {
        return tooLong(firstLine.number());
      }
      if (open) {
        // never closed: only the first line is the reject; the others are read again on their own
        for (int i = parts.size() - 1; i >= 1; i--) {
          pushedBack.push(parts.get(i));
        }
        return new Raw(firstLine.number(), null, new Problem(firstLine.number(), "input:quote",
            "line " + firstLine.number() + ": the quoted field opened on this line is not closed (within "
                + MAX_LINES_PER_RECORD + " lines or before the end of the file); close it and double the"
                + " quotes inside it"), firstLine.bytes());
      }
    }
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < parts.size(); i++) {
      Line l = parts.get(i);
      bytes.writeBytes(l.bytes());
      if (i < parts.size() - 1) {
        bytes.writeBytes(l.terminator());
      }
    }
    if (csv) {
      byte[] all = bytes.toByteArray();
      int stray = strayQuote(all);
      if (stray >= 0) {
        long line = firstLine.number();
        int lineStart = 0;
        for (int i = 0; i < stray; i++) {
          if (all[i] == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        return new Raw(firstLine.number(), null, new Problem(line, "input:csv", "line " + line + ": a quote"
            + " inside an unquoted cell or after a closing quote (byte " + (stray - lineStart + 1) + " of the line);"
            + " quote the whole cell and double the quotes inside it"), all);
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      Line l = parts.get(i);
      String decoded = decode(l.bytes());
      if (decoded == null) {
        return new Raw(firstLine.number(), null, new Problem(l.number(), "input:encoding",
            "line " + l.number() + ": byte " + (decodeErrorAt + 1) + " of the line (0x"
                + String.format("%02X", l.bytes()[decodeErrorAt] & 0xFF) + ") is not valid UTF-8; the file must"
                + " be UTF-8: re-export it as UTF-8 or fix the line"), bytes.toByteArray());
      }
      text.append(decoded);
      if (i < parts.size() - 1) {
        text.append(new String(l.terminator(), StandardCharsets.US_ASCII));
      }
    }
    return new Raw(firstLine.number(), text.toString(), null, null);
  }

  private Raw tooLong(long line) {
    return new Raw(line, null, new Problem(line, "input:length", "line " + line + ": the record is longer than "
        + maxRecordBytes + " bytes; it is skipped (split it, or check that the file is really line-based)"),
        new byte[0]);
  }

  private String decode(byte[] bytes) {
    decoder.reset();
    ByteBuffer inBuf = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(inBuf, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      decodeErrorAt = inBuf.position();
      return null;
    }
    out.flip();
    return out.toString();
  }

  /**
   * The index of the first quote that RFC 4180 does not allow (inside an unquoted cell, or text right after
   * a closing quote), or -1. The flat-file adapter rejects the same rows.
   */
  private int strayQuote(byte[] bytes) {
    boolean inside = false;
    boolean fieldStart = true;
    boolean afterClose = false;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (inside) {
        if (b == '"') {
          if (i + 1 < bytes.length && bytes[i + 1] == '"') {
            i++;
          } else {
            inside = false;
            afterClose = true;
          }
        }
      } else if (afterClose) {
        if (b != delimiter) {
          return i;
        }
        afterClose = false;
        fieldStart = true;
      } else if (b == '"') {
        if (!fieldStart) {
          return i;
        }
        inside = true;
        fieldStart = false;
      } else {
        fieldStart = b == delimiter;
      }
    }
    return -1;
  }

  /**
   * Whether a line ends inside a quoted field. As RFC 4180 says, a quote opens a quoted field only at the
   * start of a field; a stray quote inside an unquoted field must not swallow the following lines.
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

  private Line physical() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    if (eof) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    boolean tooLong = false;
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
      if (!tooLong && line.size() + (pos - lineStart) > maxRecordBytes + 1) {
        tooLong = true;
        line.reset();
      }
      if (!tooLong) {
        line.write(buffer, lineStart, pos - lineStart);
      }
      if (pos < limit) {
        pos++;
        return line(line.toByteArray(), true, tooLong);
      }
    }
    eof = true;
    if (line.size() == 0 && !tooLong) {
      return null;
    }
    return line(line.toByteArray(), false, tooLong);
  }

  private Line line(byte[] content, boolean broken, boolean tooLong) {
    if (first) {
      first = false;
      if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
          && (content[2] & 0xFF) == 0xBF) {
        content = java.util.Arrays.copyOfRange(content, 3, content.length);
      }
    }
    byte[] terminator = broken ? new byte[] {'\n'} : new byte[0];
    if (broken && content.length > 0 && content[content.length - 1] == '\r') {
      content = java.util.Arrays.copyOf(content, content.length - 1);
      terminator = new byte[] {'\r', '\n'};
    }
    return new Line(nextLine++, content, terminator, tooLong);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
