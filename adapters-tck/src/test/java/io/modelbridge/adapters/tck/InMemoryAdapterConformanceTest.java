package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.SystemAdapterProvider;

/** The JUnit base class used as a vendor uses it: every check of the correct adapter is a passing test. */
class InMemoryAdapterConformanceTest extends AdapterConformanceTest {

  private final InMemoryAdapter.Store store = new InMemoryAdapter.Store();

  @Override
  protected SystemAdapterProvider provider() {
    return new InMemoryProvider();
  }

  @Override
  protected AdapterConfig config() {
    return AdapterConfig.builder("memory").object("store", store).build();
  }

  @Override
  protected TestSystem testSystem() {
    return new InMemoryTestSystem(store);
  }
}
