package io.modelbridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.json.ConfigDocument;
import io.modelbridge.json.ConfigFileException;
import io.modelbridge.mapping.internal.Plan;
import io.modelbridge.mapping.internal.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A compiled mapping from source records to one canonical entity: the entry point of this module.
 *
 * <p>Create it from a file ({@link #load(Path)}, {@link #fromYaml(String)}, {@link #fromJson(String)}, a
 * classpath resource with {@link #loadResource(String)}) or with the fluent {@link #builder(String, String)};
 * both produce the same {@link MappingSpec}. Everything is parsed and checked when the mapping is compiled;
 * mapping a record then only executes the plan: no parsing, no reflection, no shared mutable state. A
 * {@code Mapping} is immutable and thread-safe.
 *
 * <p>Bad records never throw: each one is either {@linkplain MappingOutcome.Delivered delivered} or
 * {@linkplain MappingOutcome.Rejected rejected} with {@link Violation}s naming the key, the field, the rule
 * and the (masked if personal) value.
 *
 * <pre>{@code
 * Mapping m = Mapping.builder("crm-customers", "customer")
 *     .key("customerId")
 *     .field("customerId", f -> f.from("id").required())
 *     .field("name", f -> f.from("contact.name").personal())
 *     .field("creditLimit", f -> f.from("limit").type(ValueType.DECIMAL).locale("de").scale(2))
 *     .rule(Rule.of("limit-positive", "creditLimit >= 0"))
 *     .build();
 * MappingOutcome out = m.map(SourceRecord.of(Map.of("id", "C1", "limit", "1.234,50")));
 * }</pre>
 */
public final class Mapping {

  private final Plan plan;

  private Mapping(Plan plan) {
    this.plan = plan;
  }

  /**
   * Compiles a spec. A schema named in the spec is read from the classpath or, failing that, from the file
   * system.
   *
   * @throws MappingDefinitionException if a path, expression, type, code table or rule is invalid
   */
  public static Mapping compile(MappingSpec spec) {
    return compile(spec, Optional.empty());
  }

  private static Mapping compile(MappingSpec spec, Optional<Path> file) {
    Objects.requireNonNull(spec, "spec cannot be null");
    Optional<String> schema = spec.schema().map(s -> Validator.readSchema(s, file));
    return new Mapping(new Plan(spec, schema));
  }

  /**
   * Compiles a mapping written as JSON.
   *
   * @throws MappingDefinitionException if the text is not JSON or not a valid mapping
   */
  public static Mapping fromJson(String json) {
    return compile(read(ConfigDocument.Format.JSON, json, "(json text)"), Optional.empty());
  }

  /**
   * Compiles a mapping written as YAML.
   *
   * @throws MappingDefinitionException if the text is not YAML or not a valid mapping
   */
  public static Mapping fromYaml(String yaml) {
    return compile(read(ConfigDocument.Format.YAML, yaml, "(yaml text)"), Optional.empty());
  }

  /**
   * Compiles a mapping file: {@code .json} is read as JSON, anything else as YAML (a superset of JSON). A
   * relative {@code schema} is resolved against the file's folder when it is not a classpath resource.
   *
   * @throws MappingDefinitionException if the file cannot be read, is not UTF-8, is not well-formed, has a
   *     duplicate key (the message names the file, the line and the column) or is not a valid mapping
   */
  public static Mapping load(Path file) {
    Objects.requireNonNull(file, "file cannot be null");
    ConfigDocument doc;
    try {
      doc = ConfigDocument.read(file, ConfigDocument.Format.of(file.toString(), ConfigDocument.Format.YAML));
    } catch (ConfigFileException e) {
      throw new MappingDefinitionException("mapping " + e.getMessage(), e);
    }
    return compile(SpecReader.read(doc.tree(), file.toString()), Optional.of(file));
  }

  /**
   * Compiles a mapping shipped on the classpath, for example
   * {@code io/modelbridge/mapping/samples/northwind-customers.yaml}.
   *
   * @throws MappingDefinitionException if the resource does not exist or is not a valid mapping
   */
  public static Mapping loadResource(String resource) {
    try (InputStream in = Mapping.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new MappingDefinitionException("mapping resource '" + resource + "' is not on the classpath");
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return compile(read(ConfigDocument.Format.of(resource, ConfigDocument.Format.YAML), text, resource),
          Optional.empty());
    } catch (IOException e) {
      throw new MappingDefinitionException("cannot read mapping resource '" + resource + "': " + e.getMessage(), e);
    }
  }

  private static MappingSpec read(ConfigDocument.Format format, String text, String origin) {
    JsonNode tree;
    try {
      tree = ConfigDocument.parse(text, origin, format).tree();
    } catch (ConfigFileException e) {
      throw new MappingDefinitionException("mapping " + e.getMessage(), e);
    }
    return SpecReader.read(tree, origin);
  }

  /** A fluent builder for a mapping named {@code name} that produces {@code entity}. */
  public static Builder builder(String name, String entity) {
    return new Builder(name, entity);
  }

  /** A builder preset with this mapping's spec, to derive a changed mapping. */
  public Builder toBuilder() {
    MappingSpec s = spec();
    Builder b = new Builder(s.name(), s.entity());
    b.key.addAll(s.key());
    b.fields.addAll(s.fields());
    b.rules.addAll(s.rules());
    b.schema = s.schema();
    return b;
  }

  /** The spec this mapping was compiled from. */
  public MappingSpec spec() {
    return plan.spec();
  }

  /** The mapping's name. */
  public String name() {
    return plan.spec().name();
  }

  /**
   * A copy of this mapping in which every field read from a source field that the adapter declares personal
   * ({@link io.modelbridge.adapters.spi.FieldSchema#personal()}) is personal too, so its values are masked
   * in violations. Use it with the {@link io.modelbridge.adapters.spi.EntitySchema} from the adapter's
   * descriptor.
   *
   * @throws MappingDefinitionException if the schema named by the mapping can no longer be read
   */
  public Mapping withSourcePersonalFields(io.modelbridge.adapters.spi.EntitySchema sourceEntity) {
    Objects.requireNonNull(sourceEntity, "sourceEntity cannot be null");
    List<io.modelbridge.adapters.spi.FieldPath> personal = sourceEntity.personalPaths();
    List<FieldSpec> fields = new ArrayList<>();
    for (FieldSpec f : spec().fields()) {
      // the descriptor names fields as the system reports them (upper case on H2): compared ignoring case
      boolean fromPersonal = f.source().map(src -> personalSource(personal, src)).orElse(false);
      fields.add(fromPersonal && !f.personal() ? f.toBuilder().personal().build() : f);
    }
    MappingSpec s = spec();
    return compile(new MappingSpec(s.name(), s.entity(), s.key(), fields, s.rules(), s.schema()));
  }

  private static boolean personalSource(List<io.modelbridge.adapters.spi.FieldPath> personal, String source) {
    io.modelbridge.adapters.spi.FieldPath src;
    try {
      src = io.modelbridge.adapters.spi.FieldPath.parse(source);
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (io.modelbridge.adapters.spi.FieldPath p : personal) {
      if (p.covers(src) || p.toString().equalsIgnoreCase(src.toString())
          || (src.depth() > 0 && src.segment(0) instanceof String head && p.toString().equalsIgnoreCase(head))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The canonical field paths marked personal (by the mapping, by its schema's {@code x-personal}, or by
   * the adapter's descriptor through {@link #withSourcePersonalFields}), in the syntax of
   * {@link io.modelbridge.adapters.spi.FieldPath}.
   */
  public java.util.Set<String> personalFields() {
    return plan.personal();
  }

  /** Maps one record. Never throws for bad data; pure and thread-safe. */
  public MappingOutcome map(SourceRecord record) {
    Objects.requireNonNull(record, "record cannot be null");
    return plan.map(record);
  }

  /** Maps a record read through an adapter; the entity keeps its {@link io.modelbridge.adapters.spi.SourceRef}. */
  public MappingOutcome map(AdapterRecord record) {
    return plan.map(SourceRecord.of(record));
  }

  /** Maps a plain map. */
  public MappingOutcome map(Map<String, ?> record) {
    return plan.map(SourceRecord.of(record));
  }

  /** Maps a JSON tree. */
  public MappingOutcome map(JsonNode record) {
    return plan.map(SourceRecord.of(record));
  }

  /**
   * Maps a batch held in memory.
   *
   * @return every delivered entity and every rejection; counts add up
   */
  public BatchResult mapAll(Iterable<SourceRecord> records) {
    List<CanonicalEntity> delivered = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (SourceRecord r : records) {
      MappingOutcome o = plan.map(r);
      if (o instanceof MappingOutcome.Delivered) {
        delivered.add(((MappingOutcome.Delivered) o).entity());
      } else {
        rejected.add(((MappingOutcome.Rejected) o).rejection());
      }
    }
    return new BatchResult(delivered, rejected,
        new Counts(delivered.size() + (long) rejected.size(), delivered.size(), rejected.size()));
  }

  /**
   * Maps a stream of any length in constant memory: each delivered entity goes to {@code delivered}, each
   * rejection to {@code rejected} (for example a {@link FileDeadLetterSink}).
   *
   * <p>A {@link RecordFile} is read record by record: a record the file cannot read (bad UTF-8, a CSV row
   * with the wrong number of cells, a line that is not a JSON object) is rejected with its line and reason
   * like any bad record, and the batch goes on.
   *
   * <p>If the iterator itself fails (the source system goes away, a disk error), or a consumer or the sink
   * throws, the exception propagates: records read so far have all been passed on, and the caller can
   * resume (or, writing to files, discard the partial output: see {@link EntityFile}).
   *
   * @return the counts; {@code in == delivered + rejected}
   */
  public Counts mapStream(Iterator<SourceRecord> records, Consumer<CanonicalEntity> delivered, DeadLetterSink rejected) {
    Objects.requireNonNull(records, "records cannot be null");
    Objects.requireNonNull(delivered, "delivered cannot be null");
    Objects.requireNonNull(rejected, "rejected cannot be null");
    long ok = 0;
    long bad = 0;
    RecordFile file = records instanceof RecordFile ? (RecordFile) records : null;
    while (true) {
      SourceRecord next;
      if (file != null) {
        RecordFile.Item item = file.nextItem();
        if (item == null) {
          break;
        }
        if (item.unreadable() != null) {
          rejected.accept(RecordFile.rejection(name(), item.unreadable()));
          bad++;
          continue;
        }
        next = item.record();
      } else if (records.hasNext()) {
        next = records.next();
      } else {
        break;
      }
      MappingOutcome o = plan.map(next);
      if (o instanceof MappingOutcome.Delivered) {
        delivered.accept(((MappingOutcome.Delivered) o).entity());
        ok++;
      } else {
        rejected.accept(((MappingOutcome.Rejected) o).rejection());
        bad++;
      }
    }
    return new Counts(ok + bad, ok, bad);
  }

  /**
   * Maps an adapter's record stream (closing it at the end), as {@link #mapStream(Iterator, Consumer,
   * DeadLetterSink)}.
   */
  public Counts mapStream(io.modelbridge.adapters.spi.RecordStream records, Consumer<CanonicalEntity> delivered,
      DeadLetterSink rejected) {
    try (records) {
      Iterator<SourceRecord> it = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return records.hasNext();
        }

        @Override
        public SourceRecord next() {
          return SourceRecord.of(records.next());
        }
      };
      return mapStream(it, delivered, rejected);
    }
  }

  /**
   * A lazy view of {@code records} as canonical entities, for consumers that want entities only (such as a
   * {@link io.modelbridge.mapping.reconcile.Reconciler}): each rejected record (and each record a
   * {@link RecordFile} cannot read) goes to {@code rejected} and is skipped, so nothing is lost silently. Single-use, like the iterator it wraps.
   */
  public Iterator<CanonicalEntity> delivered(Iterator<SourceRecord> records, DeadLetterSink rejected) {
    Objects.requireNonNull(records, "records cannot be null");
    Objects.requireNonNull(rejected, "rejected cannot be null");
    return new Iterator<>() {
      private CanonicalEntity next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          SourceRecord record;
          if (records instanceof RecordFile) {
            RecordFile.Item item = ((RecordFile) records).nextItem();
            if (item == null) {
              break;
            }
            if (item.unreadable() != null) {
              rejected.accept(RecordFile.rejection(name(), item.unreadable()));
              continue;
            }
            record = item.record();
          } else if (records.hasNext()) {
            record = records.next();
          } else {
            break;
          }
          MappingOutcome o = plan.map(record);
          if (o instanceof MappingOutcome.Delivered) {
            next = ((MappingOutcome.Delivered) o).entity();
          } else {
            rejected.accept(((MappingOutcome.Rejected) o).rejection());
          }
        }
        return next != null;
      }

      @Override
      public CanonicalEntity next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException("no more delivered entities");
        }
        CanonicalEntity out = next;
        next = null;
        return out;
      }
    };
  }

  /** As {@link #delivered(Iterator, DeadLetterSink)} for an adapter's records; the caller closes the stream. */
  public Iterator<CanonicalEntity> deliveredFrom(io.modelbridge.adapters.spi.RecordStream records,
      DeadLetterSink rejected) {
    Objects.requireNonNull(records, "records cannot be null");
    Iterator<SourceRecord> sources = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public SourceRecord next() {
        return SourceRecord.of(records.next());
      }
    };
    return delivered(sources, rejected);
  }

  /**
   * The reverse mapping for write-back: the entity's reversible fields in source shape (source field paths,
   * source codes, source units). Fields computed by expressions, constants, currency conversions, code
   * tables that are not one-to-one and fields marked {@code writeBack: false} are left out; see
   * {@link #reverseCoverage()}.
   */
  public Map<String, Object> reverse(CanonicalEntity entity) {
    Objects.requireNonNull(entity, "entity cannot be null");
    return plan.reverse(entity);
  }

  /** For each canonical field, whether and where the reverse mapping writes it, or why not. */
  public Map<String, String> reverseCoverage() {
    return plan.reverseCoverage();
  }

  @Override
  public String toString() {
    return "Mapping[" + name() + " -> " + spec().entity() + ", " + spec().fields().size() + " fields]";
  }

  /** Builds a {@link Mapping}; every method returns this builder. */
  public static final class Builder {
    private final String name;
    private final String entity;
    private final List<String> key = new ArrayList<>();
    private final List<FieldSpec> fields = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private Optional<String> schema = Optional.empty();

    private Builder(String name, String entity) {
      this.name = name;
      this.entity = entity;
    }

    /** The canonical key fields, in order. */
    public Builder key(String... fieldNames) {
      key.addAll(List.of(fieldNames));
      return this;
    }

    /** Adds a field configured by {@code config}. */
    public Builder field(String target, Consumer<FieldSpec.Builder> config) {
      FieldSpec.Builder b = FieldSpec.builder(target);
      config.accept(b);
      fields.add(b.build());
      return this;
    }

    /** Adds a field spec. */
    public Builder field(FieldSpec spec) {
      fields.add(Objects.requireNonNull(spec, "spec cannot be null"));
      return this;
    }

    /** Adds a business rule. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule cannot be null"));
      return this;
    }

    /** The JSON Schema (classpath resource or file path) mapped entities must satisfy. */
    public Builder schema(String location) {
      this.schema = Optional.of(location);
      return this;
    }

    /** The spec as configured so far. */
    public MappingSpec spec() {
      return new MappingSpec(name, entity, key, fields, rules, schema);
    }

    /**
     * Compiles the mapping.
     *
     * @throws MappingDefinitionException if the configuration is invalid
     */
    public Mapping build() {
      try {
        return compile(spec());
      } catch (IllegalArgumentException e) {
        throw new MappingDefinitionException("mapping '" + name + "': " + e.getMessage(), e);
      }
    }
  }
}
