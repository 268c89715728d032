package io.modelbridge.examples.sampleplugin;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import java.util.List;
import java.util.Map;

/** The sample plugin passes the adapter conformance kit, as a vendor's plugin would in its own build. */
class TicketAdapterConformanceTest extends AdapterConformanceTest {

  private static final LegacyTicketSystem SYSTEM = LegacyTicketSystem.named("tck");

  @Override
  protected SystemAdapterProvider provider() {
    return new TicketAdapterProvider();
  }

  @Override
  protected AdapterConfig config() {
    return AdapterConfig.builder("helpdesk").set("instance", "tck").set("desk", "TCK").build();
  }

  @Override
  protected TestSystem testSystem() {
    return new TestSystem() {
      @Override
      public OperationRequest sampleRequest(OperationDescriptor operation, SystemAdapter adapter) {
        switch (operation.name()) {
          case "tickets.get":
            return OperationRequest.of("tickets.get", Map.of("id", 1L));
          case "tickets.byStatus":
            return OperationRequest.of("tickets.byStatus", Map.of("status", "OPEN"));
          case "tickets.close": {
            String version = adapter.execute(OperationRequest.of("tickets.get", Map.of("id", 1L))).toList()
                .get(0).source().version().orElseThrow();
            return OperationRequest.of("tickets.close", Map.of("id", 1L, "resolution", "rollers cleaned"))
                .expecting(version);
          }
          default:
            throw new IllegalArgumentException("no sample for " + operation.name());
        }
      }

      @Override
      public String snapshot() {
        return SYSTEM.snapshot();
      }

      @Override
      public Map<String, Object> absentKey(EntitySchema entity) {
        return Map.of("id", 999_999L);
      }

      @Override
      public void reset() {
        SYSTEM.reset();
      }

      @Override
      public List<OperationRequest> invalidRequests(OperationDescriptor operation) {
        return operation.name().equals("tickets.byStatus")
            ? List.of(OperationRequest.of("tickets.byStatus", Map.of("status", " ")))
            : List.of();
      }
    };
  }
}
