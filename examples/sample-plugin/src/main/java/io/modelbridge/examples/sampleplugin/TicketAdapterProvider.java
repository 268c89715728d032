package io.modelbridge.examples.sampleplugin;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import java.util.List;

/**
 * The entry point of the sample plugin: adapter type {@code legacy-tickets}, a toy in-memory ticket system
 * standing in for an old help-desk application. Public with a public no-argument constructor and no work in
 * it, as the SPI requires; listed in {@code META-INF/services/io.modelbridge.adapters.spi.SystemAdapterProvider}.
 */
public final class TicketAdapterProvider implements SystemAdapterProvider {

  /** The desk whose tickets the system holds; shown in every ticket. */
  public static final ConfigKey DESK = ConfigKey.optional("desk", ConfigKey.Type.STRING, "HQ",
      "help desk name, stored on every ticket");

  /** Which instance of the legacy system to connect to. */
  public static final ConfigKey INSTANCE = ConfigKey.optional("instance", ConfigKey.Type.STRING, "demo",
      "name of the ticket system instance to connect to");

  /** Creates the provider; does nothing else. */
  public TicketAdapterProvider() {}

  @Override
  public String type() {
    return "legacy-tickets";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  /** Built against this SPI: the compile-time constant is written into this class. */
  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String description() {
    return "Sample plugin: a toy legacy ticket system (in memory)";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of(DESK, INSTANCE);
  }

  @Override
  public SystemAdapter create(AdapterConfig config) {
    return new TicketAdapter(config.systemId(), config.string(DESK).orElse("HQ"),
        LegacyTicketSystem.named(config.string(INSTANCE).orElse("demo")));
  }
}
