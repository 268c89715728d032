package io.modelbridge.samples;

import static io.modelbridge.samples.SampleDatabasesTest.assertCounts;
import static io.modelbridge.samples.SampleDatabasesTest.foreignKeyCount;
import static io.modelbridge.samples.SampleDatabasesTest.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loaders on a real PostgreSQL 14 started by the test (zonky; as root it runs through unshare -U). */
class SampleDatabasesPostgresTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE northwind");
      st.execute("CREATE DATABASE chinook");
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(postgres.getJdbcUrl("postgres", db));
  }

  @Test
  void loadNorthwind_onPostgres_asIs_twice() throws SQLException {
    try (Connection c = connect("northwind")) {
      SampleDatabases.loadNorthwind(c);
      SampleDatabases.loadNorthwind(c);
      assertCounts(c, Map.of("orders", 830, "order_details", 2155, "customers", 91, "products", 77,
          "employees", 9, "us_states", 51));
      assertThat(primaryKey(c, "order_details")).containsExactly("order_id", "product_id");
      assertThat(foreignKeyCount(c)).isEqualTo(13);
    }
  }

  @Test
  void loadChinook_onPostgres_intoTheCurrentDatabase_twice() throws SQLException {
    try (Connection c = connect("chinook")) {
      SampleDatabases.loadChinook(c);
      SampleDatabases.loadChinook(c);
      assertCounts(c, Map.of("customer", 59, "invoice", 412, "invoice_line", 2240, "track", 3503,
          "playlist_track", 8715, "employee", 8));
      assertThat(primaryKey(c, "invoice_line")).containsExactly("invoice_line_id");
      assertThat(foreignKeyCount(c)).isEqualTo(11);
    }
  }
}
