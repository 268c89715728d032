package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor's test fixture: a disposable instance of the system the adapter docks, and what the
 * conformance kit needs to know about it.
 *
 * <p>The kit assumes the convention that GET, UPDATE and DELETE take the entity's key fields as input fields
 * of the same names (it checks this too).
 */
public interface TestSystem {

  /**
   * A request that must succeed for {@code operation} on the current state: for GET, UPDATE and DELETE one
   * that names an existing record; for UPDATE with the record's current version as expected version (read
   * it through {@code adapter}); for CREATE a record that does not exist yet. A write must change the state
   * (the kit checks that it did), so an UPDATE must set a value different from the current one. Called
   * after {@link #reset()}.
   *
   * @param operation one of the adapter's operations
   * @param adapter the adapter under test, to read current versions
   */
  OperationRequest sampleRequest(OperationDescriptor operation, SystemAdapter adapter);

  /**
   * A digest of the whole state of the test system that the adapter can touch (for example a hash of every
   * row of the tables it exposes). Two calls return the same text exactly when nothing changed.
   */
  String snapshot();

  /** Key field values (by key field name) that match no record of {@code entity}. */
  Map<String, Object> absentKey(EntitySchema entity);

  /**
   * Brings the system back to its initial state; the kit calls it before every check that writes. The
   * default does nothing, which suits systems whose sample writes can be repeated.
   */
  default void reset() {}

  /**
   * Further requests for {@code operation} that the adapter must reject with
   * {@link io.modelbridge.adapters.spi.InputRejectedException} (a value out of range, a bad format). The
   * kit adds its own: an unknown argument, a missing required argument, a value of the wrong type, and for
   * every argument of the sample the forms {@link io.modelbridge.adapters.spi.FieldType#coerce} refuses.
   * The default adds none.
   */
  default List<OperationRequest> invalidRequests(OperationDescriptor operation) {
    return List.of();
  }

  /**
   * A count of the resources the adapter holds in the system (open connections, sessions, file handles),
   * if the system can tell: the kit checks that it is back to its value from before the adapter was
   * created once the adapter is closed. The default cannot tell.
   */
  default Optional<Long> openResources() {
    return Optional.empty();
  }

  /**
   * How many records {@code entity} holds in the system now, counted by the system itself (for a database
   * {@code SELECT COUNT(*)}), if the test system can tell: the kit checks that a QUERY without filters
   * streams exactly that many. The default cannot tell.
   *
   * @since 1.1
   */
  default Optional<Long> count(String entity) {
    return Optional.empty();
  }
}
