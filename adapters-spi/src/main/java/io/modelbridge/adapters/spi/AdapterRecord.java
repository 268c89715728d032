package io.modelbridge.adapters.spi;

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
    fields = CompactMaps.copyOf(fields, "field", "; leave an absent value out");
  }

  /** The value of a field, if present. */
  public Optional<Object> get(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  /** The source and the field names, every value masked: a record may hold personal data. */
  @Override
  public String toString() {
    return "AdapterRecord[source=" + source.systemId() + "/" + source.entity() + ", fields="
        + Masking.maskedValues(fields) + "]";
  }
}
