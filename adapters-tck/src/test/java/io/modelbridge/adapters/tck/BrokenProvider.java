package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import java.util.EnumSet;
import java.util.List;

/** The in-memory adapter with every defect switched on; deliberately not registered in META-INF/services. */
public class BrokenProvider implements SystemAdapterProvider {

  @Override
  public String type() {
    return "tck-broken";
  }

  @Override
  public String version() {
    return "0.0.1";
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
    return new InMemoryAdapter(config, EnumSet.allOf(InMemoryAdapter.Defect.class));
  }
}
