package io.modelbridge.benchmarks.audit;

import io.modelbridge.security.audit.AuditEvent;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.AuditVerifier;
import io.modelbridge.security.audit.CheckpointKey;
import io.modelbridge.security.audit.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audit log throughput. {@link #groupCommitAppend}: 1000 events appended through {@link AuditLog} (hash
 * chain, a signed HMAC checkpoint every 1000 entries, group commit with fsync per batch), waiting for the
 * last one to be durable; {@link #rawFileChannelBaseline}: the same number of pre-serialized lines of the
 * same size written through a buffered {@link FileChannel} with one fsync per 1000 lines (the ceiling: no
 * JSON, no hashing, no queue). {@link #verify}: a 100,000-entry log verified end to end;
 * {@link #readLinesBaseline}: the same file only split into lines. Scores are per entry (ops/s).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AuditBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AuditBenchmark {

  private static final int BATCH = 1000;
  private static final int VERIFY_ENTRIES = 100_000;
  private static final CheckpointKey KEY = CheckpointKey.hmac(new byte[32]);

  private Path dir;
  private AuditLog log;
  private AuditEvent[] events;
  private FileChannel raw;
  private ByteBuffer rawBuffer;
  private byte[] sampleLine;
  private Path verifyFile;

  /** Opens the log, the raw channel and writes the file to verify. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("audit-bench");
    events = new AuditEvent[BATCH];
    for (int i = 0; i < BATCH; i++) {
      events[i] = new AuditEvent(AuditEvent.Type.TOOL_CALL, "tenant-" + (i % 7), "user-" + i, "corr-" + i,
          "crm_find_customer", Map.of("status", "EXECUTED", "attr.policy.decision", "allow",
              "arguments", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    }
    log = AuditLog.builder(AuditStore.file(dir.resolve("append.log")), KEY).build();
    verifyFile = dir.resolve("verify.log");
    try (AuditLog v = AuditLog.builder(AuditStore.file(verifyFile, false), KEY).build()) {
      CompletableFuture<Long> last = null;
      for (int i = 0; i < VERIFY_ENTRIES; i++) {
        last = v.append(events[i % BATCH]);
      }
      last.join();
    }
    List<String> lines = Files.readAllLines(verifyFile);
    sampleLine = (lines.get(lines.size() / 2) + "\n").getBytes(StandardCharsets.UTF_8);
    raw = FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    rawBuffer = ByteBuffer.allocateDirect(64 * 1024);
  }

  /** Closes everything and deletes the files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    log.close();
    raw.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** 1000 appends with group commit; returns when the last is durable. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long groupCommitAppend() {
    CompletableFuture<Long> last = null;
    for (AuditEvent e : events) {
      last = log.append(e);
    }
    return last.join();
  }

  /** 1000 pre-serialized lines through a 64 KB buffer, one fsync. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long rawFileChannelBaseline() throws IOException {
    for (int i = 0; i < BATCH; i++) {
      if (rawBuffer.remaining() < sampleLine.length) {
        drain();
      }
      rawBuffer.put(sampleLine);
    }
    drain();
    raw.force(false);
    return raw.position();
  }

  private void drain() throws IOException {
    rawBuffer.flip();
    while (rawBuffer.hasRemaining()) {
      raw.write(rawBuffer);
    }
    rawBuffer.clear();
  }

  /** Verifies the 100,000-entry log: hashes, chain, checkpoints, closing checkpoint. */
  @Benchmark
  @OperationsPerInvocation(VERIFY_ENTRIES)
  public long verify() {
    VerificationReport r = AuditVerifier.verify(verifyFile, KEY);
    if (!r.intact()) {
      throw new IllegalStateException(r.toString());
    }
    return r.lines();
  }

  /** Reads the same file and counts its lines (the ceiling for verification). */
  @Benchmark
  @OperationsPerInvocation(VERIFY_ENTRIES)
  public long readLinesBaseline() throws IOException {
    long[] n = new long[1];
    try (InputStream in = Files.newInputStream(verifyFile)) {
      byte[] buf = new byte[1 << 20];
      int r;
      while ((r = in.read(buf)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n[0]++;
          }
        }
      }
    }
    return n[0];
  }
}
