package io.modelbridge.adapters.tck;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import io.modelbridge.json.DataJson;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the adapter contract against a vendor's provider and test system and reports every check.
 *
 * <p>What it checks: the provider is a loadable plugin (public class, public no-argument constructor,
 * registered for {@link ServiceLoader}, compatible SPI version, valid configuration keys); the descriptor
 * is consistent (configured system id, well-formed JSON Schemas, GET/UPDATE/DELETE take the key fields);
 * every operation runs and returns records whose {@link SourceRef} names the system, entity and key and
 * whose values have their declared types; READ operations and dry runs change nothing; an IDEMPOTENT_WRITE
 * applied twice leaves the state of applying it once; bad input is rejected with
 * {@link InputRejectedException} naming the field (unknown, missing, wrongly typed); arguments are coerced
 * by the SPI's rule set ({@link FieldType#coerce}: another form of the same value gives the same records,
 * a form the SPI refuses is rejected naming the field); an absent key gives
 * {@link RecordNotFoundException}; a stale expected version gives {@link VersionConflictException}; record
 * streams close idempotently; after {@link SystemAdapter#close()} execution fails with
 * {@link SystemUnavailableException} and the system's resources are released.
 *
 * <p>A check never stops the run: an unexpected exception fails that check with its type and message.
 */
public final class ConformanceKit {

  /** The argument name the kit adds to prove unknown arguments are rejected. */
  public static final String UNKNOWN_ARGUMENT = "tck_unknown_argument";

  /** The expected version the kit sends to prove stale writes are refused. */
  public static final String STALE_VERSION = "tck-stale-version";

  private final SystemAdapterProvider provider;
  private final AdapterConfig config;
  private final TestSystem system;
  private final List<ConformanceReport.Check> checks = new ArrayList<>();

  private ConformanceKit(SystemAdapterProvider provider, AdapterConfig config, TestSystem system) {
    this.provider = Objects.requireNonNull(provider, "provider cannot be null");
    this.config = Objects.requireNonNull(config, "config cannot be null");
    this.system = Objects.requireNonNull(system, "system cannot be null");
  }

  /**
   * Runs every check. Creates one adapter from {@code config} through an {@link AdapterRegistry} and closes
   * it at the end.
   *
   * @param provider the plugin's provider
   * @param config the configuration of an adapter for the test system
   * @param system the vendor's fixture for that test system
   * @return the report; {@link ConformanceReport#passed()} tells whether the adapter conforms
   */
  public static ConformanceReport run(SystemAdapterProvider provider, AdapterConfig config, TestSystem system) {
    return new ConformanceKit(provider, config, system).runAll();
  }

  private ConformanceReport runAll() {
    String type = safe(provider::type, provider.getClass().getName());
    checkProvider();
    Optional<Long> resourcesBefore = safe(system::openResources, Optional.empty());
    SystemAdapter adapter;
    try {
      AdapterRegistry registry = AdapterRegistry.of(List.of(provider));
      if (!registry.rejected().isEmpty()) {
        fail("adapter: created through the registry", "the registry rejected the provider: "
            + registry.rejected().get(0).reason());
        return new ConformanceReport(type, checks);
      }
      adapter = registry.create(type, config);
      pass("adapter: created through the registry", "created from " + config);
    } catch (Throwable t) {
      fail("adapter: created through the registry", "creating the adapter failed: " + describe(t));
      return new ConformanceReport(type, checks);
    }
    AdapterDescriptor descriptor = null;
    OperationRequest lastSample = null;
    try {
      descriptor = adapter.descriptor();
      checkDescriptor(descriptor);
      check("health: reports UP on the running test system", () -> {
        Health h = adapter.health();
        return h.status() == Health.Status.UP ? ok("UP: " + h.detail())
            : problem("health() reported " + h.status() + " (" + h.detail() + ") on a running test system");
      });
      for (OperationDescriptor op : descriptor.operations()) {
        OperationRequest sample = checkOperation(adapter, descriptor, op);
        if (sample != null && lastSample == null && !op.effect().writes()) {
          lastSample = sample;
        }
      }
      checkCounts(adapter, descriptor);
      checkChangeFeeds(adapter, descriptor);
      checkStreamsClose(adapter, descriptor);
    } catch (Throwable t) {
      fail("adapter: describes itself", "descriptor() failed: " + describe(t));
    } finally {
      checkClose(adapter, descriptor, lastSample, resourcesBefore);
    }
    return new ConformanceReport(type, checks);
  }

  // ---------------------------------------------------------------- provider and descriptor

  private void checkProvider() {
    check("provider: public class with a public no-argument constructor", () -> {
      Class<?> c = provider.getClass();
      if (!Modifier.isPublic(c.getModifiers())) {
        return problem(c.getName() + " is not public; ServiceLoader cannot instantiate it");
      }
      try {
        if (!Modifier.isPublic(c.getConstructor().getModifiers())) {
          return problem(c.getName() + " has no public no-argument constructor");
        }
      } catch (NoSuchMethodException e) {
        return problem(c.getName() + " has no public no-argument constructor; ServiceLoader needs one");
      }
      return ok(c.getName());
    });
    check("provider: registered in META-INF/services", () -> {
      String name = provider.getClass().getName();
      boolean found = ServiceLoader.load(SystemAdapterProvider.class, provider.getClass().getClassLoader())
          .stream().anyMatch(p -> p.type().getName().equals(name));
      return found ? ok(name + " is discoverable")
          : problem(name + " is not listed in META-INF/services/" + SystemAdapterProvider.class.getName()
              + " (and, in a named module, 'provides " + SystemAdapterProvider.class.getName() + " with " + name
              + "')");
    });
    check("provider: SPI version compatible", () -> {
      int v = provider.spiVersion();
      return SpiVersion.isCompatible(v) ? ok("built against SPI " + v + ", host supports "
          + SpiVersion.OLDEST_SUPPORTED + ".." + SpiVersion.CURRENT)
          : problem("built against SPI " + v + " but this SPI supports " + SpiVersion.OLDEST_SUPPORTED + ".."
              + SpiVersion.CURRENT);
    });
    check("provider: configuration keys unique and the test configuration valid", () -> {
      Set<String> names = new HashSet<>();
      for (ConfigKey k : provider.configKeys()) {
        if (!names.add(k.name())) {
          return problem("configuration key '" + k.name() + "' is declared twice");
        }
        if (k.required() && k.defaultValue().isPresent()) {
          return problem("configuration key '" + k.name() + "' is required but also has a default");
        }
      }
      config.validate(provider.configKeys());
      return ok(names.size() + " keys");
    });
  }

  private void checkDescriptor(AdapterDescriptor d) {
    check("descriptor: systemId is the configured one", () -> d.systemId().equals(config.systemId())
        ? ok(d.systemId())
        : problem("descriptor reports systemId '" + d.systemId() + "' but was configured as '"
            + config.systemId() + "'"));
    check("descriptor: SPI version compatible", () -> SpiVersion.isCompatible(d.spiVersion())
        ? ok("SPI " + d.spiVersion())
        : problem("descriptor reports SPI version " + d.spiVersion()));
    check("descriptor: declares entities and operations", () -> d.entities().isEmpty() || d.operations().isEmpty()
        ? problem("an adapter must declare at least one entity and one operation")
        : ok(d.entities().size() + " entities, " + d.operations().size() + " operations"));
    check("descriptor: entity schemas are well-formed JSON Schema", () -> {
      for (EntitySchema e : d.entities()) {
        String p = schemaProblem(e.jsonSchema(), e.fields());
        if (p != null) {
          return problem("entity '" + e.name() + "': " + p);
        }
      }
      return ok("every entity schema parses and lists its fields");
    });
    check("descriptor: operation input schemas are well-formed JSON Schema", () -> {
      for (OperationDescriptor op : d.operations()) {
        String p = schemaProblem(op.inputJsonSchema(), op.input());
        if (p != null) {
          return problem("operation '" + op.name() + "': " + p);
        }
      }
      return ok("every input schema parses and lists its fields");
    });
    check("descriptor: GET, UPDATE and DELETE take the entity's key fields", () -> {
      for (OperationDescriptor op : d.operations()) {
        if (op.kind() == OperationKind.GET || op.kind() == OperationKind.UPDATE
            || op.kind() == OperationKind.DELETE) {
          EntitySchema e = d.entity(op.entity()).orElseThrow();
          for (String k : e.keyFields()) {
            Optional<FieldSchema> in = op.inputField(k);
            if (in.isEmpty() || !in.get().required()) {
              return problem("operation '" + op.name() + "' does not take key field '" + k + "' of entity '"
                  + e.name() + "' as a required input");
            }
          }
        }
      }
      return ok("key fields are inputs");
    });
  }

  @SuppressWarnings("unchecked")
  private static String schemaProblem(String schema, List<FieldSchema> fields) {
    Object parsed;
    try {
      parsed = DataJson.toJava(DataJson.tree(schema));
    } catch (JsonProcessingException e) {
      return "the schema is malformed JSON: " + e.getOriginalMessage() + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr());
    }
    if (!(parsed instanceof Map)) {
      return "the schema is not a JSON object";
    }
    Map<String, Object> root = (Map<String, Object>) parsed;
    if (!"object".equals(root.get("type")) || !(root.get("properties") instanceof Map)) {
      return "the schema must be of type object with properties";
    }
    Map<String, Object> props = (Map<String, Object>) root.get("properties");
    for (FieldSchema f : fields) {
      Object p = props.get(f.name());
      if (!(p instanceof Map) || !f.type().jsonType().equals(((Map<String, Object>) p).get("type"))) {
        return "property '" + f.name() + "' is missing or not of JSON type " + f.type().jsonType();
      }
      Map<String, Object> property = (Map<String, Object>) p;
      if (!f.allowedValues().isEmpty() && !f.allowedValues().equals(property.get("enum"))) {
        return "property '" + f.name() + "' does not publish its allowed values " + f.allowedValues() + " as enum";
      }
      if (!Objects.equals(f.jsonFormat().orElse(null), property.get("format"))) {
        return "property '" + f.name() + "' publishes format " + property.get("format") + "; its field declares "
            + f.jsonFormat().orElse("none");
      }
    }
    if (props.size() != fields.size()) {
      return "the schema has " + props.size() + " properties but " + fields.size() + " fields are declared";
    }
    return null;
  }

  // ---------------------------------------------------------------- operations

  /** Runs the checks of one operation; returns its sample request, or null when there is none. */
  private OperationRequest checkOperation(SystemAdapter adapter, AdapterDescriptor d, OperationDescriptor op) {
    String n = op.name() + ": ";
    OperationRequest sample;
    try {
      system.reset();
      sample = Objects.requireNonNull(system.sampleRequest(op, adapter), "sampleRequest returned null");
    } catch (Throwable t) {
      fail(n + "runs", "the test system gave no sample request: " + describe(t));
      return null;
    }
    boolean read = op.effect() == Effect.READ;
    if (!read) {
      check(n + "dry run changes nothing", () -> {
        String before = system.snapshot();
        adapter.execute(sample.asDryRun()).toList();
        String after = system.snapshot();
        return before.equals(after) ? ok("state unchanged") : problem("a dry run changed the system's state");
      });
    }
    check(n + "runs", () -> {
      String before = system.snapshot();
      List<AdapterRecord> records = adapter.execute(sample).toList();
      String after = system.snapshot();
      if (read) {
        readChangedNothing.put(op.name(), before.equals(after));
      }
      if (op.kind() == OperationKind.GET && records.size() != 1) {
        return problem("GET returned " + records.size() + " records for an existing key; expected exactly 1");
      }
      if ((op.kind() == OperationKind.CREATE || op.kind() == OperationKind.UPDATE) && records.isEmpty()) {
        return problem(op.kind() + " returned no record; it must return the record as written");
      }
      if (op.effect().writes() && before.equals(after)) {
        return problem("the sample " + op.kind() + " reported success but the system's state did not change");
      }
      for (AdapterRecord r : records) {
        String p = recordProblem(d, op, r);
        if (p != null) {
          return problem(p);
        }
      }
      return ok(records.size() + " records, sources and types correct");
    });
    if (read) {
      Boolean unchanged = readChangedNothing.get(op.name());
      if (unchanged == null) {
        fail(n + "READ changes nothing", "not checked because the operation did not run");
      } else if (unchanged) {
        pass(n + "READ changes nothing", "state unchanged");
      } else {
        fail(n + "READ changes nothing", "the READ operation changed the system's state");
      }
    }
    if (op.effect() == Effect.IDEMPOTENT_WRITE) {
      check(n + "applied twice leaves the state of applying it once", () -> {
        system.reset();
        OperationRequest fresh = system.sampleRequest(op, adapter);
        adapter.execute(fresh).toList();
        String once = system.snapshot();
        try {
          adapter.execute(fresh).toList();
        } catch (VersionConflictException | RecordNotFoundException e) {
          // A repeat refused because the first call already took effect is fine: the state is what counts.
        }
        String twice = system.snapshot();
        return once.equals(twice) ? ok("same state") : problem("applying it a second time changed the state again");
      });
    }
    checkRejections(adapter, op, sample);
    if (op.kind() == OperationKind.GET || op.kind() == OperationKind.UPDATE || op.kind() == OperationKind.DELETE) {
      check(n + "absent key -> RecordNotFoundException", () -> {
        system.reset();
        Map<String, Object> args = new LinkedHashMap<>(sample.arguments());
        args.putAll(system.absentKey(d.entity(op.entity()).orElseThrow()));
        OperationRequest req = new OperationRequest(op.name(), args, sample.expectedVersion(), false);
        return expectFailure(adapter, req, RecordNotFoundException.class, null);
      });
    }
    if (op.kind() == OperationKind.UPDATE) {
      check(n + "stale expected version -> VersionConflictException", () -> {
        system.reset();
        OperationRequest fresh = system.sampleRequest(op, adapter).expecting(STALE_VERSION);
        String before = system.snapshot();
        try {
          adapter.execute(fresh).toList();
          return problem("an UPDATE expecting version '" + STALE_VERSION + "' succeeded; it must throw "
              + "VersionConflictException");
        } catch (VersionConflictException e) {
          if (!STALE_VERSION.equals(e.expectedVersion())) {
            return problem("VersionConflictException names expected version '" + e.expectedVersion()
                + "', not the one sent");
          }
          return before.equals(system.snapshot()) ? ok(e.getMessage())
              : problem("the refused UPDATE changed the state");
        }
      });
    }
    safeReset();
    return sample;
  }

  private final Map<String, Boolean> readChangedNothing = new LinkedHashMap<>();

  private void checkRejections(SystemAdapter adapter, OperationDescriptor op, OperationRequest sample) {
    String n = op.name() + ": ";
    check(n + "unknown argument -> InputRejectedException naming it", () -> {
      system.reset();
      Map<String, Object> args = new LinkedHashMap<>(sample.arguments());
      args.put(UNKNOWN_ARGUMENT, "x");
      return expectFailure(adapter, new OperationRequest(op.name(), args, sample.expectedVersion(), false),
          InputRejectedException.class, UNKNOWN_ARGUMENT);
    });
    op.input().stream().filter(FieldSchema::required).filter(f -> sample.arguments().containsKey(f.name()))
        .findFirst().ifPresent(f -> check(n + "missing required argument -> InputRejectedException naming it", () -> {
          system.reset();
          Map<String, Object> args = new LinkedHashMap<>(sample.arguments());
          args.remove(f.name());
          return expectFailure(adapter, new OperationRequest(op.name(), args, sample.expectedVersion(), false),
              InputRejectedException.class, f.name());
        }));
    op.input().stream().filter(f -> sample.arguments().containsKey(f.name())).findFirst()
        .ifPresent(first -> {
          FieldSchema f = op.input().stream()
              .filter(x -> sample.arguments().containsKey(x.name()) && x.type() != FieldType.STRING)
              .findFirst().orElse(first);
          Object wrong = f.type() == FieldType.STRING ? List.of("tck") : "tck-wrong-type";
          check(n + "wrongly typed argument -> InputRejectedException naming it", () -> {
            system.reset();
            Map<String, Object> args = new LinkedHashMap<>(sample.arguments());
            args.put(f.name(), wrong);
            return expectFailure(adapter, new OperationRequest(op.name(), args, sample.expectedVersion(), false),
                InputRejectedException.class, f.name());
          });
        });
    checkCoercion(adapter, op, sample);
    List<OperationRequest> invalid = safe(() -> system.invalidRequests(op), List.of());
    for (int i = 0; i < invalid.size(); i++) {
      OperationRequest req = invalid.get(i);
      check(n + "invalid input #" + (i + 1) + " from the test system -> InputRejectedException", () -> {
        system.reset();
        return expectFailure(adapter, req, InputRejectedException.class, null);
      });
    }
  }

  /**
   * The adapter coerces arguments by the SPI's rule set ({@link FieldType#coerce}): another form of a sample
   * value that the SPI reads as the same value gives the same records, and every form the SPI refuses is
   * rejected naming the field. Writes run as dry runs, so nothing changes.
   */
  private void checkCoercion(SystemAdapter adapter, OperationDescriptor op, OperationRequest sample) {
    List<FieldSchema> typed = op.input().stream().filter(f -> sample.arguments().containsKey(f.name())).toList();
    if (typed.isEmpty()) {
      return;
    }
    check(op.name() + ": arguments coerced as the SPI does (FieldType.coerce)", () -> {
      system.reset();
      OperationRequest base = op.effect().writes() ? sample.asDryRun() : sample;
      List<AdapterRecord> expected = adapter.execute(base).toList();
      int accepted = 0;
      int refused = 0;
      for (FieldSchema f : typed) {
        Object value = sample.arguments().get(f.name());
        for (Object other : equivalentForms(f.type(), value)) {
          if (!f.type().coerce(other).accepted() || !f.type().coerce(other).value().equals(f.type().coerce(value)
              .toOptional().orElse(null))) {
            continue; // the sample value itself is not canonical; nothing to compare
          }
          Map<String, Object> args = new LinkedHashMap<>(sample.arguments());
          args.put(f.name(), other);
          OperationRequest req = new OperationRequest(op.name(), args, base.expectedVersion(), base.dryRun());
          List<AdapterRecord> got;
          try {
            system.reset();
            got = adapter.execute(req).toList();
          } catch (InputRejectedException e) {
            return problem("argument '" + f.name() + "' given as " + form(other) + " was rejected (" + e.getMessage()
                + "); the SPI reads it as the same " + f.type() + " as the sample value, so it must be accepted");
          }
          // A write's result also holds what the system generates on each run (defaults such as now(), a
          // trigger's last_update, a row hash over them): only the values the caller gave must be the same.
          boolean same = op.effect().writes()
              ? sameGivenValues(expected, got, sample.arguments().keySet())
              : sameRecords(expected, got);
          if (!same) {
            return problem("argument '" + f.name() + "' given as " + form(other) + " gave other records than the "
                + "sample value; the SPI reads both as the same " + f.type());
          }
          accepted++;
        }
        for (Object bad : incoercible(f.type())) {
          Map<String, Object> args = new LinkedHashMap<>(sample.arguments());
          args.put(f.name(), bad);
          system.reset();
          Outcome o = expectFailure(adapter, new OperationRequest(op.name(), args, base.expectedVersion(),
              base.dryRun()), InputRejectedException.class, f.name());
          if (!o.passed()) {
            return problem("argument '" + f.name() + "' given as " + form(bad) + ", which the SPI refuses for a "
                + f.type() + ": " + o.message());
          }
          refused++;
        }
      }
      return ok(accepted + " equivalent forms accepted with the same result, " + refused + " refused forms rejected");
    });
  }

  /** Other forms of {@code value} that {@link FieldType#coerce} reads as the same value. */
  private static List<Object> equivalentForms(FieldType type, Object value) {
    return switch (type) {
      case INTEGER -> value instanceof Long n ? List.of(Long.toString(n), BigDecimal.valueOf(n).setScale(1))
          : List.of();
      case DECIMAL -> value instanceof BigDecimal d ? List.of(d.toString()) : List.of();
      case BOOLEAN -> value instanceof Boolean b ? List.of(b.toString()) : List.of();
      case DATE -> value instanceof java.time.LocalDate d ? List.of(d.toString()) : List.of();
      case TIMESTAMP -> value instanceof Instant i
          ? List.of(i.toString(), i.atOffset(java.time.ZoneOffset.ofHours(2)).toString()) : List.of();
      case STRING -> List.of();
    };
  }

  /** Values the SPI refuses for {@code type}: an adapter must reject each, naming the field. */
  private static List<Object> incoercible(FieldType type) {
    return switch (type) {
      case INTEGER -> List.of("42.5", " 7 ", "4e2", 1.5, true);
      case DECIMAL -> List.of("1,5", " 1.5", Double.NaN, true);
      case BOOLEAN -> List.of("yes", "TRUE", 1L);
      case DATE -> List.of("2023-02-30", "31.12.2024", "2024-01-01T00:00:00Z");
      case TIMESTAMP -> List.of("2024-01-01T00:00:00", "2024-02-30T00:00:00Z", 1_704_067_200_000L);
      case STRING -> List.of(42L, true);
    };
  }

  private static String form(Object v) {
    return (v instanceof CharSequence ? "the text \"" + v + "\"" : "the " + v.getClass().getSimpleName() + " " + v);
  }

  private static boolean sameGivenValues(List<AdapterRecord> a, List<AdapterRecord> b, java.util.Set<String> given) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      for (String name : given) {
        if (!java.util.Objects.equals(a.get(i).fields().get(name), b.get(i).fields().get(name))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameRecords(List<AdapterRecord> a, List<AdapterRecord> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      AdapterRecord x = a.get(i);
      AdapterRecord y = b.get(i);
      if (!x.fields().equals(y.fields()) || !x.source().key().equals(y.source().key())
          || !x.source().version().equals(y.source().version())) {
        return false;
      }
    }
    return true;
  }

  private Outcome expectFailure(SystemAdapter adapter, OperationRequest req,
      Class<? extends AdapterException> expected, String field) {
    String before = system.snapshot();
    try {
      List<AdapterRecord> records = adapter.execute(req).toList();
      return problem("succeeded with " + records.size() + " records; expected " + expected.getSimpleName());
    } catch (Throwable t) {
      if (!expected.isInstance(t)) {
        return problem("threw " + describe(t) + "; expected " + expected.getSimpleName());
      }
      if (field != null && !field.equals(((InputRejectedException) t).field())) {
        return problem("InputRejectedException names field '" + ((InputRejectedException) t).field()
            + "'; expected '" + field + "'");
      }
      if (!before.equals(system.snapshot())) {
        return problem("threw " + expected.getSimpleName() + " but changed the state anyway");
      }
      return ok(t.getMessage());
    }
  }

  private static String recordProblem(AdapterDescriptor d, OperationDescriptor op, AdapterRecord r) {
    SourceRef s = r.source();
    if (!s.systemId().equals(d.systemId())) {
      return "a record's source names system '" + s.systemId() + "'; expected '" + d.systemId() + "'";
    }
    if (!s.entity().equals(op.entity())) {
      return "a record's source names entity '" + s.entity() + "'; expected '" + op.entity() + "'";
    }
    EntitySchema e = d.entity(op.entity()).orElseThrow();
    if (!new ArrayList<>(s.key().keySet()).equals(e.keyFields())) {
      return "a record's source key has fields " + s.key().keySet() + "; expected the entity's key fields "
          + e.keyFields();
    }
    for (String k : e.keyFields()) {
      Object inRecord = r.fields().get(k);
      if (inRecord != null && !sameValue(inRecord, s.key().get(k))) {
        return "a record's source key field '" + k + "' does not hold the record's own value of '" + k + "'";
      }
    }
    for (Map.Entry<String, Object> f : r.fields().entrySet()) {
      Optional<FieldSchema> declared = e.field(f.getKey());
      if (declared.isEmpty()) {
        return "a record has field '" + f.getKey() + "', which entity '" + e.name() + "' does not declare";
      }
      Class<?> javaType = declared.get().type().javaType();
      if (!javaType.isInstance(f.getValue())) {
        return "field '" + f.getKey() + "' holds a " + f.getValue().getClass().getName() + "; its type "
            + declared.get().type() + " requires a " + javaType.getName();
      }
      String formatProblem = valueProblem(declared.get(), f.getValue());
      if (formatProblem != null) {
        return "field '" + f.getKey() + "' " + formatProblem;
      }
    }
    if (op.kind() != OperationKind.DELETE) {
      for (FieldSchema f : e.fields()) {
        if (f.required() && !r.fields().containsKey(f.name())) {
          return "a record lacks required field '" + f.name() + "'";
        }
      }
    }
    boolean updatable = d.operations().stream()
        .anyMatch(o -> o.entity().equals(e.name()) && o.kind() == OperationKind.UPDATE);
    if ((updatable || e.versionField().isPresent()) && s.version().isEmpty()
        && op.kind() != OperationKind.DELETE) {
      return "a record of entity '" + e.name() + "', which has a version or can be updated, carries no version";
    }
    if (s.fetchedAt().isAfter(Instant.now().plus(Duration.ofMinutes(1)))) {
      return "a record's fetchedAt " + s.fetchedAt() + " is in the future";
    }
    return null;
  }

  /** Whether a value keeps its field's promise: one of the allowed values, of the declared format. */
  private static String valueProblem(FieldSchema f, Object value) {
    if (!f.allowedValues().isEmpty() && !f.allowedValues().contains(value)) {
      return "holds a value that is not one of its allowed values " + f.allowedValues();
    }
    if (f.format().isEmpty() || !(value instanceof String s)) {
      return null;
    }
    try {
      switch (f.format().get()) {
        case "uuid" -> java.util.UUID.fromString(s);
        case "byte" -> java.util.Base64.getDecoder().decode(s);
        default -> {
          return null;
        }
      }
    } catch (IllegalArgumentException e) {
      return "holds a value that is not of its declared format " + f.format().get();
    }
    return null;
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  // ---------------------------------------------------------------- counts and change feeds

  /** Count conservation: a QUERY without filters streams as many records as the system counts. */
  private void checkCounts(SystemAdapter adapter, AdapterDescriptor d) {
    for (OperationDescriptor op : d.operations()) {
      if (op.kind() != OperationKind.QUERY || op.input().stream().anyMatch(FieldSchema::required)) {
        continue;
      }
      Optional<Long> expected = safe(() -> {
        system.reset();
        return system.count(op.entity());
      }, Optional.empty());
      if (expected.isEmpty()) {
        continue;
      }
      check(op.name() + ": streams as many records as the system counts", () -> {
        long n = 0;
        try (RecordStream s = adapter.execute(OperationRequest.of(op.name(), Map.of()))) {
          while (s.hasNext()) {
            s.next();
            n++;
          }
        }
        return n == expected.get() ? ok(n + " records, as counted")
            : problem("streamed " + n + " records; the system counts " + expected.get());
      });
    }
  }

  /**
   * A SUBSCRIBE operation paged two records at a time, each page after the version of the last record of
   * the one before, delivers the same records, once each and in the same order, as one unpaged poll (the
   * convention: input {@code after} takes a record's version, {@code limit} the page size).
   */
  private void checkChangeFeeds(SystemAdapter adapter, AdapterDescriptor d) {
    for (OperationDescriptor op : d.operations()) {
      if (op.kind() != OperationKind.SUBSCRIBE || op.inputField("after").isEmpty()
          || op.inputField("limit").isEmpty() || op.input().stream().anyMatch(FieldSchema::required)) {
        continue;
      }
      check(op.name() + ": paging by version delivers every record exactly once", () -> {
        system.reset();
        List<Map<String, Object>> all = new ArrayList<>();
        for (AdapterRecord r : adapter.execute(OperationRequest.of(op.name(), Map.of())).toList()) {
          all.add(r.source().key());
        }
        List<Map<String, Object>> paged = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (int page = 0; page <= all.size() + 1; page++) {
          Map<String, Object> args = new LinkedHashMap<>();
          args.put("limit", 2L);
          after.ifPresent(a -> args.put("after", a));
          List<AdapterRecord> records = adapter.execute(OperationRequest.of(op.name(), args)).toList();
          if (records.isEmpty()) {
            break;
          }
          for (AdapterRecord r : records) {
            paged.add(r.source().key());
          }
          Optional<String> next = records.get(records.size() - 1).source().version();
          if (next.isEmpty()) {
            return problem("a change-feed record carries no version to continue after");
          }
          after = next;
        }
        if (new HashSet<>(all).size() != all.size()) {
          return problem("one unpaged poll delivered a record twice");
        }
        return paged.equals(all) ? ok(all.size() + " records in " + (all.size() + 1) / 2 + " pages, each once")
            : problem("paged by 2 it delivered " + paged.size() + " records (" + (paged.size()
                - new HashSet<>(paged).size()) + " repeated); one poll delivered " + all.size());
      });
    }
  }

  // ---------------------------------------------------------------- streams and close

  private void checkStreamsClose(SystemAdapter adapter, AdapterDescriptor d) {
    Optional<OperationDescriptor> query = d.operations().stream()
        .filter(o -> o.kind() == OperationKind.QUERY).findFirst()
        .or(() -> d.operations().stream().filter(o -> o.effect() == Effect.READ).findFirst());
    if (query.isEmpty()) {
      return;
    }
    check("streams: close is idempotent and ends iteration", () -> {
      system.reset();
      RecordStream stream = adapter.execute(system.sampleRequest(query.get(), adapter));
      if (stream.hasNext()) {
        stream.next();
      }
      stream.close();
      stream.close();
      try {
        if (stream.hasNext()) {
          return problem("hasNext() is still true after close(); a closed stream must end");
        }
      } catch (AdapterException | IllegalStateException e) {
        // ending with an exception is fine too
      }
      return ok("closed twice, iteration ended (" + query.get().name() + ")");
    });
  }

  private void checkClose(SystemAdapter adapter, AdapterDescriptor d, OperationRequest sample,
      Optional<Long> resourcesBefore) {
    check("close: idempotent", () -> {
      adapter.close();
      adapter.close();
      return ok("closed twice without error");
    });
    if (d != null) {
      OperationRequest req = sample != null ? sample
          : OperationRequest.of(d.operations().isEmpty() ? "none" : d.operations().get(0).name(), Map.of());
      check("close: execute after close -> SystemUnavailableException", () -> {
        try {
          adapter.execute(req).toList();
          return problem("execute after close() succeeded; it must throw SystemUnavailableException");
        } catch (SystemUnavailableException e) {
          return ok(e.getMessage());
        } catch (Throwable t) {
          return problem("execute after close() threw " + describe(t) + "; expected SystemUnavailableException");
        }
      });
    }
    if (resourcesBefore.isPresent()) {
      check("close: resources released", () -> {
        Optional<Long> after = system.openResources();
        return after.equals(resourcesBefore) ? ok("open resources back to " + resourcesBefore.get())
            : problem("the test system held " + resourcesBefore.get() + " resources before the adapter was created"
                + " and " + after.map(String::valueOf).orElse("?") + " after it was closed");
      });
    }
  }

  // ---------------------------------------------------------------- plumbing

  private record Outcome(boolean passed, String message) {}

  private static Outcome ok(String message) {
    return new Outcome(true, message);
  }

  private static Outcome problem(String message) {
    return new Outcome(false, message);
  }

  private interface CheckBody {
    Outcome run() throws Exception;
  }

  private void check(String name, CheckBody body) {
    try {
      Outcome o = body.run();
      checks.add(new ConformanceReport.Check(name, o.passed(), o.message()));
    } catch (Throwable t) {
      checks.add(new ConformanceReport.Check(name, false, "threw " + describe(t)));
    }
  }

  private void pass(String name, String message) {
    checks.add(new ConformanceReport.Check(name, true, message));
  }

  private void fail(String name, String message) {
    checks.add(new ConformanceReport.Check(name, false, message));
  }

  private void safeReset() {
    try {
      system.reset();
    } catch (RuntimeException e) {
      fail("test system: reset", "reset() failed: " + describe(e));
    }
  }

  private static <T> T safe(Supplier<T> s, T fallback) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static String describe(Throwable t) {
    return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
