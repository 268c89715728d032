package io.modelbridge.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text as lines in bounded memory: each chunk is a whole line (without its {@code \n}) or, for a line
 * longer than the limit, a piece of exactly {@code limit} characters; the pieces of one line come in order,
 * the last one ending the line. Memory is the limit plus a fixed read buffer, whatever the input.
 */
final class BoundedLineReader {

  /**
   * A chunk of the input.
   *
   * @param text the characters (no {@code \n})
   * @param start offset of the first character in the whole input, in UTF-16 code units
   * @param line the line number, from 1
   * @param endsLine whether this chunk is the last of its line
   * @param newline whether the line ended with {@code \n} (false for the last line without one)
   */
  record Chunk(String text, long start, int line, boolean endsLine, boolean newline) {}

  private final Reader in;
  private final int limit;
  private final char[] buf = new char[8192];
  private int pos;
  private int len;
  private long offset;
  private int line = 1;
  private boolean eof;

  BoundedLineReader(Reader in, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("line limit must be positive, was " + limit);
    }
    this.in = in;
    this.limit = limit;
  }

  /** The next chunk, or null at the end of the input. */
  Chunk next() throws IOException {
    StringBuilder b = new StringBuilder();
    long start = offset;
    while (true) {
      if (pos == len) {
        if (eof || (len = in.read(buf)) < 0) {
          eof = true;
          len = 0;
          pos = 0;
          if (b.length() == 0 && start == offset) {
            return null;
          }
          return new Chunk(b.toString(), start, line, true, false);
        }
        pos = 0;
      }
      while (pos < len && b.length() < limit) {
        char c = buf[pos++];
        offset++;
        if (c == '\n') {
          Chunk chunk = new Chunk(b.toString(), start, line, true, true);
          line++;
          return chunk;
        }
        b.append(c);
      }
      if (b.length() == limit) {
        // the line goes on, or its newline is next: look ahead so the piece knows whether it ends the line
        if (pos == len && !eof) {
          int r = in.read(buf);
          if (r < 0) {
            eof = true;
            len = 0;
          } else {
            len = r;
          }
          pos = 0;
        }
        if (pos < len && buf[pos] == '\n') {
          pos++;
          offset++;
          Chunk chunk = new Chunk(b.toString(), start, line, true, true);
          line++;
          return chunk;
        }
        return new Chunk(b.toString(), start, line, pos == len && eof, false);
      }
    }
  }
}
