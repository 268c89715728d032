package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.tck.TestSystem;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A legacy-looking PostgreSQL schema written for these tests, shaped like the public sample databases the
 * adapter failed on, not like the adapter: domains (one as a key), an enum, arrays, uuid, json and jsonb,
 * bytea, xml, tsvector, numeric without scale, money, interval, inet, timestamptz next to timestamp, a
 * trigger bumping {@code last_update}, a composite key, in schema {@code matrix}; a partitioned table and a
 * materialized view in schema {@code sales}; a view with a configured key. With two schemas, entities are named
 * {@code schema.table}.
 */
final class PostgresTypeMatrix implements TestSystem {

  /** Exposed tables and the ORDER BY that makes their digest deterministic. */
  static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("matrix.film", "film_id");
    TABLES.put("matrix.film_actor", "actor_id, film_id");
    TABLES.put("matrix.payment", "payment_id");
    TABLES.put("sales.orders", "order_id, order_date");
  }

  /** Read-only entities: the view and the materialized view, with their configured keys. */
  static final List<String> VIEWS = List.of("matrix.film_list", "sales.order_totals");

  private static final String[] DDL = {
      "DROP SCHEMA IF EXISTS matrix CASCADE",
      "CREATE SCHEMA matrix",
      "CREATE DOMAIN matrix.year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155)",
      "CREATE DOMAIN matrix.\"Name\" AS varchar(50)",
      "CREATE DOMAIN matrix.flag AS boolean",
      "CREATE DOMAIN matrix.film_code AS integer",
      "CREATE TYPE matrix.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17')",
      "CREATE TABLE matrix.film (film_id matrix.film_code PRIMARY KEY, title matrix.\"Name\" NOT NULL, "
          + "release_year matrix.year, rating matrix.mpaa_rating DEFAULT 'G', special_features text[], "
          + "scores integer[], ratings matrix.mpaa_rating[], uid uuid, attrs jsonb, doc json, cover bytea, notes xml, "
          + "fulltext tsvector, ratio numeric, price money, rental_duration interval, origin inet, "
          + "active matrix.flag NOT NULL DEFAULT true, released_at timestamptz, "
          + "last_update timestamp NOT NULL DEFAULT now())",
      "CREATE FUNCTION matrix.bump_last_update() RETURNS trigger AS $$ BEGIN NEW.last_update = clock_timestamp(); "
          + "RETURN NEW; END $$ LANGUAGE plpgsql",
      "CREATE TRIGGER film_last_update BEFORE UPDATE ON matrix.film FOR EACH ROW "
          + "EXECUTE FUNCTION matrix.bump_last_update()",
      "CREATE TABLE matrix.film_actor (actor_id integer NOT NULL, film_id matrix.film_code NOT NULL "
          + "REFERENCES matrix.film (film_id), role matrix.\"Name\", last_update timestamptz NOT NULL DEFAULT now(), "
          + "PRIMARY KEY (actor_id, film_id))",
      "CREATE TABLE matrix.payment (payment_id bigint PRIMARY KEY, film_id matrix.film_code, amount numeric(5,2) "
          + "NOT NULL, paid_at timestamptz NOT NULL, is_refund smallint NOT NULL DEFAULT 0)",
      "CREATE VIEW matrix.film_list AS SELECT f.film_id, f.title, f.rating, f.price FROM matrix.film f",
      "DROP SCHEMA IF EXISTS sales CASCADE",
      "CREATE SCHEMA sales",
      "CREATE TABLE sales.orders (order_id bigint NOT NULL, order_date date NOT NULL, customer varchar(40) NOT NULL, "
          + "total numeric(10,2) NOT NULL, PRIMARY KEY (order_id, order_date)) PARTITION BY RANGE (order_date)",
      "CREATE TABLE sales.orders_2023 PARTITION OF sales.orders FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')",
      "CREATE TABLE sales.orders_2024 PARTITION OF sales.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
  };

  private final DataSource dataSource;
  private final String baseline;

  PostgresTypeMatrix(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      for (String s : DDL) {
        st.execute(s);
      }
      for (int i = 1; i <= 6; i++) {
        st.execute("INSERT INTO matrix.film (film_id, title, release_year, rating, special_features, scores, "
            + "ratings, uid, attrs, doc, cover, notes, fulltext, ratio, price, rental_duration, origin, active, "
            + "released_at, last_update) VALUES (" + i + ", 'Film " + i + "', " + (2000 + i) + ", '"
            + List.of("G", "PG", "PG-13", "R", "NC-17").get(i % 5) + "', ARRAY['Trailers', 'Commentaries'], "
            + "ARRAY[" + i + ", " + (i * 2) + "], ARRAY['G', 'R']::matrix.mpaa_rating[], "
            + "'8d6b1c2e-0000-4000-8000-00000000000" + i + "', '{\"k\": " + i + "}', '{\"d\": " + i + "}', "
            + "'\\x0102" + i + "0', '<film id=\"" + i + "\"/>', to_tsvector('english', 'film number " + i + "'), "
            + i + ".125, " + i + ".99, '" + i + " days', '10.0.0." + i + "', " + (i % 2 == 0) + ", "
            + "TIMESTAMPTZ '2006-02-15 09:34:33+02', TIMESTAMP '2006-02-15 05:03:42')");
      }
      for (int i = 1; i <= 4; i++) {
        st.execute("INSERT INTO matrix.film_actor (actor_id, film_id, role, last_update) VALUES (" + i + ", "
            + (i % 3 + 1) + ", 'Role " + i + "', TIMESTAMPTZ '2006-02-15 04:05:03+00')");
      }
      for (int i = 1; i <= 5; i++) {
        st.execute("INSERT INTO matrix.payment VALUES (" + i + ", " + (i % 3 + 1) + ", " + i + ".99, "
            + "TIMESTAMPTZ '2007-02-15 22:25:46.996577+00', 0)");
      }
      for (int i = 1; i <= 8; i++) {
        st.execute("INSERT INTO sales.orders VALUES (" + (i % 4 + 1) + ", DATE '" + (i % 2 == 0 ? "2023" : "2024")
            + "-0" + i + "-15', 'customer " + (i % 3) + "', " + (i * 10) + ".50)");
      }
      st.execute("CREATE MATERIALIZED VIEW sales.order_totals AS SELECT customer, SUM(total) AS total, COUNT(*) AS "
          + "orders FROM sales.orders GROUP BY customer");
      for (String t : TABLES.keySet()) {
        st.execute("CREATE TABLE " + bak(t) + " AS SELECT * FROM " + t);
      }
    }
    baseline = snapshot();
  }

  private static String bak(String table) {
    return "matrix.bak_" + table.replace('.', '_');
  }

  /** The adapter configuration for this system. */
  AdapterConfig config(String systemId) {
    return AdapterConfig.builder(systemId)
        .object("dataSource", dataSource)
        .set("schema", "matrix, sales")
        .set("tables", "film,film_actor,payment,sales.orders,film_list,order_totals")
        .set("viewKeys", "film_list.film_id,sales.order_totals.customer")
        .set("versionColumns", "film.last_update")
        .set("changeColumns", "film.last_update,payment.paid_at")
        .set("fetchSize", "3")
        .build();
  }

  @Override
  public OperationRequest sampleRequest(OperationDescriptor op, SystemAdapter adapter) {
    String entity = op.entity();
    Map<String, Object> key = existingKey(entity);
    switch (op.kind()) {
      case QUERY:
        return switch (entity) {
          case "matrix.film" -> OperationRequest.of(op.name(), Map.of("rating", "PG-13",
              "released_at.from", "2006-02-15T07:00:00Z", "uid", "8d6b1c2e-0000-4000-8000-000000000002"));
          case "matrix.payment" -> OperationRequest.of(op.name(), Map.of("paid_at.to", "2007-02-15T22:25:46.996577Z"));
          case "matrix.film_list" -> OperationRequest.of(op.name(), Map.of("rating", "R", "limit", 2L));
          case "sales.orders" -> OperationRequest.of(op.name(), Map.of("order_id.after", 1L,
              "order_date.after", "2024-05-15", "limit", 3L));
          case "sales.order_totals" -> OperationRequest.of(op.name(), Map.of("total.from", new BigDecimal("50")));
          default -> OperationRequest.of(op.name(), Map.of("film_id", 2L));
        };
      case SUBSCRIBE:
        return OperationRequest.of(op.name(), Map.of("limit", 3L));
      case GET:
        return OperationRequest.of(op.name(), key);
      case DELETE:
        return OperationRequest.of(op.name(), switch (entity) {
          case "matrix.film" -> Map.of("film_id", 6L);
          case "matrix.payment" -> Map.of("payment_id", 5L);
          case "sales.orders" -> order(3, "2023-02-15");
          default -> filmActor(4, 2);
        });
      case CREATE:
        return OperationRequest.of(op.name(), switch (entity) {
          case "matrix.film" -> film();
          case "matrix.payment" -> Map.of("payment_id", 100L, "film_id", 1L, "amount", new BigDecimal("4.50"),
              "paid_at", "2024-01-01T10:00:00.123456Z");
          case "sales.orders" -> {
            Map<String, Object> m = new LinkedHashMap<>(order(9, "2023-12-31"));
            m.put("customer", "new customer");
            m.put("total", new BigDecimal("1.00"));
            yield m;
          }
          default -> {
            Map<String, Object> m = new LinkedHashMap<>(filmActor(9, 1));
            m.put("role", "Extra");
            yield m;
          }
        });
      case UPDATE: {
        String version = adapter.execute(OperationRequest.of(entity + ".get", key)).toList().get(0).source()
            .version().orElseThrow();
        Map<String, Object> args = new LinkedHashMap<>(key);
        switch (entity) {
          case "matrix.film" -> {
            args.put("rating", "NC-17");
            args.put("released_at", "2020-05-01T12:00:00Z");
            args.put("attrs", "{\"updated\": true}");
            args.put("scores", "[7, 8, 9]");
          }
          case "matrix.payment" -> args.put("amount", new BigDecimal("9.75"));
          case "sales.orders" -> args.put("total", new BigDecimal("99.99"));
          default -> args.put("role", "Lead");
        }
        return OperationRequest.of(op.name(), args).expecting(version);
      }
      default:
        throw new IllegalArgumentException("no sample for " + op.name());
    }
  }

  /** A film with a value of every exposed type, in the text forms the adapter documents. */
  static Map<String, Object> film() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("film_id", 100L);
    m.put("title", "Created Film");
    m.put("release_year", 2024L);
    m.put("rating", "PG-13");
    m.put("special_features", "[\"Deleted Scenes\",\"Behind the Scenes\"]");
    m.put("scores", "[1,2,3]");
    m.put("ratings", "[\"PG\",\"R\"]");
    m.put("uid", "123e4567-e89b-42d3-a456-426614174000");
    m.put("attrs", "{\"a\": [1, 2]}");
    m.put("doc", "{\"b\": null}");
    m.put("cover", "AQID");
    m.put("notes", "<note>hi</note>");
    m.put("ratio", new BigDecimal("0.3333333333333333333333"));
    m.put("price", new BigDecimal("12.34"));
    m.put("rental_duration", "3 days 04:00:00");
    m.put("origin", "192.168.0.1");
    m.put("active", true);
    m.put("released_at", Instant.parse("2024-03-01T08:00:00.123456Z"));
    return m;
  }

  static Map<String, Object> existingKey(String entity) {
    return switch (entity) {
      case "matrix.film", "matrix.film_list" -> Map.of("film_id", 1L);
      case "matrix.payment" -> Map.of("payment_id", 1L);
      case "sales.orders" -> order(2, "2024-01-15");
      case "sales.order_totals" -> Map.of("customer", "customer 1");
      default -> filmActor(1, 2);
    };
  }

  static Map<String, Object> order(long id, String date) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("order_id", id);
    m.put("order_date", date);
    return m;
  }

  static Map<String, Object> filmActor(long actor, long film) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actor_id", actor);
    m.put("film_id", film);
    return m;
  }

  @Override
  public Map<String, Object> absentKey(EntitySchema entity) {
    return switch (entity.name()) {
      case "matrix.film", "matrix.film_list" -> Map.of("film_id", 999L);
      case "matrix.payment" -> Map.of("payment_id", 999L);
      case "sales.orders" -> order(2, "2023-02-16");
      case "sales.order_totals" -> Map.of("customer", "nobody");
      default -> filmActor(99, 99);
    };
  }

  @Override
  public List<OperationRequest> invalidRequests(OperationDescriptor op) {
    return switch (op.name()) {
      case "matrix.film.create" -> {
        Map<String, Object> badEnum = new LinkedHashMap<>(film());
        badEnum.put("rating", "XXX");
        Map<String, Object> badYear = new LinkedHashMap<>(film());
        badYear.put("release_year", 1800L);
        Map<String, Object> badUuid = new LinkedHashMap<>(film());
        badUuid.put("uid", "not-a-uuid");
        Map<String, Object> badArray = new LinkedHashMap<>(film());
        badArray.put("scores", "7");
        Map<String, Object> badBase64 = new LinkedHashMap<>(film());
        badBase64.put("cover", "%%%");
        yield List.of(OperationRequest.of(op.name(), badEnum), OperationRequest.of(op.name(), badYear),
            OperationRequest.of(op.name(), badUuid), OperationRequest.of(op.name(), badArray),
            OperationRequest.of(op.name(), badBase64));
      }
      case "matrix.film.query" -> List.of(OperationRequest.of(op.name(), Map.of("rating", "not a rating")),
          OperationRequest.of(op.name(), Map.of("orderBy", "doc")));
      case "matrix.film_actor.create" -> List.of(OperationRequest.of(op.name(), filmActor(50, 777)));
      case "sales.orders.create" -> {
        Map<String, Object> noPartition = new LinkedHashMap<>(order(20, "2030-01-01"));
        noPartition.put("customer", "x");
        noPartition.put("total", BigDecimal.ONE);
        yield List.of(OperationRequest.of(op.name(), noPartition));
      }
      case "sales.orders.query" -> List.of(OperationRequest.of(op.name(), Map.of("order_id.after", 1L)),
          OperationRequest.of(op.name(), Map.of("order_id.after", 1L, "order_date.after", "2024-01-01",
              "orderBy", "total")));
      default -> List.of();
    };
  }

  @Override
  public Optional<Long> count(String entity) {
    return Optional.of(JdbcTables.count(dataSource, entity));
  }

  @Override
  public String snapshot() {
    return JdbcTables.snapshot(dataSource, TABLES);
  }

  @Override
  public void reset() {
    if (snapshot().equals(baseline)) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("SET session_replication_role = replica");
      for (String t : TABLES.keySet()) {
        st.execute("DELETE FROM " + t);
        st.execute("INSERT INTO " + t + " SELECT * FROM " + bak(t));
      }
      st.execute("SET session_replication_role = DEFAULT");
    } catch (SQLException e) {
      throw new IllegalStateException("reset failed", e);
    }
  }

  /** Records of an operation, for tests. */
  static List<AdapterRecord> run(SystemAdapter a, String op, Map<String, Object> args) {
    return a.execute(OperationRequest.of(op, args)).toList();
  }
}
