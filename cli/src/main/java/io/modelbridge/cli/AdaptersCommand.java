package io.modelbridge.cli;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelbridge adapters list}: the adapter plugins found on the class path and, with
 * {@code --config}, the systems configured there with their operations.
 *
 * <p>Output, one item per line (fields separated by two spaces; descriptions last):
 * <pre>
 * ADAPTER  &lt;type&gt;  version=&lt;v&gt;  spi=&lt;n&gt;  &lt;description&gt;
 *   key  &lt;name&gt;  &lt;TYPE&gt;  required|optional  [default=&lt;v&gt;]  [secret]  &lt;description&gt;
 * REJECTED  &lt;plugin class&gt;  &lt;reason&gt;
 * SYSTEM  &lt;id&gt;  type=&lt;type&gt;  kind=&lt;KIND&gt;  operations=&lt;n&gt;
 *   op  &lt;name&gt;  kind=&lt;KIND&gt;  effect=&lt;EFFECT&gt;  approval=required|none  entity=&lt;entity&gt;  &lt;description&gt;
 *   entity  &lt;name&gt;  fields=&lt;n&gt;  keys=&lt;k1,k2&gt;  &lt;description&gt;
 * SYSTEM  &lt;id&gt;  FAILED  &lt;reason&gt;
 * </pre>
 * Default values of secret keys and configured values are never printed.
 *
 * <p>The configuration file is a properties file: {@code system.<id>.type=<adapter type>} and
 * {@code system.<id>.<key>=<value>} for each key the adapter accepts.
 *
 * <p>Exit codes: 0 everything loaded; 1 a plugin was rejected or a configured system could not be created;
 * 2 the configuration file is unreadable or malformed.
 */
@Command(
    name = "adapters",
    mixinStandardHelpOptions = true,
    description = "Adapter plugins on the class path.",
    subcommands = AdaptersCommand.ListCommand.class)
public final class AdaptersCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code adapters list}; see {@link AdaptersCommand}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List discovered adapter plugins; with --config, create each configured system and list "
          + "its operations.")
  static final class ListCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--config",
        description = "properties file with system.<id>.type=<adapter type> and system.<id>.<key>=<value>")
    Path config;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Map<String, Map<String, String>> systems = Map.of();
      if (config != null) {
        try {
          systems = readSystems(config);
        } catch (IOException | IllegalArgumentException e) {
          err.println("cannot use configuration " + config + ": " + e.getMessage());
          return 2;
        }
      }
      AdapterRegistry registry = AdapterRegistry.discover();
      int exit = 0;
      for (SystemAdapterProvider p : registry.providers().values()) {
        out.println("ADAPTER  " + p.type() + "  version=" + p.version() + "  spi=" + p.spiVersion() + "  "
            + p.description());
        for (ConfigKey k : p.configKeys()) {
          StringBuilder line = new StringBuilder("  key  ").append(k.name()).append("  ").append(k.type())
              .append("  ").append(k.required() ? "required" : "optional");
          if (!k.secret()) {
            k.defaultValue().ifPresent(d -> line.append("  default=").append(d));
          } else {
            line.append("  secret");
          }
          out.println(line.append("  ").append(k.description()));
        }
      }
      if (registry.providers().isEmpty()) {
        out.println("(no adapter plugins on the class path)");
      }
      for (AdapterRegistry.Rejected r : registry.rejected()) {
        out.println("REJECTED  " + r.plugin() + "  " + r.reason());
        exit = 1;
      }
      for (Map.Entry<String, Map<String, String>> s : systems.entrySet()) {
        String id = s.getKey();
        Map<String, String> values = new LinkedHashMap<>(s.getValue());
        String type = values.remove("type");
        if (type == null) {
          out.println("SYSTEM  " + id + "  FAILED  no system." + id + ".type given; types found: "
              + registry.providers().keySet());
          exit = 1;
          continue;
        }
        try (SystemAdapter adapter = registry.create(type, AdapterConfig.builder(id).setAll(values).build())) {
          AdapterDescriptor d = adapter.descriptor();
          out.println("SYSTEM  " + d.systemId() + "  type=" + type + "  kind=" + d.kind() + "  operations="
              + d.operations().size());
          for (OperationDescriptor op : d.operations()) {
            out.println("  op  " + op.name() + "  kind=" + op.kind() + "  effect=" + op.effect()
                + "  approval=" + (op.approvalRequired() ? "required" : "none") + "  entity=" + op.entity()
                + (op.description().isEmpty() ? "" : "  " + op.description()));
          }
          // the entity's description says what the adapter left out and why (for JDBC: columns not exposed)
          for (EntitySchema e : d.entities()) {
            out.println("  entity  " + e.name() + "  fields=" + e.fields().size() + "  keys="
                + String.join(",", e.keyFields()) + (e.description().isEmpty() ? "" : "  " + e.description()));
          }
        } catch (AdapterException | IllegalArgumentException e) {
          // Adapter messages name the key, never its value (values may be credentials).
          out.println("SYSTEM  " + id + "  FAILED  " + e.getMessage());
          exit = 1;
        }
      }
      out.flush();
      return exit;
    }

    /** Groups {@code system.<id>.<key>} entries by id, in id order. */
    static Map<String, Map<String, String>> readSystems(Path file) throws IOException {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      }
      Map<String, Map<String, String>> out = new TreeMap<>();
      for (String name : new TreeMap<>(toMap(props)).keySet()) {
        String[] parts = name.split("\\.", 3);
        if (parts.length < 3 || !parts[0].equals("system") || parts[1].isBlank() || parts[2].isBlank()) {
          throw new IllegalArgumentException("key '" + name
              + "' is not of the form system.<id>.type or system.<id>.<key>");
        }
        out.computeIfAbsent(parts[1], k -> new LinkedHashMap<>()).put(parts[2], props.getProperty(name));
      }
      return out;
    }

    private static Map<String, String> toMap(Properties props) {
      Map<String, String> m = new LinkedHashMap<>();
      props.stringPropertyNames().forEach(n -> m.put(n, props.getProperty(n)));
      return m;
    }
  }
}
