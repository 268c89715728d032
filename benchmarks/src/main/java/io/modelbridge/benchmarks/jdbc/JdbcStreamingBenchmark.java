package io.modelbridge.benchmarks.jdbc;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Streams a 1,000,000-row H2 table through the JDBC adapter ({@code big.query}: typed values, a record with
 * its source and a version per row, derived from a hash of the row or, in {@code adapterStreamVersionColumn},
 * read from a version column) against plain JDBC reading the same rows with the same query,
 * fetch size and ordering (the baseline), and against plain JDBC handing each row on as a map (a second
 * baseline). Goal: the adapter at least 0.8 x the baseline's throughput.
 *
 * <p>Run: {@code cd /work/main && mvn -B -q -pl benchmarks package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar JdbcStreamingBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcStreamingBenchmark {

  private static final String URL = "jdbc:h2:mem:jdbc_streaming_bench;DB_CLOSE_DELAY=-1";
  private static final String QUERY =
      "SELECT \"id\", \"label\", \"amount\", \"due\", \"rev\" FROM \"big\" ORDER BY \"id\"";

  /** Rows in the table. */
  @Param("1000000")
  public int rows;

  /** Rows per round trip, for both sides. */
  @Param("1000")
  public int fetchSize;

  private Connection keepAlive;
  private SystemAdapter adapter;
  private SystemAdapter versionedAdapter;

  /** Creates and fills the table, and the adapter over it. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    keepAlive = DriverManager.getConnection(URL);
    try (Statement st = keepAlive.createStatement()) {
      st.execute("DROP TABLE IF EXISTS \"big\"");
      st.execute("CREATE TABLE \"big\" (\"id\" BIGINT PRIMARY KEY, \"label\" VARCHAR(20) NOT NULL, "
          + "\"amount\" DECIMAL(12,2), \"due\" DATE, \"rev\" INTEGER NOT NULL)");
      st.execute("INSERT INTO \"big\" SELECT X, 'row ' || X, X * 0.01, DATE '2024-01-01' + MOD(X, 365), 1 "
          + "FROM SYSTEM_RANGE(1, " + rows + ")");
    }
    adapter = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("bench")
        .set("url", URL).set("tables", "big").set("fetchSize", String.valueOf(fetchSize)).build());
    versionedAdapter = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("bench")
        .set("url", URL).set("tables", "big").set("fetchSize", String.valueOf(fetchSize))
        .set("versionColumns", "big.rev").build());
    // The in-memory table is a large, long-lived object graph: move it out of the young generation now, so
    // that the first measured iterations do not pay for copying it.
    System.gc();
    System.gc();
  }

  /** Closes the adapter and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    adapter.close();
    versionedAdapter.close();
    keepAlive.close();
  }

  /** Baseline: plain JDBC, each value read with its typed getter. */
  @Benchmark
  public long plainJdbc(Blackhole bh) throws SQLException {
    long n = 0;
    try (Connection c = DriverManager.getConnection(URL)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(QUERY, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(fetchSize);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            bh.consume(rs.getLong(1));
            bh.consume(rs.getString(2));
            bh.consume(rs.getBigDecimal(3));
            bh.consume(rs.getObject(4, java.time.LocalDate.class));
            bh.consume(rs.getInt(5));
            n++;
          }
        }
      }
      c.rollback();
    }
    return n;
  }

  /**
   * Second baseline: plain JDBC handing each row on as a map of column name to value, as hand-written
   * data access code does when rows leave the method that reads them.
   */
  @Benchmark
  public long plainJdbcRowMaps(Blackhole bh) throws SQLException {
    long n = 0;
    try (Connection c = DriverManager.getConnection(URL)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(QUERY, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(fetchSize);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", rs.getLong(1));
            row.put("label", rs.getString(2));
            row.put("amount", rs.getBigDecimal(3));
            row.put("due", rs.getObject(4, java.time.LocalDate.class));
            row.put("rev", rs.getInt(5));
            bh.consume(row);
            n++;
          }
        }
      }
      c.rollback();
    }
    return n;
  }

  /**
   * The adapter with {@code rev} configured as version column: the version is that column's value
   * instead of a hash of the row.
   */
  @Benchmark
  public long adapterStreamVersionColumn(Blackhole bh) {
    long n = 0;
    try (RecordStream s = versionedAdapter.execute(OperationRequest.of("big.query", Map.of()))) {
      while (s.hasNext()) {
        bh.consume(s.next());
        n++;
      }
    }
    return n;
  }

  /** The adapter: the same rows as {@link AdapterRecord}s with their sources, versioned by a row hash. */
  @Benchmark
  public long adapterStream(Blackhole bh) {
    long n = 0;
    try (RecordStream s = adapter.execute(OperationRequest.of("big.query", Map.of()))) {
      while (s.hasNext()) {
        bh.consume(s.next());
        n++;
      }
    }
    return n;
  }
}
