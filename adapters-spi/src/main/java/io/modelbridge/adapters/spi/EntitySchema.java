package io.modelbridge.adapters.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An entity a system holds (a table, a resource, a record layout), described well enough for mapping,
 * pseudonymization, staleness and conflict checks.
 *
 * @param name the entity name, unique within the adapter (for example {@code "orders"})
 * @param fields its fields, in order
 * @param keyFields the names of the fields that identify a record, in order; at least one
 * @param versionField the field holding the record's version or etag, used for optimistic concurrency;
 *     empty when the system has none (the adapter then derives a version, for example a row hash)
 * @param description what it is, for the model and for people; may be empty
 */
public record EntitySchema(
    String name,
    List<FieldSchema> fields,
    List<String> keyFields,
    Optional<String> versionField,
    String description) {

  /** Validates the components: unique field names, keys and version field among the fields. */
  public EntitySchema {
    Checks.requireText(name, "entity name");
    fields = List.copyOf(Objects.requireNonNull(fields, "fields cannot be null"));
    keyFields = List.copyOf(Objects.requireNonNull(keyFields, "keyFields cannot be null"));
    Objects.requireNonNull(versionField, "versionField cannot be null (use Optional.empty())");
    Objects.requireNonNull(description, "description cannot be null");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("entity '" + name + "' must have at least one field");
    }
    Set<String> names = new HashSet<>();
    for (FieldSchema f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("entity '" + name + "' declares field '" + f.name() + "' twice");
      }
    }
    if (keyFields.isEmpty()) {
      throw new IllegalArgumentException("entity '" + name + "' must declare at least one key field");
    }
    for (String k : keyFields) {
      if (!names.contains(k)) {
        throw new IllegalArgumentException(
            "entity '" + name + "' key field '" + k + "' is not one of its fields " + names);
      }
    }
    versionField.ifPresent(v -> {
      if (!names.contains(v)) {
        throw new IllegalArgumentException(
            "entity '" + name + "' version field '" + v + "' is not one of its fields " + names);
      }
    });
  }

  /** The field with this name, if declared. */
  public Optional<FieldSchema> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The names of the fields that hold personal data. */
  public Set<String> personalFields() {
    Set<String> out = new java.util.LinkedHashSet<>();
    fields.stream().filter(FieldSchema::personal).forEach(f -> out.add(f.name()));
    return out;
  }

  /**
   * The personal fields as {@link FieldPath}s of a record of this entity (top-level field names).
   *
   * @since 1.1
   */
  public List<FieldPath> personalPaths() {
    return fields.stream().filter(FieldSchema::personal).map(f -> FieldPath.of(f.name())).toList();
  }

  /** This entity as a JSON Schema (draft 2020-12) document. */
  public String jsonSchema() {
    return JsonSchemas.object(name, description, fields, true);
  }
}
