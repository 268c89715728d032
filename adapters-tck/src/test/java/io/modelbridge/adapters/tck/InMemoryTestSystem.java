package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fixture of the in-memory store. */
final class InMemoryTestSystem implements TestSystem {

  private final InMemoryAdapter.Store store;

  InMemoryTestSystem(InMemoryAdapter.Store store) {
    this.store = store;
    store.reset();
  }

  @Override
  public OperationRequest sampleRequest(OperationDescriptor operation, SystemAdapter adapter) {
    return switch (operation.kind()) {
      case QUERY -> OperationRequest.of(operation.name(), Map.of("minQty", 15L));
      case GET, DELETE -> OperationRequest.of(operation.name(), Map.of("id", 2L));
      case CREATE -> OperationRequest.of(operation.name(), Map.of("id", 9L, "name", "new", "qty", 5L));
      case UPDATE -> {
        String version = adapter.execute(OperationRequest.of("item.get", Map.of("id", 2L))).toList().get(0)
            .source().version().orElseThrow();
        yield OperationRequest.of(operation.name(), Map.of("id", 2L, "qty", 99L)).expecting(version);
      }
      default -> throw new IllegalArgumentException(operation.kind().toString());
    };
  }

  @Override
  public String snapshot() {
    return store.snapshot();
  }

  @Override
  public Map<String, Object> absentKey(EntitySchema entity) {
    return Map.of("id", 404L);
  }

  @Override
  public void reset() {
    store.reset();
  }

  @Override
  public List<OperationRequest> invalidRequests(OperationDescriptor operation) {
    return operation.name().equals("item.create")
        ? List.of(OperationRequest.of("item.create", Map.of("id", 1L, "name", "dup", "qty", 1L)))
        : List.of();
  }

  @Override
  public Optional<Long> openResources() {
    return Optional.of((long) store.connections.get());
  }

  @Override
  public Optional<Long> count(String entity) {
    return Optional.of((long) store.items.size());
  }
}
