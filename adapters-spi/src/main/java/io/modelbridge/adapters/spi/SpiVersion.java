package io.modelbridge.adapters.spi;

/**
 * The version of this SPI, and the rule that keeps older plugins loading as it grows.
 *
 * <p>The rule: the SPI grows only by adding methods with safe {@code default} implementations (marked
 * {@code @since}), new types, new optional configuration, and new enum constants that callers must
 * tolerate. Such additions raise {@link #CURRENT}. A plugin declares the version it was built against in
 * {@link SystemAdapterProvider#spiVersion()}; the host loads every plugin whose version is at most
 * {@link #CURRENT} and at least {@link #OLDEST_SUPPORTED}, and refuses a plugin built against a newer SPI
 * (it may call methods this host does not have) with an error naming the plugin and both versions.
 * Removing or changing a method is a breaking change and raises {@link #OLDEST_SUPPORTED} as well.
 *
 * <p>History:
 * <ul>
 *   <li>1: the first SPI.
 *   <li>2 (breaking): {@link SystemAdapterProvider#spiVersion()} lost its default, so every plugin declares
 *       the version it was built against (a plugin built against SPI 1 without declaring it would report
 *       this host's version, and one that did not override it no longer links); added
 *       {@link FieldType#coerce(Object)}, {@link OperationDescriptor#bind(java.util.Map)},
 *       {@link ArgumentBinding}, {@link Coercion}, {@link AbstractSystemAdapter} and
 *       {@link InputRejectedException#problems()}. Plugins built against SPI 1 must be rebuilt.
 * </ul>
 */
public final class SpiVersion {

  /** The SPI version of this jar. */
  public static final int CURRENT = 2;

  /** The oldest plugin SPI version this jar still loads. */
  public static final int OLDEST_SUPPORTED = 2;

  private SpiVersion() {}

  /** Whether a plugin built against {@code pluginVersion} can be loaded by this SPI. */
  public static boolean isCompatible(int pluginVersion) {
    return pluginVersion >= OLDEST_SUPPORTED && pluginVersion <= CURRENT;
  }
}
