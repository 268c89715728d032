package io.modelbridge.security.audit.internal;

import io.modelbridge.security.audit.AnchorStore;
import io.modelbridge.security.audit.AuditException;
import io.modelbridge.security.audit.AuditStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Anchor records as lines of a file; each append is written and forced on its own. */
public final class FileAnchorStore implements AnchorStore {

  /** Longest anchor record in bytes. */
  public static final int MAX_RECORD = 4096;

  private final Path file;
  private FileChannel channel;

  /** @param file the anchor file, created on the first append */
  public FileAnchorStore(Path file) {
    this.file = Objects.requireNonNull(file, "file cannot be null");
  }

  @Override
  public void append(String record) {
    byte[] bytes = (record + "\n").getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_RECORD + 1 || record.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("an anchor record is one line of at most " + MAX_RECORD + " bytes");
    }
    try {
      if (channel == null) {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
        ch.truncate(endOfLastCompleteRecord(ch));
        ch.position(ch.size());
        channel = ch;
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        channel.write(b);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new AuditException("cannot write the audit anchor file " + file + ": " + e.getMessage()
          + "; the log stops until the anchors can be written again", e);
    }
  }

  /** The size the file has without a torn last record (a crash mid-append leaves one without a newline). */
  private static long endOfLastCompleteRecord(FileChannel ch) throws IOException {
    long size = ch.size();
    long from = Math.max(0, size - MAX_RECORD - 2);
    ByteBuffer tail = ByteBuffer.allocate((int) (size - from));
    while (tail.hasRemaining() && ch.read(tail, from + tail.position()) >= 0) {
      // read the whole tail
    }
    byte[] t = tail.array();
    for (int i = t.length - 1; i >= 0; i--) {
      if (t[i] == '\n') {
        return from + i + 1;
      }
    }
    return from;
  }

  @Override
  public Optional<String> lastRecord() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String[] last = {null};
    readAll(r -> last[0] = r);
    return Optional.ofNullable(last[0]);
  }

  @Override
  public void readAll(Consumer<String> consumer) {
    try (InputStream in = Files.newInputStream(file)) {
      FileAuditStore.readLines(in, new AuditStore.LineConsumer() {
        @Override
        public void line(byte[] buf, int off, int len, boolean terminated) {
          if (terminated) {
            consumer.accept(new String(buf, off, len, StandardCharsets.UTF_8));
          }
        }

        @Override
        public void tooLong(long bytes, boolean terminated) {
          throw new AuditException("the audit anchor file " + file + " holds a line of " + bytes
              + " bytes: it is not an anchor file (records are at most " + MAX_RECORD + " bytes)");
        }
      });
    } catch (IOException e) {
      throw new AuditException("cannot read the audit anchor file " + file + ": " + e.getClass().getSimpleName()
          + " " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new AuditException("cannot close the audit anchor file " + file + ": " + e.getMessage(), e);
      } finally {
        channel = null;
      }
    }
  }

  @Override
  public String toString() {
    return "anchor file " + file;
  }
}
