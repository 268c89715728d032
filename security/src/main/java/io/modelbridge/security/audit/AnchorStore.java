package io.modelbridge.security.audit;

import io.modelbridge.security.audit.internal.FileAnchorStore;
import io.modelbridge.security.audit.internal.JdbcAnchorStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A second place for the audit log's checkpoints, like the signed tree heads of Certificate Transparency:
 * at every checkpoint the {@link AuditLog} also writes a signed anchor record (the checkpoint's sequence
 * number, its chain hash, whether it closed the log, signed with the checkpoint key) here. Given the same
 * anchors, {@link AuditVerifier} proves that the log still holds every anchored entry with its anchored hash,
 * which is what catches a log cut back to an earlier checkpoint (with or without a reopen).
 *
 * <p>The file store anchors to {@code <log>.anchors} by default ({@link #besideLog}): that catches a log
 * that was cut, restored from an old copy or reopened after a cut, as long as the anchor file was left
 * alone. Against someone who can rewrite both files, keep the anchors where the log's writer cannot rewrite
 * them: another disk or host ({@link #file}), another database ({@link #jdbc}), or ship them with
 * {@link AuditLog.Builder#onCheckpoint} to a WORM store.
 *
 * <p>Records are opaque text lines (at most 4096 characters, no newline) in the order written; one writer
 * at a time.
 */
public interface AnchorStore extends AutoCloseable {

  /**
   * Appends one anchor record durably (the file store forces it to disk).
   *
   * @throws AuditException if it cannot be written
   */
  void append(String record);

  /**
   * The last complete record, to check on open that the log was not cut since.
   *
   * @throws AuditException if the store cannot be read
   */
  Optional<String> lastRecord();

  /**
   * Feeds every complete record in the order written. A record cut by a crash while it was written is not
   * complete and is skipped (its checkpoint is in the log anyway).
   *
   * @throws AuditException if the store cannot be read (for a file: also a missing file)
   */
  void readAll(Consumer<String> consumer);

  /** Releases the store's resources; idempotent. */
  @Override
  void close();

  /**
   * Anchor records in a text file, one per line, each forced to disk; created on the first append. A torn last
   * record (crash mid-write) is dropped before the next append.
   *
   * @param file the anchor file; keep it on another disk or host than the log to resist a rewrite of both
   */
  static AnchorStore file(Path file) {
    return new FileAnchorStore(file);
  }

  /**
   * Anchor records in a database table {@code (pos BIGINT PRIMARY KEY, record VARCHAR(4096))}, created if
   * missing; tested on H2 and PostgreSQL.
   *
   * @param table the table name, letters, digits and underscores only
   * @throws IllegalArgumentException if the table name is not a plain identifier
   * @throws AuditException if the table cannot be created
   */
  static AnchorStore jdbc(DataSource dataSource, String table) {
    return new JdbcAnchorStore(dataSource, table);
  }

  /** The default anchor file of a log file: {@code <log>.anchors} in the same directory. */
  static Path besideLog(Path log) {
    Path name = log.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("the audit log path must name a file, was '" + log + "'");
    }
    return log.resolveSibling(name + ".anchors");
  }
}
