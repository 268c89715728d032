package io.modelbridge.adapters.http;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The HTTP adapter passes the conformance kit against the loopback CRM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAdapterConformanceTest extends AdapterConformanceTest {

  /** The CRM's customer operations only (the fault endpoints of the other tests have no sample). */
  static final String SPEC = HttpAdapterTest.SPEC.substring(0, HttpAdapterTest.SPEC.indexOf("  - {name: flaky.get"));

  private final CrmServer crm;

  HttpAdapterConformanceTest() {
    try {
      crm = new CrmServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    crm.seed(12);
  }

  @AfterAll
  void stop() {
    crm.close();
  }

  @Override
  protected SystemAdapterProvider provider() {
    return new HttpAdapterProvider();
  }

  @Override
  protected AdapterConfig config() {
    return AdapterConfig.builder("crm")
        .set("baseUrl", crm.baseUrl())
        .set("spec", SPEC)
        .set("retry.delay", "PT0.01S")
        .object("secretProvider", (SecretProvider) name -> Optional.of(CrmServer.TOKEN))
        .build();
  }

  @Override
  protected TestSystem testSystem() {
    return new TestSystem() {
      @Override
      public OperationRequest sampleRequest(OperationDescriptor op, SystemAdapter adapter) {
        return switch (op.kind()) {
          case QUERY -> OperationRequest.of(op.name(), Map.of());
          case GET -> OperationRequest.of(op.name(), Map.of("id", "C003"));
          case DELETE -> OperationRequest.of(op.name(), Map.of("id", "C004"));
          case CREATE -> OperationRequest.of(op.name(), Map.of("id", "N001", "name", "Nouvelle", "city", "Nice"));
          case UPDATE -> {
            String version = adapter.execute(OperationRequest.of("customers.get", Map.of("id", "C005")))
                .toList().get(0).source().version().orElseThrow();
            yield OperationRequest.of(op.name(), Map.of("id", "C005", "city", "Bern")).expecting(version);
          }
          default -> throw new IllegalArgumentException("no sample for " + op.kind());
        };
      }

      @Override
      public String snapshot() {
        return crm.snapshot();
      }

      @Override
      public Map<String, Object> absentKey(EntitySchema entity) {
        return Map.of("id", "NOPE");
      }

      @Override
      public void reset() {
        crm.seed(12);
      }
    };
  }
}
