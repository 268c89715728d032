package io.modelbridge.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/adapters-http.md, run against the test CRM. */
class DocExampleTest {

  @Test
  void quickStart(@TempDir Path dir) throws Exception {
    try (CrmServer server = new CrmServer()) {
      server.seed(30);
      Path specFile = Files.writeString(dir.resolve("crm-api.yaml"), HttpAdapterTest.SPEC);
      SecretProvider vault = name -> Optional.of(CrmServer.TOKEN);
      List<String> seen = new ArrayList<>();

      AdapterConfig config = AdapterConfig.builder("crm")
          .set("baseUrl", server.baseUrl())
          .set("specFile", specFile.toString())
          .object("secretProvider", vault)
          .set("retry.maxAttempts", "4")
          .build();

      try (SystemAdapter crm = AdapterRegistry.discover().create("http", config)) {
        try (RecordStream customers = crm.execute(OperationRequest.of("customers.list", Map.of("city", "Lyon")))) {
          customers.forEachRemaining(c -> seen.add(c.source().locator()));
        }
        AdapterRecord c = crm.execute(OperationRequest.of("customers.get", Map.of("id", "C007"))).toList().get(0);
        String version = c.source().version().orElseThrow();
        crm.execute(OperationRequest.of("customers.update", Map.of("id", "C007", "city", "Bern"))
            .expecting(version)).close();
      }
      assertThat(seen).hasSize(15).contains("crm/customers/C002");
      assertThat(server.customer("C007").at("/address/city").asText()).isEqualTo("Bern");
    }
  }

  @Test
  void yamlDeclarationOfTheDocs_isValid() throws Exception {
    Path doc = Path.of("..", "docs", "adapters-http.md");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(doc), "docs are beside the module");
    String text = Files.readString(doc);
    int start = text.indexOf("```yaml\n") + "```yaml\n".length();
    HttpApiSpec spec = HttpApiSpec.parse(text.substring(start, text.indexOf("```", start)));
    assertThat(spec.operations()).extracting(HttpOperation::name).contains("customers.rename");
    assertThat(spec.operations().get(spec.operations().size() - 1).body()).containsEntry("/name", "newName");
  }

  @Test
  void javaDeclaration() throws Exception {
    HttpApiSpec spec = HttpApiSpec.builder()
        .entity(new EntitySchema("customers", List.of(
                FieldSchema.required("id", FieldType.STRING),
                FieldSchema.optional("city", FieldType.STRING)),
            List.of("id"), Optional.empty(), "CRM customers"),
            Map.of("city", "/address/city"))
        .operation(HttpOperation.builder("customers.list", "customers", OperationKind.QUERY)
            .path("/customers").records("/data").paging(Paging.cursor("/next", "cursor")).build())
        .operation(HttpOperation.builder("customers.get", "customers", OperationKind.GET)
            .path("/customers/{id}").build())
        .build();
    try (CrmServer server = new CrmServer()) {
      server.seed(12);
      AdapterConfig config = AdapterConfig.builder("crm").set("baseUrl", server.baseUrl())
          .object("specObject", spec).object("secretProvider", (SecretProvider) n -> Optional.of(CrmServer.TOKEN))
          .build();
      try (SystemAdapter crm = AdapterRegistry.discover().create("http", config)) {
        assertThat(crm.execute(OperationRequest.of("customers.list", Map.of())).toList()).hasSize(12)
            .allSatisfy(r -> assertThat(r.fields()).containsKeys("id", "city"));
      }
    }
  }
}
