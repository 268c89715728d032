/**
 * The HTTP/JSON reference adapter, a plugin like any vendor's: it depends on the SPI, the data path's JSON
 * configuration (modelbridge-json, on Jackson) and Failsafe,
 * and provides {@link io.modelbridge.adapters.spi.SystemAdapterProvider} of type {@code http}.
 */
module io.modelbridge.adapters.http {
  requires transitive io.modelbridge.adapters.spi;
  requires java.net.http;
  requires io.modelbridge.json;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires dev.failsafe.core;

  exports io.modelbridge.adapters.http;

  provides io.modelbridge.adapters.spi.SystemAdapterProvider with io.modelbridge.adapters.http.HttpAdapterProvider;
}
