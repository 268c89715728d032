package io.modelbridge.adapters.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import org.junit.jupiter.api.Test;

class ConformanceKitTest {

  private static AdapterConfig config(InMemoryAdapter.Store store) {
    return AdapterConfig.builder("memory").object("store", store).build();
  }

  @Test
  void correctAdapter_passesEveryCheck() {
    var store = new InMemoryAdapter.Store();
    ConformanceReport report = ConformanceKit.run(new InMemoryProvider(), config(store), new InMemoryTestSystem(store));

    assertThat(report.failures()).as(report.toString()).isEmpty();
    assertThat(report.checks()).extracting(ConformanceReport.Check::name).contains(
        "item.query: READ changes nothing", "item.update: applied twice leaves the state of applying it once",
        "item.get: absent key -> RecordNotFoundException", "item.update: stale expected version -> VersionConflictException",
        "item.create: dry run changes nothing", "close: execute after close -> SystemUnavailableException",
        "close: resources released", "streams: close is idempotent and ends iteration",
        "item.create: invalid input #1 from the test system -> InputRejectedException",
        "item.query: streams as many records as the system counts");
    assertThat(report.toString()).contains("PASS  item.get: runs").endsWith("0 failed");
  }

  @Test
  void brokenAdapter_failsTheKitWithAReadableReport() {
    var store = new InMemoryAdapter.Store();
    ConformanceReport report = ConformanceKit.run(new BrokenProvider(), config(store), new InMemoryTestSystem(store));

    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).extracting(ConformanceReport.Check::name).containsExactlyInAnyOrder(
        "provider: registered in META-INF/services",
        "item.query: READ changes nothing",
        "item.query: runs",
        "item.get: runs",
        "item.create: runs",
        "item.update: runs",
        "item.query: unknown argument -> InputRejectedException naming it",
        "item.get: unknown argument -> InputRejectedException naming it",
        "item.create: unknown argument -> InputRejectedException naming it",
        "item.update: unknown argument -> InputRejectedException naming it",
        "item.delete: unknown argument -> InputRejectedException naming it",
        "item.get: absent key -> RecordNotFoundException",
        "item.update: absent key -> RecordNotFoundException",
        "item.delete: absent key -> RecordNotFoundException",
        "item.delete: applied twice leaves the state of applying it once",
        "item.update: stale expected version -> VersionConflictException",
        "close: execute after close -> SystemUnavailableException",
        "item.query: arguments coerced as the SPI does (FieldType.coerce)",
        "item.get: arguments coerced as the SPI does (FieldType.coerce)",
        "item.create: arguments coerced as the SPI does (FieldType.coerce)",
        "item.update: arguments coerced as the SPI does (FieldType.coerce)",
        "item.delete: arguments coerced as the SPI does (FieldType.coerce)",
        "item.query: streams as many records as the system counts");
    assertThat(report.check("item.query: streams as many records as the system counts").orElseThrow().message())
        .contains("streamed 2 records; the system counts 3");
    assertThat(report.check("item.get: absent key -> RecordNotFoundException").orElseThrow().message())
        .contains("threw java.lang.IllegalStateException").contains("expected RecordNotFoundException");
    assertThat(report.check("item.get: runs").orElseThrow().message())
        .contains("source key has fields [name]").contains("[id]");
    assertThat(report.check("item.query: READ changes nothing").orElseThrow().message())
        .contains("changed the system's state");
    assertThat(report.toString()).contains("FAIL  item.get: absent key -> RecordNotFoundException")
        .endsWith("23 failed");
  }

  @Test
  void adapterWithItsOwnCoercion_failsTheSpiVerdictCheck() {
    var store = new InMemoryAdapter.Store();
    SystemAdapterProvider own = new InMemoryProvider() {
      @Override
      public io.modelbridge.adapters.spi.SystemAdapter create(AdapterConfig config) {
        return new InMemoryAdapter(config, java.util.Set.of(InMemoryAdapter.Defect.OWN_COERCION));
      }
    };
    ConformanceReport report = ConformanceKit.run(own, config(store), new InMemoryTestSystem(store));
    assertThat(report.check("item.get: arguments coerced as the SPI does (FieldType.coerce)").orElseThrow())
        .satisfies(c -> {
          assertThat(c.passed()).isFalse();
          assertThat(c.message()).contains("argument 'id' given as the text").contains("must be accepted");
        });
    var good = new InMemoryAdapter.Store();
    assertThat(ConformanceKit.run(new InMemoryProvider(), config(good), new InMemoryTestSystem(good))
        .check("item.get: arguments coerced as the SPI does (FieldType.coerce)").orElseThrow().message())
        .contains("equivalent forms accepted").contains("refused forms rejected");
  }

  @Test
  void providerWithoutPublicConstructor_isReported() {
    var store = new InMemoryAdapter.Store();
    SystemAdapterProvider hidden = new InMemoryProvider() {};
    ConformanceReport report = ConformanceKit.run(hidden, config(store), new InMemoryTestSystem(store));
    assertThat(report.check("provider: public class with a public no-argument constructor").orElseThrow().passed())
        .isFalse();
  }

  @Test
  void wrongConfiguration_stopsTheRunWithTheKeyNamed() {
    var store = new InMemoryAdapter.Store();
    AdapterConfig bad = AdapterConfig.builder("memory").object("store", store).set("colour", "red").build();
    ConformanceReport report = ConformanceKit.run(new InMemoryProvider(), bad, new InMemoryTestSystem(store));
    assertThat(report.failures()).extracting(ConformanceReport.Check::name).containsExactly(
        "provider: configuration keys unique and the test configuration valid", "adapter: created through the registry");
    assertThat(report.failures().get(1).message()).contains("'colour'");
  }
}
