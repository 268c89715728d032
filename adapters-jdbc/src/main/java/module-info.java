/** The JDBC reference adapter; a plugin of the ModelBridge adapter SPI. */
module io.modelbridge.adapters.jdbc {
  requires transitive io.modelbridge.adapters.spi;
  requires transitive java.sql;

  exports io.modelbridge.adapters.jdbc;

  provides io.modelbridge.adapters.spi.SystemAdapterProvider with io.modelbridge.adapters.jdbc.JdbcAdapterProvider;
}
