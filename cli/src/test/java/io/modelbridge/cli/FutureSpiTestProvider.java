package io.modelbridge.cli;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import java.util.List;

/** A plugin built against an SPI newer than this host: {@code adapters list} shows it as rejected. */
public final class FutureSpiTestProvider implements SystemAdapterProvider {

  @Override
  public String type() {
    return "from-the-future";
  }

  @Override
  public String version() {
    return "9.0";
  }

  @Override
  public int spiVersion() {
    return 99;
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of();
  }

  @Override
  public SystemAdapter create(AdapterConfig config) {
    throw new SystemUnavailableException(config.systemId(), "create", "never loaded", null);
  }
}
