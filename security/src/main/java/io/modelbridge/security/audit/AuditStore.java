package io.modelbridge.security.audit;

import io.modelbridge.security.audit.internal.FileAuditStore;
import io.modelbridge.security.audit.internal.JdbcAuditStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where audit entries are kept: append-only lines of canonical JSON, in order. The {@link AuditLog} does
 * the chaining and signing; a store only keeps bytes safe. Stores are used by one writer at a time.
 */
public interface AuditStore extends AutoCloseable {

  /**
   * The longest entry line, in bytes without the newline: 1 MiB. {@link AuditLog} refuses to write a longer
   * entry (that one append fails, the log goes on) and the verifier reads at most this much of a line: a
   * longer line is reported at its line number and never loaded, so verification runs in constant memory.
   */
  int MAX_LINE_BYTES = 1 << 20;

  /**
   * The last complete entry line (without newline), to continue the chain after a restart.
   *
   * @throws AuditException if the store's tail is torn (a partial last line) or cannot be read
   */
  Optional<byte[]> lastLine();

  /**
   * Appends entry lines (each ending with a newline) in order. When this returns, the lines are as
   * durable as the store promises (the file store with fsync on: on stable storage).
   *
   * @throws AuditException if the lines cannot be written
   */
  void append(List<byte[]> lines);

  /**
   * Feeds every stored line in storage order, for verification.
   *
   * @throws AuditException if the store cannot be read
   */
  void readAll(LineConsumer consumer);

  /**
   * Where this store's checkpoints are anchored when the {@link AuditLog} builder is not told otherwise: the
   * file store keeps them in {@code <log>.anchors} beside the log ({@link AnchorStore#besideLog}); other
   * stores have no default, so their builder must choose {@link AuditLog.Builder#anchors} or
   * {@link AuditLog.Builder#withoutAnchors}.
   *
   * @since 0.1.0
   */
  default Optional<AnchorStore> defaultAnchors() {
    return Optional.empty();
  }

  /** Releases the store's resources; idempotent. */
  @Override
  void close();

  /** Receives lines from {@link #readAll}. */
  @FunctionalInterface
  interface LineConsumer {
    /**
     * Receives one line of at most {@link #MAX_LINE_BYTES} bytes.
     *
     * @param buf holds the line from {@code off}, {@code len} bytes, without the newline; valid only
     *     during the call
     * @param terminated false for a last line that has no newline (torn)
     */
    void line(byte[] buf, int off, int len, boolean terminated);

    /**
     * Receives, in its place, a line longer than {@link #MAX_LINE_BYTES}; its bytes were skipped, not loaded.
     * By default reading stops with an {@link AuditException}.
     *
     * @param bytes how long the line is (without the newline)
     * @param terminated false if it is the last line and has no newline
     * @throws AuditException by default
     */
    default void tooLong(long bytes, boolean terminated) {
      throw new AuditException("an audit line of " + bytes + " bytes is longer than the limit of "
          + MAX_LINE_BYTES + " bytes: it is not an entry; run 'modelbridge audit verify' to locate it");
    }
  }

  /**
   * The durable default: a JSON-lines file, fsync ({@code FileChannel.force}) once per batch of appends.
   *
   * @param file the log file; created if missing
   * @throws AuditException if the file cannot be opened or its last line is torn
   */
  static AuditStore file(Path file) {
    return new FileAuditStore(file, true);
  }

  /**
   * A JSON-lines file; with {@code fsync} false, appends are handed to the operating system but not
   * forced to disk (a power loss may lose the last batches; a process crash does not).
   *
   * @throws AuditException if the file cannot be opened or its last line is torn
   */
  static AuditStore file(Path file, boolean fsync) {
    return new FileAuditStore(file, fsync);
  }

  /**
   * A table in a relational database (tested on PostgreSQL and H2), created if missing:
   * {@code (pos BIGINT primary key, seq BIGINT, line VARCHAR/TEXT)}. Each batch is one transaction.
   *
   * @param table the table name, letters, digits and underscores only
   * @throws IllegalArgumentException if the table name is not a plain identifier
   * @throws AuditException if the table cannot be created or read
   */
  static AuditStore jdbc(DataSource dataSource, String table) {
    return new JdbcAuditStore(dataSource, table);
  }
}
