package io.modelbridge.examples.coercion;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.ArgumentBinding;
import io.modelbridge.adapters.spi.Coercion;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 11: the same call gets the same verdict on every system. One entity with a field of every type is
 * docked three times, by the public API only: a table in H2 (JDBC adapter), a CSV file (file adapter) and a
 * loopback HTTP server (HTTP adapter). Each call, with values of every kind a caller may send, must be
 * rejected by all three naming the same fields, or accepted by all three with the same records, and that
 * verdict must be the SPI's ({@link FieldType#coerce}).
 */
class SameVerdictOnEveryAdapterProperties {

  /** The rows every system holds: id, n, amount, flag, due, stamp, label. */
  private static final List<Object[]> ROWS = List.of(
      new Object[] {1L, 42L, new BigDecimal("42"), true, LocalDate.parse("2020-02-29"),
          Instant.parse("2024-01-01T00:00:00Z"), "42"},
      new Object[] {2L, 7L, new BigDecimal("4.2"), false, LocalDate.parse("2024-01-01"),
          Instant.parse("2024-06-01T12:00:00Z"), "forty two"},
      new Object[] {3L, -5L, new BigDecimal("0.1"), true, LocalDate.parse("2023-02-28"),
          Instant.parse("2023-12-31T23:00:00Z"), "yes"});
  private static final List<String> FIELDS = List.of("id", "n", "amount", "flag", "due", "stamp", "label");
  private static final Map<String, FieldType> TYPES = Map.of("id", FieldType.INTEGER, "n", FieldType.INTEGER,
      "amount", FieldType.DECIMAL, "flag", FieldType.BOOLEAN, "due", FieldType.DATE, "stamp", FieldType.TIMESTAMP,
      "label", FieldType.STRING);
  private static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "(missing)";
    }
  };

  private static HttpServer server;
  private static Path dir;
  private static Connection keepAlive;
  private static Map<String, SystemAdapter> adapters;

  /** What a system did with a call. */
  record Verdict(boolean accepted, Set<Long> ids, Set<String> rejectedFields) {
    static Verdict accepted(Set<Long> ids) {
      return new Verdict(true, ids, Set.of());
    }

    static Verdict rejected(Set<String> fields) {
      return new Verdict(false, Set.of(), fields);
    }
  }

  @BeforeContainer
  static void dockTheSameDataThreeTimes() throws Exception {
    String url = "jdbc:h2:mem:same_verdict;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    keepAlive = DriverManager.getConnection(url);
    try (Statement st = keepAlive.createStatement()) {
      st.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, n BIGINT, amount DECIMAL(20,4), flag BOOLEAN, "
          + "due DATE, stamp TIMESTAMP, label VARCHAR(40))");
      for (Object[] r : ROWS) {
        st.execute("INSERT INTO items VALUES (" + r[0] + ", " + r[1] + ", " + r[2] + ", " + r[3] + ", DATE '" + r[4]
            + "', TIMESTAMP '" + r[5].toString().replace('T', ' ').replace("Z", "") + "', '" + r[6] + "')");
      }
    }
    dir = Files.createTempDirectory("mb-same-verdict");
    Path csv = dir.resolve("items.csv");
    Files.writeString(csv, "id,n,amount,flag,due,stamp,label\n" + ROWS.stream()
        .map(r -> java.util.Arrays.stream(r).map(Object::toString).collect(Collectors.joining(",")))
        .collect(Collectors.joining("\n")) + "\n");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/items", exchange -> {
      Map<String, String> params = new LinkedHashMap<>();
      String q = exchange.getRequestURI().getRawQuery();
      if (q != null) {
        for (String p : q.split("&")) {
          int eq = p.indexOf('=');
          params.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String body;
      int status = 200;
      try {
        body = "{\"data\":[" + ROWS.stream().filter(r -> matchesText(r, params)).map(
            SameVerdictOnEveryAdapterProperties::json).collect(Collectors.joining(",")) + "]}";
      } catch (RuntimeException e) {
        status = 400;
        body = "{\"error\":\"unreadable filter\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    String fields = "[" + FIELDS.stream().map(f -> "{\"name\":\"" + f + "\",\"type\":\"" + TYPES.get(f) + "\""
        + (f.equals("id") ? ",\"required\":true" : "") + "}").collect(Collectors.joining(",")) + "]";
    String input = "[" + FIELDS.stream().map(f -> "{\"name\":\"" + f + "\",\"type\":\"" + TYPES.get(f) + "\"}")
        .collect(Collectors.joining(",")) + "]";
    String query = "{" + FIELDS.stream().map(f -> "\"" + f + "\":\"{" + f + "}\"").collect(Collectors.joining(","))
        + "}";
    String spec = "{\"entities\":[{\"name\":\"items\",\"key\":\"id\",\"fields\":" + fields + "}],"
        + "\"operations\":[{\"name\":\"items.query\",\"entity\":\"items\",\"kind\":\"QUERY\",\"path\":\"/items\","
        + "\"input\":" + input + ",\"query\":" + query + ",\"records\":\"/data\"}]}";
    AdapterRegistry registry = AdapterRegistry.discover();
    adapters = new LinkedHashMap<>();
    adapters.put("jdbc", registry.create("jdbc", AdapterConfig.builder("erp").set("url", url)
        .set("tables", "items").build()));
    adapters.put("file", registry.create("file", AdapterConfig.builder("batch").set("path", csv.toString())
        .set("entity", "items").set("fields", "id INTEGER key; n INTEGER; amount DECIMAL; flag BOOLEAN; "
            + "due DATE; stamp TIMESTAMP; label STRING").build()));
    adapters.put("http", registry.create("http", AdapterConfig.builder("crm")
        .set("baseUrl", "http://127.0.0.1:" + server.getAddress().getPort()).set("spec", spec)
        .set("retry.maxAttempts", "1").build()));
  }

  @AfterContainer
  static void undock() throws IOException, SQLException {
    if (adapters != null) {
      adapters.values().forEach(SystemAdapter::close);
    }
    if (server != null) {
      server.stop(0);
    }
    if (keepAlive != null) {
      try (Statement st = keepAlive.createStatement()) {
        st.execute("DROP TABLE IF EXISTS items");
      }
      keepAlive.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Property(tries = 400)
  void sameCall_getsTheSameVerdict_onEveryAdapter_andItIsTheSpis(@ForAll("fields") String field,
      @ForAll("values") Object value, @ForAll boolean unknownExtra, @ForAll("fields") String secondField,
      @ForAll("values") Object secondValue) {
    Map<String, Object> args = new LinkedHashMap<>();
    if (value != MISSING) {
      args.put(field, value);
    }
    if (secondValue != MISSING && !secondField.equals(field)) {
      args.put(secondField, secondValue);
    }
    if (unknownExtra) {
      args.put("colour", "green");
    }
    Verdict expected = spiVerdict(args);
    for (Map.Entry<String, SystemAdapter> a : adapters.entrySet()) {
      assertThat(verdict(a.getValue(), args)).as("%s on %s", args, a.getKey()).isEqualTo(expected);
    }
  }

  /** Issue 11: JDBC parsed timestamps only with Instant.parse, the file adapter only with OffsetDateTime.parse. */
  @Example
  void timestampArgument_sameOnEveryAdapter() {
    for (Object at : List.of("2024-01-01T00:00:00Z", "2024-01-01T01:00:00+01:00", "2023-12-31T19:00:00-05:00",
        Instant.parse("2024-01-01T00:00:00Z"))) {
      for (Map.Entry<String, SystemAdapter> a : adapters.entrySet()) {
        assertThat(verdict(a.getValue(), Map.of("stamp", at))).as("%s on %s", at, a.getKey())
            .isEqualTo(Verdict.accepted(Set.of(1L)));
      }
    }
    for (Object bad : List.of("2024-01-01T00:00:00", "2024-01-01", "2024-02-30T00:00:00Z", 1_704_067_200_000L)) {
      for (Map.Entry<String, SystemAdapter> a : adapters.entrySet()) {
        assertThat(verdict(a.getValue(), Map.of("stamp", bad))).as("%s on %s", bad, a.getKey())
            .isEqualTo(Verdict.rejected(Set.of("stamp")));
      }
    }
  }

  /** Issue 11: JDBC refused "42" for an INTEGER, while file and HTTP accepted it. */
  @Example
  void integerText_sameOnEveryAdapter() {
    for (Map.Entry<String, SystemAdapter> a : adapters.entrySet()) {
      assertThat(verdict(a.getValue(), Map.of("n", "42"))).as(a.getKey()).isEqualTo(Verdict.accepted(Set.of(1L)));
      assertThat(verdict(a.getValue(), Map.of("n", "4.2e1"))).as(a.getKey()).isEqualTo(Verdict.rejected(Set.of("n")));
      assertThat(verdict(a.getValue(), Map.of("n", 42.0))).as(a.getKey()).isEqualTo(Verdict.accepted(Set.of(1L)));
    }
  }

  private static Verdict verdict(SystemAdapter adapter, Map<String, Object> args) {
    try {
      List<AdapterRecord> records = adapter.execute(OperationRequest.of("items.query", args)).toList();
      return Verdict.accepted(records.stream().map(r -> (Long) r.fields().get("id"))
          .collect(Collectors.toCollection(TreeSet::new)));
    } catch (InputRejectedException e) {
      // A rejection of the call as a whole carries its message, so a failure says what the adapter objected to.
      return Verdict.rejected(e.problems().stream().map(p -> p.field().equals("-") ? "- " + e.getMessage() : p.field())
          .collect(Collectors.toSet()));
    }
  }

  /** The verdict the SPI's rules give, computed here on the rows: the reference every adapter must meet. */
  private static Verdict spiVerdict(Map<String, Object> args) {
    Set<String> rejected = new java.util.HashSet<>();
    Map<String, Object> coerced = new LinkedHashMap<>();
    args.forEach((name, v) -> {
      FieldType t = TYPES.get(name);
      if (t == null) {
        rejected.add(name);
        return;
      }
      Coercion c = t.coerce(v);
      if (c.accepted()) {
        coerced.put(name, c.value());
      } else {
        rejected.add(name);
      }
    });
    if (!rejected.isEmpty()) {
      return Verdict.rejected(rejected);
    }
    Set<Long> ids = new TreeSet<>();
    for (Object[] row : ROWS) {
      boolean all = true;
      for (Map.Entry<String, Object> c : coerced.entrySet()) {
        all &= same(row[FIELDS.indexOf(c.getKey())], c.getValue());
      }
      if (all) {
        ids.add((Long) row[0]);
      }
    }
    return Verdict.accepted(ids);
  }

  private static boolean same(Object a, Object b) {
    return a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
  }

  /** The test server's own filter: reads each parameter as the row's type and compares. */
  private static boolean matchesText(Object[] row, Map<String, String> params) {
    for (Map.Entry<String, String> p : params.entrySet()) {
      int i = FIELDS.indexOf(p.getKey());
      Object want = switch (TYPES.get(p.getKey())) {
        case INTEGER -> Long.parseLong(p.getValue());
        case DECIMAL -> new BigDecimal(p.getValue());
        case BOOLEAN -> Boolean.parseBoolean(p.getValue());
        case DATE -> LocalDate.parse(p.getValue());
        case TIMESTAMP -> Instant.parse(p.getValue());
        case STRING -> p.getValue();
      };
      if (!same(row[i], want)) {
        return false;
      }
    }
    return true;
  }

  private static String json(Object[] r) {
    return "{\"id\":" + r[0] + ",\"n\":" + r[1] + ",\"amount\":" + r[2] + ",\"flag\":" + r[3] + ",\"due\":\"" + r[4]
        + "\",\"stamp\":\"" + r[5] + "\",\"label\":\"" + r[6] + "\"}";
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of(FIELDS);
  }

  /** Every kind of value a caller or a model may send, the list first. */
  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> listed = Arbitraries.of("42", 42, 42L, 42.0, " 42 ", "4.2e1", "4.2", 4.2, "0.1", 0.1,
        new BigDecimal("4.20"), new BigDecimal("4.2E+1"), "2023-02-30", "2020-02-29", "2024-01-01",
        "2024-01-01T00:00:00Z", "2024-01-01T01:00:00+01:00", "2024-01-01T00:00:00", true, false, "true", "yes",
        "forty two", "-5", -5, "", "9223372036854775808", Double.NaN, MISSING, List.of(1), Map.of("a", 1),
        LocalDate.parse("2020-02-29"), Instant.parse("2024-06-01T12:00:00Z"));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, listed),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-10, 50).map(l -> (Object) l)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-10, 50).map(l -> (Object) Long.toString(l))),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("0123456789.-+eE :TZ").ofMaxLength(12)
            .map(s -> (Object) s)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s)));
  }
}
