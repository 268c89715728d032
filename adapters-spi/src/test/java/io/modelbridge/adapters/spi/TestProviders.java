package io.modelbridge.adapters.spi;

import java.util.List;

/** Providers for the registry tests; public with public constructors, as ServiceLoader needs. */
public final class TestProviders {

  private TestProviders() {}

  /** A plugin that keeps the rules. */
  public static class Good implements SystemAdapterProvider {
    @Override
    public String type() {
      return "good";
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
      return List.of(ConfigKey.required("url", ConfigKey.Type.STRING, "where"));
    }

    @Override
    public SystemAdapter create(AdapterConfig config) {
      throw new SystemUnavailableException(config.systemId(), "open", "no system in this test", null);
    }
  }

  /** Same type as {@link Good}. */
  public static class SameType extends Good {}

  /** Built against a future SPI. */
  public static class FromTheFuture extends Good {
    @Override
    public String type() {
      return "future";
    }

    @Override
    public int spiVersion() {
      return SpiVersion.CURRENT + 1;
    }
  }

  /** Built against an SPI older than the oldest supported. */
  public static class FromThePast extends Good {
    @Override
    public String type() {
      return "past";
    }

    @Override
    public int spiVersion() {
      return SpiVersion.OLDEST_SUPPORTED - 1;
    }
  }

  /** Fails while describing itself. */
  public static class Confused extends Good {
    @Override
    public String type() {
      throw new IllegalStateException("lost its name");
    }
  }

  /** Fails in its constructor. */
  public static class Exploding extends Good {
    public Exploding() {
      throw new IllegalStateException("boom in constructor");
    }
  }
}
