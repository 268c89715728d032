package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import io.modelbridge.samples.SampleDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC adapter passes the conformance kit on H2, with Northwind as the test system. */
class JdbcH2ConformanceTest extends AdapterConformanceTest {

  private static NorthwindTestSystem system;

  @BeforeAll
  static void loadNorthwind() throws SQLException {
    system = new NorthwindTestSystem(new UrlDataSource(SampleDatabases.h2MemoryUrl("jdbc_tck")));
  }

  @Override
  protected SystemAdapterProvider provider() {
    return new JdbcAdapterProvider();
  }

  @Override
  protected AdapterConfig config() {
    return system.config("northwind");
  }

  @Override
  protected TestSystem testSystem() {
    return system;
  }
}
