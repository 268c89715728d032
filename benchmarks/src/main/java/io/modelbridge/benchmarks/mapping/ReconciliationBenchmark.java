package io.modelbridge.benchmarks.mapping;

import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.mapping.reconcile.ReconciliationReport;
import io.modelbridge.mapping.reconcile.Reconciler;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Warmup;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Reconciling 1,000,000 customers against 1,000,000 in a JVM limited to 256 MB of heap: once with both
 * inputs ordered by key (sort-merge), once with both shuffled (external sort spilling to temp files). The
 * inputs are generated lazily, so the heap holds only what the reconciler keeps. Every 100th right-side
 * customer has a different credit limit, every 1000th left-side key is missing on the right; the run fails
 * if the report does not say exactly that.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ReconciliationBenchmark -f 1 -wi 0 -i 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ReconciliationBenchmark {

  static final int N = 1_000_000;

  /** {@code sorted}: both inputs in key order (sort-merge); {@code unsorted}: both scattered (external sort). */
  @Param({"sorted", "unsorted"})
  public String order;

  /** Prints the peak heap use of the fork, so the record shows the run stayed inside the 256 MB heap. */
  @TearDown(Level.Trial)
  public void reportHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("%n[heap] order=%s max=%d MB, sum of per-pool peaks=%d MB%n", order,
        Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
  }

  /** One reconciliation of 1M vs 1M; fails unless the report is exactly the generated differences. */
  @Benchmark
  public ReconciliationReport reconcileMillion() {
    boolean sorted = order.equals("sorted");
    Reconciler reconciler = Reconciler.builder().runSize(20_000).sampleSize(10).build();
    ReconciliationReport r = sorted
        ? reconciler.reconcileSorted(new Customers(false, sorted), new Customers(true, sorted), d -> {})
        : reconciler.reconcile(new Customers(false, sorted), new Customers(true, sorted), d -> {});
    long missing = N / 1000;
    // ids divisible by 100 differ; none of them is among the missing ids (id % 1000 == 999)
    if (r.left() != N || r.right() != N - missing || r.missingRight() != missing || r.missingLeft() != 0
        || r.mismatched() != N / 100 || r.fieldMismatches() != N / 100) {
      throw new IllegalStateException("unexpected report " + r);
    }
    return r;
  }

  /** Customers generated on demand: keys C0000000.. in order, or in a scrambled but complete order. */
  static final class Customers implements Iterator<CanonicalEntity> {
    final boolean right;
    final boolean sorted;
    int i;

    Customers(boolean right, boolean sorted) {
      this.right = right;
      this.sorted = sorted;
    }

    @Override
    public boolean hasNext() {
      skipMissing();
      return i < N;
    }

    private void skipMissing() {
      while (right && i < N && id(i) % 1000 == 999) {
        i++;
      }
    }

    private int id(int position) {
      // a bijection on [0, N) that scatters keys: multiply by a number coprime to N
      return sorted ? position : (int) ((position * 7_919L + 13) % N);
    }

    @Override
    public CanonicalEntity next() {
      skipMissing();
      if (i >= N) {
        throw new NoSuchElementException();
      }
      int id = id(i++);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("customerId", key(id));
      fields.put("name", "Customer " + id);
      fields.put("city", "City " + (id % 500));
      fields.put("country", "DE");
      fields.put("creditLimit", BigDecimal.valueOf(1000 + (right && id % 100 == 0 ? 1 : 0) + id % 7, 0));
      fields.put("active", id % 3 != 0);
      return new CanonicalEntity("customer", key(id), fields, Optional.empty());
    }

    static String key(int id) {
      String s = Integer.toString(id);
      return "C" + "0000000".substring(s.length()) + s;
    }
  }
}
