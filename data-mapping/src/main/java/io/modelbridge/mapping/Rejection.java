package io.modelbridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.adapters.spi.SourceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record that was not delivered, with every reason.
 *
 * @param mapping the name of the mapping that rejected it
 * @param sourceKey the source record's key
 * @param source its provenance, if known
 * @param data the source record as it was received (kept so that it can be replayed after a fix; it may
 *     contain personal data and must be stored as carefully as the source itself)
 * @param violations why; at least one
 * @param origin where the record sat in its input ({@code file:line}) when it was read from a file; kept
 *     in the dead-letter file so that a replayed record without a key is still named by it
 */
public record Rejection(String mapping, String sourceKey, Optional<SourceRef> source, JsonNode data,
    List<Violation> violations, Optional<String> origin) {

  /** Validates the components. */
  public Rejection {
    Objects.requireNonNull(mapping, "mapping cannot be null");
    Objects.requireNonNull(sourceKey, "sourceKey cannot be null");
    Objects.requireNonNull(source, "source cannot be null");
    Objects.requireNonNull(data, "data cannot be null");
    Objects.requireNonNull(origin, "origin cannot be null (use Optional.empty())");
    violations = List.copyOf(violations);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one violation");
    }
  }

  /** A rejection of a record with no known origin. */
  public Rejection(
      String mapping, String sourceKey, Optional<SourceRef> source, JsonNode data, List<Violation> violations) {
    this(mapping, sourceKey, source, data, violations, Optional.empty());
  }

  /** Mapping, key, provenance and violations; never the source data, which may hold personal data. */
  @Override
  public String toString() {
    return "Rejection[mapping=" + mapping + ", sourceKey=" + sourceKey
        + source.map(s -> ", source=" + s.locator() + s.version().map(v -> "@" + v).orElse("")).orElse("")
        + origin.map(o -> ", origin=" + o).orElse("") + ", violations=" + violations + "]";
  }
}
