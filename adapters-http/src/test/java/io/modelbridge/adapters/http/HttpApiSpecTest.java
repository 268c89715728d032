package io.modelbridge.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.OperationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarations: JSON, YAML, Java builder, and the errors a wrong one gets. */
class HttpApiSpecTest {

  static final String JSON_SPEC = """
      {"entities": [{"name": "orders", "key": ["id"], "fields": [
          {"name": "id", "type": "INTEGER", "required": true},
          {"name": "total", "type": "DECIMAL", "pointer": "/amount/value"}]}],
       "operations": [
          {"name": "orders.get", "entity": "orders", "kind": "GET", "path": "/orders/{id}"},
          {"name": "orders.search", "entity": "orders", "kind": "QUERY", "path": "/orders",
           "query": {"min": "{minTotal}"}, "input": [{"name": "minTotal", "type": "DECIMAL"}],
           "records": "/items", "paging": {"type": "cursor", "next": "/meta/next", "param": "after"}}]}
      """;

  @Test
  void jsonAndYaml_giveTheSameDeclaration() {
    HttpApiSpec json = HttpApiSpec.parse(JSON_SPEC);
    HttpApiSpec yaml = HttpApiSpec.parse(HttpAdapterTest.SPEC);
    assertThat(json.operations()).extracting(HttpOperation::name).containsExactly("orders.get", "orders.search");
    assertThat(json.pointer("orders", "total")).isEqualTo("/amount/value");
    assertThat(json.operations().get(1).paging()).isEqualTo(Paging.cursor("/meta/next", "after"));
    assertThat(yaml.pointer("customers", "city")).isEqualTo("/address/city");
    assertThat(yaml.operations().get(1).paging()).isEqualTo(Paging.pages("page", 1));
  }

  @Test
  void javaBuilder_isAcceptedAsSpecObject() {
    HttpApiSpec spec = HttpApiSpec.builder()
        .entity(new EntitySchema("customers", List.of(FieldSchema.required("id", FieldType.STRING),
            FieldSchema.optional("city", FieldType.STRING)), List.of("id"), Optional.empty(), ""),
            Map.of("city", "/address/city"))
        .operation(HttpOperation.builder("customers.get", "customers", OperationKind.GET)
            .path("/customers/{id}").build())
        .build();
    var adapter = AdapterRegistry.discover().create("http", AdapterConfig.builder("crm")
        .set("baseUrl", "http://127.0.0.1:1/api").object("specObject", spec).build());
    try (adapter) {
      assertThat(adapter.descriptor().operation("customers.get").orElseThrow().input())
          .extracting(FieldSchema::name).containsExactly("id");
    }
  }

  @Test
  void specFile_isRead(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("api.json"), JSON_SPEC);
    var adapter = AdapterRegistry.discover().create("http", AdapterConfig.builder("shop")
        .set("baseUrl", "http://127.0.0.1:1").set("specFile", file.toString()).set("kind", "order").build());
    try (adapter) {
      assertThat(adapter.descriptor().operations()).hasSize(2);
    }
  }

  @Test
  void duplicateKeyInSpecFile_isRefusedNamingFileLineAndKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("api.yaml"), "entities:\n  - name: order\n    key: id\n    key: nr\n"
        + "    fields: []\noperations: []\n");
    assertThatThrownBy(() -> AdapterRegistry.discover().create("http", AdapterConfig.builder("shop")
        .set("baseUrl", "http://127.0.0.1:1").set("specFile", file.toString()).build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("specFile");
          assertThat(e.getMessage()).contains(file + ", line 4", "(key 'entities[0].key')", "duplicate key 'key'");
        });
  }

  @Test
  void yamlSyntaxErrorInSpecFile_namesFileAndLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("api.yaml"), "entities:\n  - name: order\n    fields: [ {name: id\n");
    assertThatThrownBy(() -> AdapterRegistry.discover().create("http", AdapterConfig.builder("shop")
        .set("baseUrl", "http://127.0.0.1:1").set("specFile", file.toString()).build()))
        .isInstanceOf(InvalidAdapterConfigException.class)
        .hasMessageContaining(file + ", line ").hasMessageContaining("column")
        .hasMessageContaining("not well-formed YAML");
  }

  @Test
  void placeholderWithoutInput_isRejectedNamingTheOperation() {
    String bad = JSON_SPEC.replace("\"path\": \"/orders\",", "\"path\": \"/orders/{region}\",");
    assertThatThrownBy(() -> HttpApiSpec.parse(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders.search")
        .hasMessageContaining("{region}");
  }

  @Test
  void unknownKey_andBadYaml_areRejectedWithWhere() {
    assertThatThrownBy(() -> HttpApiSpec.parse(JSON_SPEC.replace("\"records\"", "\"recrods\"")))
        .hasMessageContaining("unknown key 'recrods'").hasMessageContaining("orders.search");
    assertThatThrownBy(() -> HttpApiSpec.parse("entities: [\n  - name: x\n    fields: [ {"))
        .hasMessageContaining("not well-formed YAML").hasMessageContaining("line");
    assertThatThrownBy(() -> HttpApiSpec.parse(JSON_SPEC.replace("\"GET\"", "\"FETCH\"")))
        .hasMessageContaining("kind 'FETCH'");
  }

  @Test
  void providerConfigErrors_nameTheKey() {
    AdapterRegistry registry = AdapterRegistry.discover();
    assertThatThrownBy(() -> registry.create("http", AdapterConfig.builder("x").set("baseUrl", "http://h").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.key()).isEqualTo("spec"));
    assertThatThrownBy(() -> registry.create("http", AdapterConfig.builder("x")
        .set("baseUrl", "ftp://user:pw@h").set("spec", JSON_SPEC).build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("baseUrl");
          assertThat(e.getMessage()).doesNotContain("pw");
        });
    assertThatThrownBy(() -> registry.create("http", AdapterConfig.builder("x")
        .set("baseUrl", "http://h").set("spec", JSON_SPEC).set("retry.maxAttempts", "0").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class,
            e -> assertThat(e.key()).isEqualTo("retry.maxAttempts"));
    assertThatThrownBy(() -> registry.create("http", AdapterConfig.builder("x")
        .set("baseUrl", "http://h").set("spec", "entities: []\noperations: []").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.key()).isEqualTo("spec"));
  }

  @Test
  void provider_isDiscoveredByType() {
    var provider = AdapterRegistry.discover().provider("http").orElseThrow();
    assertThat(provider.configKeys()).extracting(k -> k.name()).contains("baseUrl", "spec", "secretProvider");
    assertThat(provider.version()).isNotBlank();
  }
}
