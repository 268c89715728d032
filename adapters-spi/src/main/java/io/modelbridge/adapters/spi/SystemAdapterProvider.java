package io.modelbridge.adapters.spi;

import java.util.List;

/**
 * The entry point of an adapter plugin, discovered with {@link java.util.ServiceLoader}.
 *
 * <p>A plugin class must be public with a public no-argument constructor, be listed in
 * {@code META-INF/services/io.modelbridge.adapters.spi.SystemAdapterProvider}, and, in a named module,
 * be declared with {@code provides io.modelbridge.adapters.spi.SystemAdapterProvider with ...}. It must
 * not do work in its constructor: the host instantiates every provider on the class path to list them.
 */
public interface SystemAdapterProvider {

  /** The adapter type, unique on a class path (for example {@code "jdbc"}); used in configuration. */
  String type();

  /** The plugin's own version (for example {@code "1.4.2"}), shown by {@code modelbridge adapters list}. */
  String version();

  /**
   * The SPI version this plugin was built against; see {@link SpiVersion}. Every plugin declares it (there is
   * no default, which would report the host's version and make the compatibility check check nothing).
   * Return {@code SpiVersion.CURRENT}: it is a compile-time constant, so the compiler writes the version of
   * the SPI jar you build with into your class, and a later host still sees that number.
   *
   * @since SPI 2 (abstract; SPI 1 had a default)
   */
  int spiVersion();

  /** A one-line description for listings. */
  default String description() {
    return type() + " adapter";
  }

  /** The configuration keys {@link #create} accepts. */
  List<ConfigKey> configKeys();

  /**
   * Creates a connected adapter.
   *
   * @param config validated by the host against {@link #configKeys()} before this is called
   * @throws InvalidAdapterConfigException if a value is unusable (names the key)
   * @throws SystemUnavailableException if the system cannot be reached at all
   */
  SystemAdapter create(AdapterConfig config);
}
