package io.modelbridge.security.audit.internal;

import io.modelbridge.security.audit.AnchorStore;
import io.modelbridge.security.audit.AuditException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Anchor records in a table {@code (pos BIGINT PRIMARY KEY, record VARCHAR(4096))}; one row per append. */
public final class JdbcAnchorStore implements AnchorStore {

  private final DataSource dataSource;
  private final String table;

  /**
   * Creates the table if missing.
   *
   * @throws IllegalArgumentException if the table name is not a plain identifier
   * @throws AuditException if the table cannot be created
   */
  public JdbcAnchorStore(DataSource dataSource, String table) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
    if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("anchor table name must be a plain SQL identifier, was '" + table + "'");
    }
    this.table = table;
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS " + table + " (pos BIGINT PRIMARY KEY, record VARCHAR("
          + FileAnchorStore.MAX_RECORD + ") NOT NULL)");
    } catch (SQLException e) {
      throw new AuditException("cannot create audit anchor table " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void append(String record) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(pos), 0) FROM " + table);
          PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (pos, record) VALUES (?, ?)")) {
        rs.next();
        ps.setLong(1, rs.getLong(1) + 1);
        ps.setString(2, record);
        ps.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditException("cannot write to audit anchor table " + table + ": " + e.getMessage()
          + "; the log stops until the anchors can be written again", e);
    }
  }

  @Override
  public Optional<String> lastRecord() {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT record FROM " + table + " ORDER BY pos DESC LIMIT 1")) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new AuditException("cannot read audit anchor table " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void readAll(Consumer<String> consumer) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM " + table + " ORDER BY pos")) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(rs.getString(1));
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new AuditException("cannot read audit anchor table " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "anchor table " + table;
  }
}
