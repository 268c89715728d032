package io.modelbridge.adapters.tck.guide;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import java.util.List;

/** The vendor guide's example plugin: public, with a public no-argument constructor that does no work. */
public class ContactsProvider implements SystemAdapterProvider {

  static final ConfigKey DIRECTORY = ConfigKey.required("directory", ConfigKey.Type.OBJECT,
      "the contact directory, a java.util.Map<String, String> of id to name");

  @Override
  public String type() {
    return "acme-contacts";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of(DIRECTORY);
  }

  @Override
  public SystemAdapter create(AdapterConfig config) {
    @SuppressWarnings("unchecked")
    var directory = (java.util.Map<String, String>) config.object(DIRECTORY, java.util.Map.class).orElseThrow();
    return new ContactsAdapter(config.systemId(), directory);
  }
}
