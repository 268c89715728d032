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

  /** Releases the store's resources; idempotent. */
  @Override
  void close();

  /** Receives lines from {@link #readAll}. */
  @FunctionalInterface
  interface LineConsumer {
    /**
     * @param buf holds the line from {@code off}, {@code len} bytes, without the newline; valid only
     *     during the call
     * @param terminated false for a last line that has no newline (torn)
     */
    void line(byte[] buf, int off, int len, boolean terminated);
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
