package io.modelbridge.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The declarative model of a mapping, the one thing both the JSON/YAML file format and the Java builder
 * produce. Compile it with {@link Mapping#compile(MappingSpec)}.
 *
 * @param name the mapping's name (for example {@code northwind-customers}), reported with rejections
 * @param entity the canonical entity it produces (for example {@code customer})
 * @param key the canonical fields that identify an entity, in order; used when a source carries no
 *     {@link io.modelbridge.adapters.spi.SourceRef}, and by reconciliation
 * @param fields the fields, mapped in this order
 * @param rules business rules checked on every mapped entity
 * @param schema the JSON Schema the entity must satisfy: a classpath resource (for example
 *     {@code io/modelbridge/mapping/canonical/customer.schema.json}) or a file path, if any
 */
public record MappingSpec(
    String name, String entity, List<String> key, List<FieldSpec> fields, List<Rule> rules, Optional<String> schema) {

  /** Validates the components. */
  public MappingSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a mapping needs a name");
    }
    if (entity == null || entity.isBlank()) {
      throw new IllegalArgumentException("mapping '" + name + "' needs a target entity");
    }
    key = List.copyOf(Objects.requireNonNull(key, "key cannot be null"));
    fields = List.copyOf(Objects.requireNonNull(fields, "fields cannot be null"));
    rules = List.copyOf(Objects.requireNonNull(rules, "rules cannot be null"));
    Objects.requireNonNull(schema, "schema cannot be null (use Optional.empty())");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("mapping '" + name + "' has no fields");
    }
  }
}
