package io.modelbridge.adapters.tck.guide;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import java.util.Map;
import java.util.TreeMap;

/** The vendor guide's example: the plugin's own conformance test. */
class ContactsConformanceTest extends AdapterConformanceTest {

  private final Map<String, String> directory = new TreeMap<>(Map.of("c1", "Ada Lovelace", "c2", "Alan Turing"));

  @Override
  protected SystemAdapterProvider provider() {
    return new ContactsProvider();
  }

  @Override
  protected AdapterConfig config() {
    return AdapterConfig.builder("acme").object("directory", directory).build();
  }

  @Override
  protected TestSystem testSystem() {
    return new TestSystem() {
      @Override
      public OperationRequest sampleRequest(OperationDescriptor operation, SystemAdapter adapter) {
        return operation.name().equals("contact.get")
            ? OperationRequest.of("contact.get", Map.of("id", "c1"))
            : OperationRequest.of("contact.query", Map.of("namePrefix", "A"));
      }

      @Override
      public String snapshot() {
        return directory.toString();
      }

      @Override
      public Map<String, Object> absentKey(EntitySchema entity) {
        return Map.of("id", "no-such-contact");
      }
    };
  }
}
