package io.modelbridge.security.audit.internal;

import io.modelbridge.security.audit.AnchorStore;
import io.modelbridge.security.audit.AuditException;
import io.modelbridge.security.audit.AuditStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** JSON-lines file; one write and at most one {@code force} per batch. */
public final class FileAuditStore implements AuditStore {

  private final Path file;
  private final boolean fsync;
  private FileChannel channel;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

  /**
   * Opens lazily, on first use.
   *
   * @param file the log file
   * @param fsync whether each batch is forced to disk
   */
  public FileAuditStore(Path file, boolean fsync) {
    this.file = file;
    this.fsync = fsync;
  }

  private FileChannel channel() {
    if (channel == null) {
      try {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
        long size = ch.size();
        if (size > 0) {
          ByteBuffer last = ByteBuffer.allocate(1);
          ch.read(last, size - 1);
          if (last.get(0) != '\n') {
            ch.close();
            throw new AuditException("audit log " + file + " ends with a torn entry (no newline after byte "
                + size + "): the writer crashed mid-write or the file was cut. Run 'modelbridge audit verify "
                + file + "' and move the partial last line aside before appending again");
          }
        }
        ch.position(size);
        channel = ch;
      } catch (IOException e) {
        throw new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
      }
    }
    return channel;
  }

  @Override
  public Optional<byte[]> lastLine() {
    FileChannel ch = channel();
    try {
      long size = ch.size();
      if (size == 0) {
        return Optional.empty();
      }
      int window = 4096;
      while (true) {
        long start = Math.max(0, size - 1 - window);
        ByteBuffer b = ByteBuffer.allocate((int) (size - 1 - start));
        while (b.hasRemaining() && ch.read(b, start + b.position()) >= 0) {
          // read the whole window
        }
        byte[] bytes = b.array();
        for (int i = bytes.length - 1; i >= 0; i--) {
          if (bytes[i] == '\n') {
            return Optional.of(Arrays.copyOfRange(bytes, i + 1, bytes.length));
          }
        }
        if (start == 0) {
          return Optional.of(bytes);
        }
        if (window > AuditStore.MAX_LINE_BYTES) {
          throw new AuditException("the last line of audit log " + file + " is longer than "
              + AuditStore.MAX_LINE_BYTES + " bytes, so it is not an entry; run 'modelbridge audit verify "
              + file + "' before appending");
        }
        window *= 4;
      }
    } catch (IOException e) {
      throw new AuditException("cannot read the tail of audit log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void append(List<byte[]> lines) {
    FileChannel ch = channel();
    int total = 0;
    for (byte[] l : lines) {
      total += l.length;
    }
    if (buffer.capacity() < total) {
      buffer = ByteBuffer.allocateDirect(Math.max(total, buffer.capacity() * 2));
    }
    buffer.clear();
    for (byte[] l : lines) {
      buffer.put(l);
    }
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      if (fsync) {
        ch.force(false);
      }
    } catch (IOException e) {
      throw new AuditException("cannot append to audit log " + file + ": " + e.getMessage()
          + "; the log is unusable until the disk problem is fixed", e);
    }
  }

  @Override
  public void readAll(LineConsumer consumer) {
    try (InputStream in = Files.newInputStream(file)) {
      readLines(in, consumer);
    } catch (IOException e) {
      throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Splits a stream into lines in constant memory: a buffer of {@link AuditStore#MAX_LINE_BYTES} plus one
   * read block. A longer line is skipped up to its newline and reported through
   * {@link LineConsumer#tooLong}; an unterminated last line is reported as such.
   */
  public static void readLines(InputStream in, LineConsumer consumer) throws IOException {
    final int max = AuditStore.MAX_LINE_BYTES;
    byte[] buf = new byte[max + (1 << 16)];
    int filled = 0;
    long skipping = -1; // bytes of an over-long line seen so far, -1 when not inside one
    int n;
    while ((n = in.read(buf, filled, buf.length - filled)) >= 0) {
      int scanFrom = filled;
      filled += n;
      int start = 0;
      for (int i = scanFrom; i < filled; i++) {
        if (buf[i] == '\n') {
          if (skipping >= 0) {
            consumer.tooLong(skipping + i - start, true);
            skipping = -1;
          } else if (i - start > max) {
            consumer.tooLong(i - start, true);
          } else {
            consumer.line(buf, start, i - start, true);
          }
          start = i + 1;
        }
      }
      if (skipping >= 0) {
        skipping += filled - start;
        filled = 0;
        continue;
      }
      if (filled - start > max) {
        skipping = filled - start; // the line cannot be an entry: drop what is held and skip to its end
        filled = 0;
        continue;
      }
      System.arraycopy(buf, start, buf, 0, filled - start);
      filled -= start;
    }
    if (skipping >= 0) {
      consumer.tooLong(skipping, false);
    } else if (filled > max) {
      consumer.tooLong(filled, false);
    } else if (filled > 0) {
      consumer.line(buf, 0, filled, false);
    }
  }

  @Override
  public Optional<AnchorStore> defaultAnchors() {
    return Optional.of(AnchorStore.file(AnchorStore.besideLog(file)));
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.force(true);
        channel.close();
      } catch (IOException e) {
        throw new AuditException("cannot close audit log " + file + ": " + e.getMessage(), e);
      } finally {
        channel = null;
      }
    }
  }

  @Override
  public String toString() {
    return "file " + file + (fsync ? " (fsync per batch)" : " (no fsync)");
  }
}
