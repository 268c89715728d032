package io.modelbridge.adapters.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from or written to a system, with its source.
 *
 * <p>Field values have the Java type of their {@link FieldType}; a field with no value (SQL {@code NULL},
 * JSON {@code null}, an empty fixed-width column declared optional) is absent from {@link #fields()}.
 *
 * @param source where the record came from
 * @param fields the field values by name, in the entity's order; unmodifiable
 */
public record AdapterRecord(SourceRef source, Map<String, Object> fields) {

  /** Validates the components and keeps the field order. */
  public AdapterRecord {
    Objects.requireNonNull(source, "source cannot be null");
    Objects.requireNonNull(fields, "fields cannot be null");
    var ordered = new LinkedHashMap<String, Object>();
    fields.forEach((k, v) -> ordered.put(
        Objects.requireNonNull(k, "field name cannot be null"),
        Objects.requireNonNull(v, () -> "field '" + k + "' cannot be null; leave an absent value out")));
    fields = Collections.unmodifiableMap(ordered);
  }

  /** The value of a field, if present. */
  public Optional<Object> get(String field) {
    return Optional.ofNullable(fields.get(field));
  }
}
