package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import java.util.List;
import java.util.Set;

/** The correct in-memory adapter; registered in the test META-INF/services. */
public class InMemoryProvider implements SystemAdapterProvider {

  @Override
  public String type() {
    return "tck-memory";
  }

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of(InMemoryAdapter.STORE);
  }

  @Override
  public SystemAdapter create(AdapterConfig config) {
    return new InMemoryAdapter(config, Set.of());
  }
}
