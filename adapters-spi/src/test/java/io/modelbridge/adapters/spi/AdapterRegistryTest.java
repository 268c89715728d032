package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterRegistryTest {

  @Test
  void of_rejectsIncompatibleSpiVersions_withBothVersionsAndWhatToDo() {
    AdapterRegistry r = AdapterRegistry.of(List.of(new TestProviders.Good(), new TestProviders.FromTheFuture(),
        new TestProviders.FromThePast()));
    assertThat(r.providers()).containsOnlyKeys("good");
    assertThat(r.rejected()).hasSize(2);
    assertThat(r.rejected().get(0).plugin()).endsWith("FromTheFuture");
    assertThat(r.rejected().get(0).reason()).contains("SPI version " + (SpiVersion.CURRENT + 1))
        .contains(String.valueOf(SpiVersion.CURRENT)).contains("upgrade ModelBridge");
    assertThat(r.rejected().get(1).reason()).contains("rebuild the plugin");
  }

  @Test
  void of_rejectsADuplicateType_namingBothPlugins() {
    AdapterRegistry r = AdapterRegistry.of(List.of(new TestProviders.Good(), new TestProviders.SameType()));
    assertThat(r.providers().get("good")).isInstanceOf(TestProviders.Good.class)
        .isNotInstanceOf(TestProviders.SameType.class);
    assertThat(r.rejected()).singleElement().satisfies(x -> {
      assertThat(x.plugin()).endsWith("SameType");
      assertThat(x.reason()).contains("'good'").contains(TestProviders.Good.class.getName());
    });
  }

  @Test
  void of_isolatesAProviderThatFailsToDescribeItself() {
    AdapterRegistry r = AdapterRegistry.of(List.of(new TestProviders.Confused(), new TestProviders.Good()));
    assertThat(r.providers()).containsOnlyKeys("good");
    assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).contains("lost its name"));
  }

  @Test
  void discover_isolatesBrokenPlugins_andLoadsTheRest(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + SystemAdapterProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, String.join("\n", TestProviders.Exploding.class.getName(),
        "com.example.DoesNotExist", TestProviders.Good.class.getName(), TestProviders.FromTheFuture.class.getName()));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      AdapterRegistry r = AdapterRegistry.discover(loader);
      assertThat(r.providers()).containsOnlyKeys("good");
      assertThat(r.rejected()).hasSize(3);
      assertThat(r.rejected()).anySatisfy(x -> assertThat(x.reason()).contains("boom in constructor")
          .contains("public no-argument constructor"));
      assertThat(r.rejected()).anySatisfy(x -> assertThat(x.reason()).contains("com.example.DoesNotExist"));
      assertThat(r.rejected()).anySatisfy(x -> assertThat(x.reason()).contains("upgrade ModelBridge"));
    }
  }

  @Test
  void create_unknownType_namesTheTypesFound() {
    AdapterRegistry r = AdapterRegistry.of(List.of(new TestProviders.Good()));
    assertThatThrownBy(() -> r.create("sap", AdapterConfig.builder("erp").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("type");
          assertThat(e.getMessage()).contains("'sap'").contains("[good]");
        });
  }

  @Test
  void create_validatesTheConfigurationBeforeCallingTheProvider() {
    AdapterRegistry r = AdapterRegistry.of(List.of(new TestProviders.Good()));
    assertThatThrownBy(() -> r.create("good", AdapterConfig.builder("erp").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.key()).isEqualTo("url"));
    assertThatThrownBy(() -> r.create("good", AdapterConfig.builder("erp").set("url", "x").build()))
        .isInstanceOf(SystemUnavailableException.class);
  }

  @Test
  void providerWithoutDeclaredVersion_doesNotCompile() throws Exception {
    // No default: a provider that does not declare spiVersion() is abstract and cannot be instantiated.
    java.lang.reflect.Method m = SystemAdapterProvider.class.getMethod("spiVersion");
    assertThat(m.isDefault()).isFalse();
    assertThat(java.lang.reflect.Modifier.isAbstract(m.getModifiers())).isTrue();
  }

  @Test
  void registry_refusesAPluginBuiltAgainstSpi1_thatDeclaresNoVersion() {
    // What the JVM does with a plugin compiled against SPI 1 that relied on the default.
    SystemAdapterProvider old = (SystemAdapterProvider) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SystemAdapterProvider.class}, (proxy, method, args) -> {
          if (method.getName().equals("spiVersion")) {
            throw new AbstractMethodError("spiVersion");
          }
          return method.getName().equals("type") ? "old" : null;
        });
    AdapterRegistry r = AdapterRegistry.of(List.of(old, new TestProviders.Good()));
    assertThat(r.providers()).containsOnlyKeys("good");
    assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason())
        .contains("declares no SPI version").contains("SPI 1").contains("implement spiVersion()"));
  }

  @Test
  void registry_refusesAPluginBuiltAgainstSpi1_thatDeclaresIt() {
    AdapterRegistry r = AdapterRegistry.of(List.of(new TestProviders.Good() {
      @Override
      public String type() {
        return "v1";
      }

      @Override
      public int spiVersion() {
        return 1;
      }
    }));
    assertThat(r.providers()).isEmpty();
    assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason())
        .contains("built against SPI version 1").contains("rebuild the plugin"));
  }

  @Test
  void spiVersion_compatibilityRule() {
    assertThat(SpiVersion.isCompatible(SpiVersion.CURRENT)).isTrue();
    assertThat(SpiVersion.isCompatible(SpiVersion.OLDEST_SUPPORTED)).isTrue();
    assertThat(SpiVersion.isCompatible(SpiVersion.CURRENT + 1)).isFalse();
    assertThat(SpiVersion.isCompatible(SpiVersion.OLDEST_SUPPORTED - 1)).isFalse();
    assertThat(new TestProviders.Good().spiVersion()).isEqualTo(SpiVersion.CURRENT);
  }
}
