package io.modelbridge.mapping.freshness;

import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.VersionConflictException;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.mapping.Mapping;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses write-backs based on stale data. Before writing, it reads the record's current version through the
 * adapter's GET operation and compares it with the version the canonical entity was read at (its
 * {@link SourceRef}); the write itself also carries that version, so a change between the check and the
 * write is refused by the adapter's optimistic concurrency too. Either way the caller gets a
 * {@link WriteConflictException} naming both versions.
 *
 * <p>Thread-safe if the adapter is (adapters must be).
 */
public final class WriteBackGuard {

  private final SystemAdapter adapter;
  private final String getOperation;

  /**
   * @param adapter the system the entity came from
   * @param getOperation the adapter's GET operation for the entity (for example {@code customers.get});
   *     called with the source key fields as arguments
   */
  public WriteBackGuard(SystemAdapter adapter, String getOperation) {
    this.adapter = Objects.requireNonNull(adapter, "adapter cannot be null");
    this.getOperation = Objects.requireNonNull(getOperation, "getOperation cannot be null");
  }

  /**
   * The version the system holds now.
   *
   * @return empty if the record no longer exists
   * @throws ModelBridgeException if the entity has no source
   * @throws io.modelbridge.adapters.spi.AdapterException if the adapter fails
   */
  public Optional<String> currentVersion(CanonicalEntity basedOn) {
    SourceRef ref = source(basedOn);
    try (RecordStream s = adapter.execute(OperationRequest.of(getOperation, ref.key()))) {
      if (!s.hasNext()) {
        return Optional.empty();
      }
      return s.next().source().version();
    } catch (RecordNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks that the record is still at the version the entity was read at.
   *
   * @throws WriteConflictException if it changed or was deleted
   * @throws ModelBridgeException if the entity carries no source version (nothing to guard with)
   */
  public void check(CanonicalEntity basedOn) {
    SourceRef ref = source(basedOn);
    String version = version(ref);
    Optional<String> current = currentVersion(basedOn);
    if (current.isEmpty() || !current.get().equals(version)) {
      throw new WriteConflictException(ref.locator(), version, current.orElse(null), null);
    }
  }

  /**
   * Checks freshness, then writes the entity's reverse-mapped fields with the adapter's UPDATE operation,
   * expecting the version the entity was read at. Only fields the operation declares as inputs are sent
   * (with the key from the entity's source), converted to the Java type of their declared field type;
   * nested source paths are not sent, since adapter arguments are flat.
   *
   * @param basedOn the entity as read (with its version) and changed by the caller
   * @param mapping the mapping that produced it; its reverse gives the source fields to write
   * @param updateOperation the adapter's UPDATE operation (for example {@code customers.update})
   * @return the record as written, with its new version
   * @throws WriteConflictException if the record changed since it was read (found by the guard or by the
   *     adapter), naming the version the decision was based on and the current one
   * @throws io.modelbridge.adapters.spi.AdapterException for other adapter failures
   */
  public AdapterRecord write(CanonicalEntity basedOn, Mapping mapping, String updateOperation) {
    Objects.requireNonNull(mapping, "mapping cannot be null");
    Objects.requireNonNull(updateOperation, "updateOperation cannot be null");
    check(basedOn);
    SourceRef ref = source(basedOn);
    String version = version(ref);
    OperationDescriptor op = adapter.descriptor().operation(updateOperation).orElseThrow(() ->
        new ModelBridgeException("adapter " + adapter.descriptor().systemId() + " has no operation '"
            + updateOperation + "'; pass the entity's UPDATE operation (for example customers.update)", false));
    Map<String, Object> reversed = new LinkedHashMap<>(mapping.reverse(basedOn));
    reversed.putAll(ref.key());
    Map<String, Object> args = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : reversed.entrySet()) {
      Optional<FieldSchema> input = op.inputField(e.getKey());
      if (input.isPresent() && !(e.getValue() instanceof Map) && !(e.getValue() instanceof List)) {
        args.put(e.getKey(), typed(e.getValue(), input.get().type()));
      }
    }
    try (RecordStream s = adapter.execute(OperationRequest.of(updateOperation, args).expecting(version))) {
      if (!s.hasNext()) {
        throw new ModelBridgeException("adapter returned nothing for " + updateOperation + " of " + ref.locator()
            + "; it must return the record as written", false);
      }
      return s.next();
    } catch (VersionConflictException e) {
      throw new WriteConflictException(ref.locator(), version, e.currentVersion().orElse(null), e);
    }
  }

  /** Canonical values (ISO text for dates and times) as the Java type of the adapter's field type. */
  private static Object typed(Object v, FieldType type) {
    try {
      switch (type) {
        case DATE:
          return v instanceof String ? LocalDate.parse((String) v) : v;
        case TIMESTAMP:
          return v instanceof String ? Instant.parse((String) v) : v;
        case DECIMAL:
          return v instanceof Long ? BigDecimal.valueOf((Long) v) : v instanceof String ? new BigDecimal((String) v) : v;
        case INTEGER:
          return v instanceof BigDecimal ? ((BigDecimal) v).longValueExact()
              : v instanceof String ? Long.parseLong((String) v) : v;
        case BOOLEAN:
          return "true".equals(v) || "false".equals(v) ? Boolean.valueOf((String) v) : v;
        case STRING:
          return v instanceof String ? v : v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
        default:
          return v;
      }
    } catch (java.time.format.DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return v; // the adapter names the field and the expected type when it refuses the value
    }
  }

  private static SourceRef source(CanonicalEntity e) {
    Objects.requireNonNull(e, "entity cannot be null");
    return e.source().orElseThrow(() -> new ModelBridgeException("entity '" + e.entity() + "' key '" + e.key()
        + "' has no source reference; only entities read through an adapter can be written back", false));
  }

  private static String version(SourceRef ref) {
    return ref.version().orElseThrow(() -> new ModelBridgeException(ref.locator()
        + " was read without a version; the adapter must report versions (or row hashes) for guarded"
        + " write-back", false));
  }
}
