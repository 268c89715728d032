package io.modelbridge.adapters.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a record came from, so that later stages can check staleness and conflicts.
 *
 * @param systemId the system that holds it
 * @param entity the entity it belongs to
 * @param key the values of the entity's key fields, in key order; unmodifiable
 * @param version the record's version or etag as the system reported it, if it has one
 * @param fetchedAt when the adapter read it
 */
public record SourceRef(
    String systemId, String entity, Map<String, Object> key, Optional<String> version, Instant fetchedAt) {

  /** Validates the components and keeps the key in order. */
  public SourceRef {
    Checks.requireText(systemId, "systemId");
    Checks.requireText(entity, "entity");
    Objects.requireNonNull(key, "key cannot be null");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key of a record of " + systemId + "/" + entity + " must not be empty");
    }
    key = CompactMaps.copyOf(key, "key field", "");
    Objects.requireNonNull(version, "version cannot be null (use Optional.empty())");
    Objects.requireNonNull(fetchedAt, "fetchedAt cannot be null");
  }

  /** The key as one string: the key values joined by {@code '|'} (for example {@code "10248"}). */
  public String keyString() {
    return key.values().stream().map(String::valueOf).collect(Collectors.joining("|"));
  }

  /** {@code system/entity/key}, for messages and logs. */
  public String locator() {
    return systemId + "/" + entity + "/" + keyString();
  }
}
