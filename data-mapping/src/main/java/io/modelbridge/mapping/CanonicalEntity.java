package io.modelbridge.mapping;

import io.modelbridge.adapters.spi.SourceRef;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mapped record in canonical shape, with where it came from.
 *
 * <p>Field values are {@link String}, {@link Long}, {@link java.math.BigDecimal}, {@link Boolean}, nested
 * {@link Map}s and {@link java.util.List}s; dates and times are ISO-8601 text. Treat the maps as read-only.
 *
 * @param entity the canonical entity name (for example {@code customer})
 * @param key the entity's key as one string (the source key, or the key fields joined by {@code '|'})
 * @param fields the canonical fields; unmodifiable at the top level
 * @param source the source record's provenance (system, entity, key, version/etag, fetched-at), when the
 *     source carried one (always for records read through an adapter)
 */
public record CanonicalEntity(String entity, String key, Map<String, Object> fields, Optional<SourceRef> source) {

  /** Validates the components. */
  public CanonicalEntity {
    Objects.requireNonNull(entity, "entity cannot be null");
    Objects.requireNonNull(key, "key cannot be null");
    fields = Collections.unmodifiableMap(Objects.requireNonNull(fields, "fields cannot be null"));
    Objects.requireNonNull(source, "source cannot be null (use Optional.empty())");
  }

  /** The value of a top-level field, if present. */
  public Optional<Object> get(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  /** The source version or etag the entity was read at, if the source has versions. */
  public Optional<String> version() {
    return source.flatMap(SourceRef::version);
  }

  /**
   * The entity as one line of JSON: {@code {"entity", "key", "fields", "source": {"system", "entity", "key",
   * "version", "fetchedAt"}}} (source only when known); decimals exact.
   */
  public String toJson() {
    com.fasterxml.jackson.databind.node.ObjectNode o = io.modelbridge.json.DataJson.mapper().createObjectNode();
    o.put("entity", entity);
    o.put("key", key);
    o.set("fields", io.modelbridge.json.DataJson.toNode(fields));
    source.ifPresent(s -> {
      com.fasterxml.jackson.databind.node.ObjectNode src = o.putObject("source");
      src.put("system", s.systemId());
      src.put("entity", s.entity());
      src.set("key", io.modelbridge.json.DataJson.toNode(s.key()));
      s.version().ifPresent(v -> src.put("version", v));
      src.put("fetchedAt", s.fetchedAt().toString());
    });
    return o.toString();
  }

  /** When the source record was read, if known. */
  public Optional<Instant> fetchedAt() {
    return source.map(SourceRef::fetchedAt);
  }

  /** Entity, key and field names, every value masked: an entity may hold personal data. */
  @Override
  public String toString() {
    return "CanonicalEntity[entity=" + entity + ", key=" + io.modelbridge.adapters.spi.Masking.mask(key)
        + ", fields=" + io.modelbridge.adapters.spi.Masking.maskedValues(fields) + "]";
  }
}
