package io.modelbridge.security.audit.internal;

import io.modelbridge.security.audit.AuditException;
import io.modelbridge.security.audit.AuditStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A table {@code (pos BIGINT PRIMARY KEY, seq BIGINT NOT NULL, line TEXT NOT NULL)}; {@code pos} is the
 * storage order the verifier reads in, assigned by the single writer; each batch is one transaction.
 */
public final class JdbcAuditStore implements AuditStore {

  private final DataSource dataSource;
  private final String table;
  private long nextPos = -1;

  /**
   * Creates the table if missing.
   *
   * @throws IllegalArgumentException if the table name is not a plain identifier
   * @throws AuditException if the table cannot be created
   */
  public JdbcAuditStore(DataSource dataSource, String table) {
    this.dataSource = java.util.Objects.requireNonNull(dataSource, "dataSource cannot be null");
    if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("audit table name must be a plain SQL identifier, was '" + table + "'");
    }
    this.table = table;
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS " + table
          + " (pos BIGINT PRIMARY KEY, seq BIGINT NOT NULL, line VARCHAR(1048576) NOT NULL)");
    } catch (SQLException e) {
      throw new AuditException("cannot create audit table " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> lastLine() {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pos, line FROM " + table + " ORDER BY pos DESC LIMIT 1")) {
      if (!rs.next()) {
        nextPos = 1;
        return Optional.empty();
      }
      nextPos = rs.getLong(1) + 1;
      return Optional.of(rs.getString(2).getBytes(StandardCharsets.UTF_8));
    } catch (SQLException e) {
      throw new AuditException("cannot read the last entry of audit table " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void append(List<byte[]> lines) {
    if (nextPos < 0) {
      lastLine();
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (pos, seq, line) VALUES (?, ?, ?)")) {
        long pos = nextPos;
        for (byte[] l : lines) {
          String line = new String(l, 0, l.length - 1, StandardCharsets.UTF_8);
          ps.setLong(1, pos++);
          ps.setLong(2, seqOf(line));
          ps.setString(3, line);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
        nextPos = pos;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditException("cannot append to audit table " + table + ": " + e.getMessage(), e);
    }
  }

  private static long seqOf(String line) {
    int start = line.indexOf(':') + 1;
    int end = line.indexOf(',', start);
    return Long.parseLong(line.substring(start, end));
  }

  @Override
  public void readAll(LineConsumer consumer) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false); // lets the PostgreSQL driver stream with a cursor
      try (PreparedStatement ps = c.prepareStatement("SELECT line FROM " + table + " ORDER BY pos")) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byte[] b = rs.getString(1).getBytes(StandardCharsets.UTF_8);
            if (b.length > MAX_LINE_BYTES) {
              consumer.tooLong(b.length, true);
            } else {
              consumer.line(b, 0, b.length, true);
            }
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new AuditException("cannot read audit table " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "table " + table;
  }
}
