package io.modelbridge.adapters.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The type matrix on MariaDB: an enum, JSON, uuid, inet6, binary, tinyint(1) flags, DATETIME and TIMESTAMP
 * with microseconds, a {@code last_update} bumped by {@code ON UPDATE}, a composite key with a foreign key, an
 * auto-increment key, a view with a configured key.
 */
final class MariaDbTypeMatrix implements TestSystem {

  static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("film", "film_id");
    TABLES.put("film_actor", "actor_id, film_id");
    TABLES.put("payment", "payment_id");
  }

  private static final String[] DDL = {
      "DROP VIEW IF EXISTS film_list",
      "DROP TABLE IF EXISTS film_actor, payment, film, bak_film, bak_film_actor, bak_payment",
      "CREATE TABLE film (film_id INT PRIMARY KEY, title VARCHAR(50) NOT NULL, release_year SMALLINT, "
          + "rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G', attrs JSON, uid UUID, origin INET6, "
          + "cover VARBINARY(100), ratio DECIMAL(30,22), price DECIMAL(5,2), rate DOUBLE, notes TEXT, "
          + "active TINYINT(1) NOT NULL DEFAULT 1, released_at TIMESTAMP(6) NULL, "
          + "last_update DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))",
      "CREATE TABLE film_actor (actor_id INT NOT NULL, film_id INT NOT NULL, role VARCHAR(50), "
          + "PRIMARY KEY (actor_id, film_id), FOREIGN KEY (film_id) REFERENCES film (film_id))",
      "CREATE TABLE payment (payment_id BIGINT AUTO_INCREMENT PRIMARY KEY, amount DECIMAL(5,2) NOT NULL, "
          + "paid_at DATETIME(6) NOT NULL, is_refund TINYINT NOT NULL DEFAULT 0)",
      "CREATE VIEW film_list AS SELECT film_id, title, rating, price FROM film",
  };

  private final DataSource dataSource;
  private final String baseline;

  MariaDbTypeMatrix(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      for (String s : DDL) {
        st.execute(s);
      }
      for (int i = 1; i <= 6; i++) {
        st.execute("INSERT INTO film VALUES (" + i + ", 'Film " + i + "', " + (2000 + i) + ", '"
            + List.of("G", "PG", "PG-13", "R", "NC-17").get(i % 5) + "', '{\"k\": " + i + "}', "
            + "'8d6b1c2e-0000-4000-8000-00000000000" + i + "', '::ffff:10.0.0." + i + "', X'0102', " + i + ".125, "
            + i + ".99, " + i + ".5, 'notes " + i + "', " + (i % 2) + ", '2006-02-15 07:34:33.000000', "
            + "'2006-02-15 05:03:42.000000')");
      }
      for (int i = 1; i <= 4; i++) {
        st.execute("INSERT INTO film_actor VALUES (" + i + ", " + (i % 3 + 1) + ", 'Role " + i + "')");
      }
      for (int i = 1; i <= 5; i++) {
        st.execute("INSERT INTO payment VALUES (" + i + ", " + i + ".99, '2007-02-15 22:25:46.996577', 0)");
      }
      for (String t : TABLES.keySet()) {
        st.execute("CREATE TABLE bak_" + t + " AS SELECT * FROM " + t);
      }
    }
    baseline = snapshot();
  }

  AdapterConfig config(String systemId) {
    return AdapterConfig.builder(systemId)
        .object("dataSource", dataSource)
        .set("tables", "film,film_actor,payment,film_list")
        .set("viewKeys", "film_list.film_id")
        .set("versionColumns", "film.last_update")
        .set("changeColumns", "film.last_update,payment.paid_at")
        .set("fetchSize", "3")
        .build();
  }

  static Map<String, Object> film() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("film_id", 100L);
    m.put("title", "Created Film");
    m.put("release_year", 2024L);
    m.put("rating", "PG-13");
    m.put("attrs", "{\"a\": [1, 2]}");
    m.put("uid", "123e4567-e89b-42d3-a456-426614174000");
    m.put("origin", "2001:db8::1");
    m.put("cover", "AQID");
    m.put("ratio", new BigDecimal("0.3333333333333333333333"));
    m.put("price", new BigDecimal("12.34"));
    m.put("rate", new BigDecimal("0.5"));
    m.put("notes", "créé");
    m.put("active", true);
    m.put("released_at", "2024-03-01T08:00:00.123456Z");
    return m;
  }

  static Map<String, Object> filmActor(long actor, long film) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actor_id", actor);
    m.put("film_id", film);
    return m;
  }

  static Map<String, Object> existingKey(String entity) {
    return switch (entity) {
      case "film", "film_list" -> Map.of("film_id", 1L);
      case "payment" -> Map.of("payment_id", 1L);
      default -> filmActor(1, 2);
    };
  }

  @Override
  public OperationRequest sampleRequest(OperationDescriptor op, SystemAdapter adapter) {
    String entity = op.entity();
    Map<String, Object> key = existingKey(entity);
    switch (op.kind()) {
      case QUERY:
        return switch (entity) {
          case "film" -> OperationRequest.of(op.name(), Map.of("rating", "PG-13", "uid",
              "8d6b1c2e-0000-4000-8000-000000000002", "released_at.from", "2006-02-15T07:00:00Z"));
          case "payment" -> OperationRequest.of(op.name(), Map.of("paid_at.to", "2007-02-15T22:25:46.996577Z"));
          case "film_list" -> OperationRequest.of(op.name(), Map.of("rating", "R"));
          default -> OperationRequest.of(op.name(), Map.of("actor_id.after", 1L, "film_id.after", 2L, "limit", 2L));
        };
      case SUBSCRIBE:
        return OperationRequest.of(op.name(), Map.of("limit", 3L));
      case GET:
        return OperationRequest.of(op.name(), key);
      case DELETE:
        return OperationRequest.of(op.name(), switch (entity) {
          case "film" -> Map.of("film_id", 6L);
          case "payment" -> Map.of("payment_id", 5L);
          default -> filmActor(4, 2);
        });
      case CREATE:
        return OperationRequest.of(op.name(), switch (entity) {
          case "film" -> film();
          case "payment" -> Map.of("amount", new BigDecimal("4.50"), "paid_at", "2024-01-01T10:00:00.123456Z");
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
          case "film" -> {
            args.put("rating", "NC-17");
            args.put("attrs", "{\"updated\": true}");
            args.put("released_at", "2020-05-01T12:00:00Z");
          }
          case "payment" -> args.put("amount", new BigDecimal("9.75"));
          default -> args.put("role", "Lead");
        }
        return OperationRequest.of(op.name(), args).expecting(version);
      }
      default:
        throw new IllegalArgumentException("no sample for " + op.name());
    }
  }

  @Override
  public Map<String, Object> absentKey(EntitySchema entity) {
    return switch (entity.name()) {
      case "film", "film_list" -> Map.of("film_id", 999L);
      case "payment" -> Map.of("payment_id", 999L);
      default -> filmActor(99, 99);
    };
  }

  @Override
  public List<OperationRequest> invalidRequests(OperationDescriptor op) {
    return switch (op.name()) {
      case "film.create" -> {
        Map<String, Object> badEnum = new LinkedHashMap<>(film());
        badEnum.put("rating", "XXX");
        Map<String, Object> badUuid = new LinkedHashMap<>(film());
        badUuid.put("uid", "not-a-uuid");
        Map<String, Object> tooLong = new LinkedHashMap<>(film());
        tooLong.put("title", "x".repeat(51));
        yield List.of(OperationRequest.of(op.name(), badEnum), OperationRequest.of(op.name(), badUuid),
            OperationRequest.of(op.name(), tooLong));
      }
      case "film_actor.create" -> List.of(OperationRequest.of(op.name(), filmActor(50, 777)));
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
      st.execute("SET FOREIGN_KEY_CHECKS = 0");
      for (String t : TABLES.keySet()) {
        st.execute("DELETE FROM " + t);
        st.execute("INSERT INTO " + t + " SELECT * FROM bak_" + t);
      }
      st.execute("SET FOREIGN_KEY_CHECKS = 1");
    } catch (SQLException e) {
      throw new IllegalStateException("reset failed", e);
    }
  }
}
