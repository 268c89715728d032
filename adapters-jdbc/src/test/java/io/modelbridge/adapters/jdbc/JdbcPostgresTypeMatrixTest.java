package io.modelbridge.adapters.jdbc;

import static io.modelbridge.adapters.jdbc.PostgresTypeMatrix.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC adapter docks the legacy-shaped {@link PostgresTypeMatrix} schema as it is, through the public
 * API only: every type of issue 10, and the conformance kit with zero failures.
 */
class JdbcPostgresTypeMatrixTest extends AdapterConformanceTest {

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private static PostgresTypeMatrix matrix;
  private SystemAdapter adapter;

  @BeforeAll
  static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .start();
    // a plain URL: no stringtype=unspecified or other driver options
    dataSource = new UrlDataSource(postgres.getJdbcUrl("postgres", "postgres"));
    matrix = new PostgresTypeMatrix(dataSource);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void openAdapter() {
    matrix.reset();
    adapter = AdapterRegistry.discover().create("jdbc", matrix.config("dvd"));
  }

  @AfterEach
  void closeAdapter() {
    adapter.close();
  }

  @Override
  protected SystemAdapterProvider provider() {
    return new JdbcAdapterProvider();
  }

  @Override
  protected AdapterConfig config() {
    return matrix.config("dvd");
  }

  @Override
  protected TestSystem testSystem() {
    return matrix;
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  @Test
  void timestamptz_queryGetCreateUpdate_work() {
    List<AdapterRecord> found = run(adapter, "matrix.payment.query", Map.of("paid_at.from", "2007-02-15T22:25:46.996577Z",
        "paid_at.to", "2007-02-15T22:25:46.996577Z"));
    assertThat(found).hasSize(5);
    assertThat(found.get(0).fields().get("paid_at")).isEqualTo(Instant.parse("2007-02-15T22:25:46.996577Z"));
    assertThat(run(adapter, "matrix.film.get", Map.of("film_id", 1L)).get(0).fields().get("released_at"))
        .isEqualTo(Instant.parse("2006-02-15T07:34:33Z"));
    AdapterRecord created = run(adapter, "matrix.payment.create", Map.of("payment_id", 50L, "amount", new BigDecimal("1.25"),
        "paid_at", "2024-01-01T10:00:00.123456Z")).get(0);
    assertThat(created.fields().get("paid_at")).isEqualTo(Instant.parse("2024-01-01T10:00:00.123456Z"));
    String version = created.source().version().orElseThrow();
    AdapterRecord updated = adapter.execute(OperationRequest.of("matrix.payment.update",
        Map.of("payment_id", 50L, "paid_at", "2024-06-30T23:59:59Z")).expecting(version)).toList().get(0);
    assertThat(updated.fields().get("paid_at")).isEqualTo(Instant.parse("2024-06-30T23:59:59Z"));
  }

  @Test
  void timestampWithoutTimeZone_readAsUtc() {
    assertThat(run(adapter, "matrix.film.get", Map.of("film_id", 1L)).get(0).fields())
        .containsEntry("last_update", Instant.parse("2006-02-15T05:03:42Z"));
  }

  @Test
  void domains_resolvedToTheirBaseType_columnsAndDomainKeyKept() {
    EntitySchema film = adapter.descriptor().entity("matrix.film").orElseThrow();
    assertThat(film.keyFields()).containsExactly("film_id");
    assertThat(film.field("film_id").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
    assertThat(film.field("title").orElseThrow().type()).isEqualTo(FieldType.STRING);
    assertThat(film.field("release_year").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
    assertThat(film.field("active").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
    assertThat(adapter.descriptor().entity("matrix.film_actor").orElseThrow().keyFields())
        .containsExactly("actor_id", "film_id");
    // the domain's CHECK still holds: the database refuses, the caller can correct it
    Map<String, Object> film1900 = new LinkedHashMap<>(PostgresTypeMatrix.film());
    film1900.put("release_year", 1900L);
    assertThatThrownBy(() -> run(adapter, "matrix.film.create", film1900)).isInstanceOf(InputRejectedException.class);
  }

  @Test
  void enum_filterCreateUpdate_workWithoutUrlOptions_andPublishAllowedValues() {
    FieldSchema rating = adapter.descriptor().entity("matrix.film").orElseThrow().field("rating").orElseThrow();
    assertThat(rating.allowedValues()).containsExactly("G", "PG", "PG-13", "R", "NC-17");
    assertThat(adapter.descriptor().entity("matrix.film").orElseThrow().jsonSchema())
        .contains("\"rating\":{\"type\":\"string\",\"enum\":[\"G\",\"PG\",\"PG-13\",\"R\",\"NC-17\"]}");
    assertThat(adapter.descriptor().operation("matrix.film.query").orElseThrow().inputField("rating").orElseThrow()
        .allowedValues()).hasSize(5);
    assertThat(run(adapter, "matrix.film.query", Map.of("rating", "R"))).extracting(r -> r.fields().get("film_id"))
        .containsExactly(3L);
    Map<String, Object> film = new LinkedHashMap<>(PostgresTypeMatrix.film());
    film.put("rating", "NC-17");
    AdapterRecord created = run(adapter, "matrix.film.create", film).get(0);
    assertThat(created.fields()).containsEntry("rating", "NC-17");
    AdapterRecord updated = adapter.execute(OperationRequest.of("matrix.film.update", Map.of("film_id", 100L, "rating", "G"))
        .expecting(created.source().version().orElseThrow())).toList().get(0);
    assertThat(updated.fields()).containsEntry("rating", "G");
    assertThatThrownBy(() -> run(adapter, "matrix.film.query", Map.of("rating", "XX")))
        .isInstanceOf(InputRejectedException.class);
  }

  @Test
  void everyOtherType_roundTripsInItsDocumentedTextForm() {
    AdapterRecord r = run(adapter, "matrix.film.create", PostgresTypeMatrix.film()).get(0);
    Map<String, Object> f = r.fields();
    assertThat(f).containsEntry("special_features", "[\"Deleted Scenes\",\"Behind the Scenes\"]")
        .containsEntry("scores", "[1,2,3]")
        .containsEntry("ratings", "[\"PG\",\"R\"]")
        .containsEntry("uid", "123e4567-e89b-42d3-a456-426614174000")
        .containsEntry("attrs", "{\"a\": [1, 2]}")
        .containsEntry("doc", "{\"b\": null}")
        .containsEntry("cover", "AQID")
        .containsEntry("notes", "<note>hi</note>")
        .containsEntry("ratio", new BigDecimal("0.3333333333333333333333"))
        .containsEntry("price", new BigDecimal("12.34"))
        .containsEntry("rental_duration", "3 days 04:00:00")
        .containsEntry("origin", "192.168.0.1")
        .containsEntry("released_at", Instant.parse("2024-03-01T08:00:00.123456Z"));
    EntitySchema film = adapter.descriptor().entity("matrix.film").orElseThrow();
    assertThat(film.field("uid").orElseThrow().jsonFormat()).contains("uuid");
    assertThat(film.field("cover").orElseThrow().jsonFormat()).contains("byte");
    assertThat(film.field("attrs").orElseThrow().description()).contains("JSON");
    assertThat(film.field("price").orElseThrow().type()).isEqualTo(FieldType.DECIMAL);
    // uuid, jsonb, inet and arrays filter by equality; json and xml have no equality in PostgreSQL
    assertThat(run(adapter, "matrix.film.query", Map.of("uid", "123e4567-e89b-42d3-a456-426614174000",
        "scores", "[1, 2, 3]", "origin", "192.168.0.1", "attrs", "{\"a\":[1,2]}"))).hasSize(1);
    var query = adapter.descriptor().operation("matrix.film.query").orElseThrow();
    assertThat(query.inputField("doc")).isEmpty();
    assertThat(query.inputField("notes")).isEmpty();
  }

  @Test
  void tsvector_excludedWithItsReason_inTheDescriptor() {
    EntitySchema film = adapter.descriptor().entity("matrix.film").orElseThrow();
    assertThat(film.field("fulltext")).isEmpty();
    assertThat(film.description()).contains("not exposed: fulltext (tsvector is full-text search data");
  }

  @Test
  void rowHashVersion_saysWhichColumnsItCovers() {
    assertThat(adapter.descriptor().entity("matrix.payment").orElseThrow().description())
        .contains("version: a hash of the columns payment_id, film_id, amount, paid_at, is_refund");
  }

  @Test
  void timestampVersionColumn_acceptedAndBumpedByTrigger() {
    AdapterRecord before = run(adapter, "matrix.film.get", Map.of("film_id", 2L)).get(0);
    String v1 = before.source().version().orElseThrow();
    assertThat(v1).isEqualTo("2006-02-15T05:03:42Z");
    AdapterRecord after = adapter.execute(OperationRequest.of("matrix.film.update", Map.of("film_id", 2L, "title", "New"))
        .expecting(v1)).toList().get(0);
    assertThat(after.source().version().orElseThrow()).isNotEqualTo(v1);
    assertThatThrownBy(() -> adapter.execute(OperationRequest.of("matrix.film.update",
        Map.of("film_id", 2L, "title", "Newer")).expecting(v1)).toList())
        .isInstanceOf(io.modelbridge.adapters.spi.VersionConflictException.class);
  }

  @Test
  void flagOrBooleanColumn_refusedAsVersion() {
    for (String column : List.of("film.active")) {
      AdapterConfig c = AdapterConfig.builder("dvd").object("dataSource", dataSource).set("schema", "matrix")
          .set("tables", "film").set("versionColumns", column).build();
      assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", c))
          .isInstanceOf(InvalidAdapterConfigException.class)
          .hasMessageContaining(column).hasMessageContaining("cannot hold a row version");
    }
  }

  @Test
  void changeFeed_equalTimestamps_everyRowOnce() {
    // all six films share one last_update: a cursor alone would skip the rest of each page
    List<Object> seen = new java.util.ArrayList<>();
    String after = null;
    for (int page = 0; page < 10; page++) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("limit", 4L);
      if (after != null) {
        args.put("after", after);
      }
      List<AdapterRecord> records = run(adapter, "matrix.film.changes", args);
      if (records.isEmpty()) {
        break;
      }
      records.forEach(r -> seen.add(r.fields().get("film_id")));
      after = records.get(records.size() - 1).source().version().orElseThrow();
    }
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void changeFeed_malformedToken_rejectedNamingAfter() {
    assertThatThrownBy(() -> run(adapter, "matrix.film.changes", Map.of("after", "2006-02-15T05:03:42Z")))
        .isInstanceOf(InputRejectedException.class)
        .satisfies(e -> assertThat(((InputRejectedException) e).field()).isEqualTo("after"));
  }

  @Test
  void schemaDefect_isAnAdapterError_notCorrectableByTheCaller_withTheCauseKept() throws SQLException {
    try {
      sql("ALTER TABLE matrix.payment RENAME COLUMN amount TO amount_paid");
      AdapterException e = org.junit.jupiter.api.Assertions.assertThrows(AdapterException.class,
          () -> run(adapter, "matrix.payment.get", Map.of("payment_id", 1L)));
      assertThat(e).isNotInstanceOf(InputRejectedException.class);
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.getCause()).isInstanceOf(SQLException.class);
      assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("42703");
      assertThat(e.getMessage()).contains("42703").contains("not a problem of the arguments");
    } finally {
      sql("ALTER TABLE matrix.payment RENAME COLUMN amount_paid TO amount");
    }
  }

  @Test
  void partitionedTable_isOneEntity_partitionsHidden() {
    var d = adapter.descriptor();
    assertThat(d.entity("sales.orders")).isPresent();
    assertThat(d.entities()).extracting(EntitySchema::name).noneMatch(n -> n.contains("orders_202"));
    assertThat(run(adapter, "sales.orders.query", Map.of())).hasSize(8);
    AdapterConfig all = AdapterConfig.builder("dvd").object("dataSource", dataSource).set("schema", "sales").build();
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", all)) {
      assertThat(a.descriptor().entities()).extracting(EntitySchema::name).containsExactly("orders");
    }
  }

  @Test
  void views_readOnlyEntities_withTheConfiguredKey() {
    var d = adapter.descriptor();
    assertThat(d.entity("matrix.film_list").orElseThrow().keyFields()).containsExactly("film_id");
    assertThat(d.entity("sales.order_totals").orElseThrow().keyFields()).containsExactly("customer");
    assertThat(d.operations()).extracting(o -> o.name()).contains("matrix.film_list.query", "matrix.film_list.get",
        "sales.order_totals.get").doesNotContain("matrix.film_list.update", "matrix.film_list.create",
        "sales.order_totals.delete");
    assertThat(run(adapter, "matrix.film_list.get", Map.of("film_id", 3L)).get(0).fields())
        .containsEntry("rating", "R").containsEntry("price", new BigDecimal("3.99"));
  }

  @Test
  void severalSchemas_entitiesNamedSchemaTable() {
    assertThat(adapter.descriptor().entities()).extracting(EntitySchema::name).containsExactlyInAnyOrder(
        "matrix.film", "matrix.film_actor", "matrix.payment", "sales.orders", "matrix.film_list", "sales.order_totals");
  }

  @Test
  void unknownSchema_failsAtStart_listingTheSchemas() {
    AdapterConfig c = AdapterConfig.builder("dvd").object("dataSource", dataSource).set("schema", "matrx").build();
    assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", c))
        .isInstanceOf(InvalidAdapterConfigException.class)
        .hasMessageContaining("'matrx'").hasMessageContaining("matrix").hasMessageContaining("sales");
  }

  @Test
  void unknownTable_failsAtStart_listingWhatExists() {
    AdapterConfig c = AdapterConfig.builder("dvd").object("dataSource", dataSource).set("schema", "matrix,sales")
        .set("tables", "films").build();
    assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", c))
        .isInstanceOf(InvalidAdapterConfigException.class)
        .hasMessageContaining("'films'").hasMessageContaining("matrix.film").hasMessageContaining("sales.orders");
  }

  @Test
  void schemaWithNothingExposable_failsAtStart_insteadOfZeroEntities() throws SQLException {
    sql("CREATE SCHEMA IF NOT EXISTS empty_one");
    AdapterConfig c = AdapterConfig.builder("dvd").object("dataSource", dataSource).set("schema", "empty_one").build();
    assertThatThrownBy(() -> AdapterRegistry.discover().create("jdbc", c))
        .isInstanceOf(InvalidAdapterConfigException.class).hasMessageContaining("exposes no entity");
  }

  @Test
  void compositeKey_keysetPaging_visitsEveryRowOnce() {
    List<Object> seen = new java.util.ArrayList<>();
    Map<String, Object> args = new LinkedHashMap<>(Map.of("limit", 3L));
    for (int page = 0; page < 10; page++) {
      List<AdapterRecord> records = run(adapter, "sales.orders.query", args);
      if (records.isEmpty()) {
        break;
      }
      records.forEach(r -> seen.add(r.source().key()));
      AdapterRecord last = records.get(records.size() - 1);
      args = new LinkedHashMap<>(Map.of("limit", 3L, "order_id.after", last.fields().get("order_id"),
          "order_date.after", last.fields().get("order_date").toString()));
    }
    assertThat(seen).hasSize(8).doesNotHaveDuplicates();
  }
}
