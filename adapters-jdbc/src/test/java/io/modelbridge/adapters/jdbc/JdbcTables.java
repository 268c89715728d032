package io.modelbridge.adapters.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;

/** What the JDBC test systems ask of their database directly: row counts and a digest of table contents. */
final class JdbcTables {

  private JdbcTables() {}

  /** {@code SELECT COUNT(*)} of {@code table} (a trusted, test-defined name). */
  static long count(DataSource dataSource, String table) {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table, e);
    }
  }

  /** A SHA-256 over every row of each table (name to ORDER BY columns), in that order. */
  static String snapshot(DataSource dataSource, Map<String, String> tablesAndOrder) {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> t : tablesAndOrder.entrySet()) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + t.getKey() + " ORDER BY " + t.getValue())) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              digest.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
              digest.update((byte) 0);
            }
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (SQLException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("snapshot failed", e);
    }
  }
}
