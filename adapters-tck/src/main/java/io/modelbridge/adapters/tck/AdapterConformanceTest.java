package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The adapter contract as a JUnit 5 test: extend it in the plugin's test sources, and every check of the
 * {@link ConformanceKit} appears as one test, failing with what was wrong and the whole report.
 *
 * <pre>{@code
 * class AcmeErpConformanceTest extends AdapterConformanceTest {
 *   protected SystemAdapterProvider provider() { return new AcmeErpProvider(); }
 *   protected AdapterConfig config() { return AdapterConfig.builder("acme").set("url", server.url()).build(); }
 *   protected TestSystem testSystem() { return new AcmeTestSystem(server); }
 * }
 * }</pre>
 *
 * <p>Start the test system in a {@code @BeforeAll} or {@code @BeforeEach} of the subclass; the methods
 * below are called once per run of the test factory.
 */
public abstract class AdapterConformanceTest {

  /** The provider under test, created as the host would: with its public no-argument constructor. */
  protected abstract SystemAdapterProvider provider();

  /** The configuration of an adapter for the running test system. */
  protected abstract AdapterConfig config();

  /** The fixture for the running test system. */
  protected abstract TestSystem testSystem();

  /** Runs the kit and turns each check into a test. */
  @TestFactory
  Stream<DynamicTest> conformance() {
    ConformanceReport report = ConformanceKit.run(provider(), config(), testSystem());
    return report.checks().stream().map(check -> DynamicTest.dynamicTest(check.name(), () -> {
      if (!check.passed()) {
        throw new AssertionFailedError(check.name() + ": " + check.message() + "\n\n" + report);
      }
    }));
  }
}
