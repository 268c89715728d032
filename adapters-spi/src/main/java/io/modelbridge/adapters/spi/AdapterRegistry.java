package io.modelbridge.adapters.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The adapter plugins found on a class path (or module path), keyed by {@link SystemAdapterProvider#type()}.
 *
 * <p>Discovery never fails as a whole: a plugin that cannot be instantiated, reports an incompatible SPI
 * version, or repeats a type already found is left out and listed in {@link #rejected()} with the reason.
 */
public final class AdapterRegistry {

  /** A plugin that was found but not loaded, and why. */
  public record Rejected(String plugin, String reason) {}

  private static final System.Logger LOG = System.getLogger(AdapterRegistry.class.getName());

  private final Map<String, SystemAdapterProvider> providers;
  private final List<Rejected> rejected;

  private AdapterRegistry(Map<String, SystemAdapterProvider> providers, List<Rejected> rejected) {
    this.providers = Collections.unmodifiableMap(providers);
    this.rejected = List.copyOf(rejected);
  }

  /** Discovers providers with the thread's context class loader. */
  public static AdapterRegistry discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  /** Discovers providers visible to {@code loader}. */
  public static AdapterRegistry discover(ClassLoader loader) {
    return fromLoader(ServiceLoader.load(SystemAdapterProvider.class, loader));
  }

  /** A registry of the given providers, checked by the same rules as discovery. */
  public static AdapterRegistry of(List<? extends SystemAdapterProvider> providers) {
    Map<String, SystemAdapterProvider> found = new LinkedHashMap<>();
    List<Rejected> rejected = new ArrayList<>();
    providers.forEach(p -> admit(p, found, rejected));
    return new AdapterRegistry(found, rejected);
  }

  private static AdapterRegistry fromLoader(ServiceLoader<SystemAdapterProvider> loader) {
    Map<String, SystemAdapterProvider> found = new LinkedHashMap<>();
    List<Rejected> rejected = new ArrayList<>();
    var it = loader.stream().iterator();
    while (true) {
      ServiceLoader.Provider<SystemAdapterProvider> handle;
      try {
        if (!it.hasNext()) {
          break;
        }
        handle = it.next();
      } catch (ServiceConfigurationError e) {
        rejected.add(new Rejected("(unreadable entry)", e.getMessage()));
        continue;
      }
      SystemAdapterProvider provider;
      try {
        provider = handle.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        rejected.add(new Rejected(handle.type().getName(),
            "could not be instantiated (" + (e.getCause() != null ? e.getCause() : e)
                + "); a provider needs a public no-argument constructor"));
        continue;
      }
      admit(provider, found, rejected);
    }
    rejected.forEach(r -> LOG.log(System.Logger.Level.WARNING,
        "adapter plugin {0} not loaded: {1}", r.plugin(), r.reason()));
    return new AdapterRegistry(found, rejected);
  }

  private static void admit(
      SystemAdapterProvider p, Map<String, SystemAdapterProvider> found, List<Rejected> rejected) {
    String name = p.getClass().getName();
    int v;
    String type;
    try {
      v = p.spiVersion();
      type = p.type();
    } catch (AbstractMethodError e) {
      rejected.add(new Rejected(name, "declares no SPI version: it was built against SPI 1, whose spiVersion() "
          + "had a default, and this host supports " + SpiVersion.OLDEST_SUPPORTED + " to " + SpiVersion.CURRENT
          + "; rebuild the plugin against a newer SPI and implement spiVersion()"));
      return;
    } catch (RuntimeException | LinkageError e) {
      rejected.add(new Rejected(name, "failed to describe itself: " + e));
      return;
    }
    if (!SpiVersion.isCompatible(v)) {
      rejected.add(new Rejected(name, "built against SPI version " + v + " but this host supports "
          + SpiVersion.OLDEST_SUPPORTED + " to " + SpiVersion.CURRENT
          + (v > SpiVersion.CURRENT ? "; upgrade ModelBridge" : "; rebuild the plugin against a newer SPI")));
      return;
    }
    if (found.containsKey(type)) {
      rejected.add(new Rejected(name, "adapter type '" + type + "' is already provided by "
          + found.get(type).getClass().getName() + "; remove one of the two jars"));
      return;
    }
    found.put(type, p);
  }

  /** The loaded providers by type, in discovery order. */
  public Map<String, SystemAdapterProvider> providers() {
    return providers;
  }

  /** The plugins found but not loaded, with reasons. */
  public List<Rejected> rejected() {
    return rejected;
  }

  /** The provider of {@code type}, if loaded. */
  public Optional<SystemAdapterProvider> provider(String type) {
    return Optional.ofNullable(providers.get(type));
  }

  /**
   * Creates an adapter of {@code type}: validates {@code config} against the provider's keys, then asks it.
   *
   * @throws InvalidAdapterConfigException if no provider has that type, or the configuration is wrong
   */
  public SystemAdapter create(String type, AdapterConfig config) {
    Objects.requireNonNull(config, "config cannot be null");
    SystemAdapterProvider p = provider(type).orElseThrow(() -> new InvalidAdapterConfigException(
        config.systemId(), "type", "names adapter type '" + type + "', which is not on the class path; found: "
            + providers.keySet()));
    config.validate(p.configKeys());
    return p.create(config);
  }
}
