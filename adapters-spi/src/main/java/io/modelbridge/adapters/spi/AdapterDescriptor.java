package io.modelbridge.adapters.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an adapter says about itself: the system it docks, its entities and its operations.
 *
 * @param spiVersion the SPI version the adapter was built against (see {@link SpiVersion})
 * @param systemId the id of the docked system instance, unique in a host (for example {@code "erp"})
 * @param kind what kind of system it is
 * @param entities the entities it exposes
 * @param operations the operations it offers; each names one of {@code entities}
 */
public record AdapterDescriptor(
    int spiVersion,
    String systemId,
    SystemKind kind,
    List<EntitySchema> entities,
    List<OperationDescriptor> operations) {

  /** Validates the components: unique names, every operation's entity declared. */
  public AdapterDescriptor {
    Checks.requireText(systemId, "systemId");
    if (!systemId.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          "systemId '" + systemId + "' must be 1 to 32 letters, digits, '_' or '-'");
    }
    Objects.requireNonNull(kind, "kind cannot be null");
    entities = List.copyOf(Objects.requireNonNull(entities, "entities cannot be null"));
    operations = List.copyOf(Objects.requireNonNull(operations, "operations cannot be null"));
    Set<String> entityNames = new HashSet<>();
    for (EntitySchema e : entities) {
      if (!entityNames.add(e.name())) {
        throw new IllegalArgumentException("system '" + systemId + "' declares entity '" + e.name() + "' twice");
      }
    }
    Set<String> opNames = new HashSet<>();
    for (OperationDescriptor op : operations) {
      if (!opNames.add(op.name())) {
        throw new IllegalArgumentException("system '" + systemId + "' declares operation '" + op.name() + "' twice");
      }
      if (!entityNames.contains(op.entity())) {
        throw new IllegalArgumentException("operation '" + op.name() + "' of system '" + systemId
            + "' names entity '" + op.entity() + "', which is not declared; declared: " + entityNames);
      }
    }
  }

  /** The entity with this name, if declared. */
  public Optional<EntitySchema> entity(String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The operation with this name, if declared. */
  public Optional<OperationDescriptor> operation(String name) {
    return operations.stream().filter(o -> o.name().equals(name)).findFirst();
  }
}
