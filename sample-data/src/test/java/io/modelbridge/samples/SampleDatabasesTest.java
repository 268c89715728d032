package io.modelbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleDatabasesTest {

  private static final Map<String, Integer> NORTHWIND = Map.ofEntries(
      Map.entry("orders", 830), Map.entry("order_details", 2155), Map.entry("customers", 91),
      Map.entry("products", 77), Map.entry("categories", 8), Map.entry("suppliers", 29),
      Map.entry("shippers", 6), Map.entry("employees", 9), Map.entry("employee_territories", 49),
      Map.entry("territories", 53), Map.entry("region", 4), Map.entry("us_states", 51),
      Map.entry("customer_demographics", 0), Map.entry("customer_customer_demo", 0));

  private static final Map<String, Integer> CHINOOK = Map.ofEntries(
      Map.entry("artist", 275), Map.entry("album", 347), Map.entry("track", 3503), Map.entry("genre", 25),
      Map.entry("media_type", 5), Map.entry("playlist", 18), Map.entry("playlist_track", 8715),
      Map.entry("employee", 8), Map.entry("customer", 59), Map.entry("invoice", 412),
      Map.entry("invoice_line", 2240));

  @Test
  void loadNorthwind_onH2_loadsEveryRowWithPrimaryKeys() throws SQLException {
    try (Connection c = DriverManager.getConnection(SampleDatabases.h2MemoryUrl("nw_load"))) {
      SampleDatabases.loadNorthwind(c);
      assertCounts(c, NORTHWIND);
      for (String table : NORTHWIND.keySet()) {
        assertThat(primaryKey(c, table)).as("primary key of %s", table).isNotEmpty();
      }
      assertThat(primaryKey(c, "order_details")).containsExactly("order_id", "product_id");
      assertThat(foreignKeyCount(c)).isEqualTo(13);
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT picture FROM categories WHERE category_id = 1")) {
        rs.next();
        assertThat(rs.getBytes(1)).as("'\\x' is the empty bytea").isEmpty();
      }
    }
  }

  @Test
  void loadNorthwind_twice_leavesTheSameData() throws SQLException {
    try (Connection c = DriverManager.getConnection(SampleDatabases.h2MemoryUrl("nw_twice"))) {
      SampleDatabases.loadNorthwind(c);
      SampleDatabases.loadNorthwind(c);
      assertCounts(c, NORTHWIND);
    }
  }

  @Test
  void loadNorthwind_onH2InDefaultMode_loadsToo() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:nw_default")) {
      SampleDatabases.loadNorthwind(c);
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ORDERS")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(830);
      }
    }
  }

  @Test
  void loadChinook_onH2_loadsEveryRowWithPostgresNames() throws SQLException {
    try (Connection c = DriverManager.getConnection(SampleDatabases.h2MemoryUrl("chinook_load"))) {
      SampleDatabases.loadChinook(c);
      assertCounts(c, CHINOOK);
      for (String table : CHINOOK.keySet()) {
        assertThat(primaryKey(c, table)).as("primary key of %s", table).isNotEmpty();
      }
      assertThat(primaryKey(c, "invoice_line")).containsExactly("invoice_line_id");
      assertThat(foreignKeyCount(c)).isEqualTo(11);
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery(
               "SELECT billing_city, total FROM invoice WHERE invoice_id = 1 AND customer_id = 2")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Stuttgart");
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("1.98");
      }
      SampleDatabases.loadChinook(c);
      assertCounts(c, CHINOOK);
    }
  }

  @Test
  void snakeCase_matchesThePostgresScriptNames() {
    assertThat(SampleDatabases.snakeCase("InvoiceLineId")).isEqualTo("invoice_line_id");
    assertThat(SampleDatabases.snakeCase("IFK_AlbumArtistId")).isEqualTo("ifk_album_artist_id");
    assertThat(SampleDatabases.snakeCase("MediaType")).isEqualTo("media_type");
    assertThat(SampleDatabases.snakeCase("Bytes")).isEqualTo("bytes");
  }

  @Test
  void h2MemoryUrl_rejectsNamesThatWouldChangeTheUrl() {
    assertThatThrownBy(() -> SampleDatabases.h2MemoryUrl("x;INIT=RUNSCRIPT FROM 'evil'"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("databaseName");
  }

  static void assertCounts(Connection c, Map<String, Integer> expected) throws SQLException {
    for (var e : expected.entrySet()) {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + e.getKey())) {
        rs.next();
        assertThat(rs.getInt(1)).as("rows in %s", e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  static List<String> primaryKey(Connection c, String table) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, table)) {
      while (rs.next()) {
        cols.add(rs.getShort("KEY_SEQ") - 1, rs.getString("COLUMN_NAME"));
      }
    }
    return cols;
  }

  static int foreignKeyCount(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.table_constraints "
             + "WHERE constraint_type = 'FOREIGN KEY' AND table_schema = 'public'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
