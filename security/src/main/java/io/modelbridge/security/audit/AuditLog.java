package io.modelbridge.security.audit;

import io.modelbridge.security.audit.internal.EntryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tamper-evident audit log: appends events as hash-chained entries and writes a signed checkpoint every
 * {@code checkpointEvery} entries and on {@link #close()}. Appends are group-committed: callers enqueue,
 * one writer thread takes everything queued (up to {@code maxBatch}), chains and writes it with one store
 * append (one fsync for the file store), then completes the callers' futures. Wait on the future for
 * durability, or do not.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.builder(AuditStore.file(path), key).build()) {
 *   long seq = log.append(event).join(); // durable when it returns
 * }
 * }</pre>
 *
 * <p>Thread-safe. If the store fails, every pending and later append fails with {@link AuditException}:
 * the chain cannot continue past an entry whose fate is unknown.
 */
public final class AuditLog implements AutoCloseable {

  private final AuditStore store;
  private final CheckpointKey key;
  private final int checkpointEvery;
  private final int maxBatch;
  private final Clock clock;
  private final java.util.function.Consumer<Anchor> onCheckpoint;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final EntryCodec codec = new EntryCodec();
  private volatile boolean closing;
  private volatile AuditException failure;
  private long nextSeq;
  private String lastHash;
  private int sinceCheckpoint;

  private record Pending(AuditEvent event, CompletableFuture<Long> done) {}

  private static final Pending CLOSE = new Pending(null, null);

  private AuditLog(Builder b) {
    this.store = b.store;
    this.key = b.key;
    this.checkpointEvery = b.checkpointEvery;
    this.maxBatch = b.maxBatch;
    this.clock = b.clock;
    this.onCheckpoint = b.onCheckpoint;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    List<byte[]> recovery = resume();
    if (!recovery.isEmpty()) {
      store.append(recovery);
    }
    this.writer = new Thread(this::run, "modelbridge-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Starts a builder.
   *
   * @param store where entries go
   * @param key signs the checkpoints; must be able to sign
   * @throws IllegalArgumentException if the key can only verify
   */
  public static Builder builder(AuditStore store, CheckpointKey key) {
    return new Builder(store, key);
  }

  private List<byte[]> resume() {
    var last = store.lastLine();
    if (last.isEmpty()) {
      nextSeq = 1;
      lastHash = EntryCodec.GENESIS;
      return List.of();
    }
    byte[] line = last.get();
    var parsed = codec.parse(line, 0, line.length).orElseThrow(() -> new AuditException(
        "the last entry of the audit " + store + " is not a valid entry; run 'modelbridge audit verify'"));
    if (!parsed.hashValid()) {
      throw new AuditException("the last entry (seq " + parsed.seq() + ") of the audit " + store
          + " does not match its hash; run 'modelbridge audit verify' before appending");
    }
    nextSeq = parsed.seq() + 1;
    lastHash = parsed.hash();
    boolean closedCleanly = parsed.type().equals(AuditEvent.Type.CHECKPOINT.name())
        && new String(line, StandardCharsets.UTF_8).contains("\"closing\":\"true\"");
    if (closedCleanly) {
      return List.of();
    }
    // The previous writer did not close: say so in the chain, and sign what is there now.
    List<byte[]> out = new ArrayList<>();
    out.add(encode(new AuditEvent(AuditEvent.Type.RECOVERY, "-", "audit-log", "-", "reopen",
        Map.of("previousCloseClean", "false", "resumedAfterSeq", Long.toString(parsed.seq())))));
    out.add(checkpoint(false));
    return out;
  }

  /**
   * Enqueues an event; blocks while the queue is full.
   *
   * @return completes with the entry's sequence number once the store holds it durably, or exceptionally
   *     with {@link AuditException} if the store failed
   * @throws AuditException if the log is closed or has failed
   */
  public CompletableFuture<Long> append(AuditEvent event) {
    Objects.requireNonNull(event, "event cannot be null");
    if (failure != null) {
      throw failure;
    }
    if (closing) {
      throw new AuditException("audit log on " + store + " is closed; the event was not recorded");
    }
    var p = new Pending(event, new CompletableFuture<>());
    try {
      queue.put(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while waiting for room in the audit queue; event not recorded", e);
    }
    return p.done;
  }

  /**
   * Whether the log still accepts appends: not closed and its store has not failed. Hooks use this to
   * refuse calls that could not be recorded.
   */
  public boolean healthy() {
    return failure == null && !closing;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    List<byte[]> lines = new ArrayList<>(maxBatch + maxBatch / Math.max(1, checkpointEvery) + 2);
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue;
      }
      queue.drainTo(batch, maxBatch - 1);
      lines.clear();
      long[] seqs = new long[batch.size()];
      try {
        for (int i = 0; i < batch.size(); i++) {
          Pending p = batch.get(i);
          if (p == CLOSE) {
            stop = true;
            continue;
          }
          seqs[i] = nextSeq;
          lines.add(encode(p.event));
          if (++sinceCheckpoint >= checkpointEvery) {
            lines.add(checkpoint(false));
          }
        }
        if (stop) {
          lines.add(checkpoint(true));
        }
        if (failure == null && !lines.isEmpty()) {
          store.append(lines);
          if (pendingAnchor != null) {
            Anchor a = pendingAnchor;
            pendingAnchor = null;
            try {
              onCheckpoint.accept(a);
            } catch (RuntimeException e) {
              // the embedder's anchor sink must not stop the log; the anchor is in the log anyway
            }
          }
        }
        for (int i = 0; i < batch.size(); i++) {
          Pending p = batch.get(i);
          if (p != CLOSE) {
            if (failure != null) {
              p.done.completeExceptionally(failure);
            } else {
              p.done.complete(seqs[i]);
            }
          }
        }
      } catch (RuntimeException e) {
        failure = e instanceof AuditException ? (AuditException) e
            : new AuditException("audit log on " + store + " failed: " + e, e);
        batch.forEach(p -> {
          if (p != CLOSE) {
            p.done.completeExceptionally(failure);
          }
        });
      }
      batch.clear();
    }
    // appends that raced with close() and queued behind the close marker: fail them, never leave them hanging
    List<Pending> late = new ArrayList<>();
    queue.drainTo(late);
    AuditException closed = new AuditException("audit log on " + store + " was closed before the event was "
        + "recorded");
    late.forEach(p -> p.done.completeExceptionally(closed));
  }

  private byte[] encode(AuditEvent e) {
    var enc = codec.encode(nextSeq, lastHash, clock.instant().toString(), e.type().name(), e.tenant(),
        e.principal(), e.correlationId(), e.action(), e.details());
    nextSeq++;
    lastHash = enc.hash();
    return enc.line();
  }

  private byte[] checkpoint(boolean closing) {
    long covers = nextSeq - 1;
    String coversHash = lastHash;
    byte[] sig = key.sign(CheckpointKey.payload(covers, coversHash, closing));
    sinceCheckpoint = 0;
    byte[] line = encode(new AuditEvent(AuditEvent.Type.CHECKPOINT, "-", "audit-log", "-", "checkpoint", Map.of(
        "alg", key.algorithm(),
        "closing", Boolean.toString(closing),
        "covers", Long.toString(covers),
        "coversHash", coversHash,
        "sig", Base64.getEncoder().encodeToString(sig))));
    pendingAnchor = new Anchor(nextSeq - 1, lastHash);
    return line;
  }

  private Anchor pendingAnchor;

  /**
   * Writes what is queued, a closing signed checkpoint, and closes the store. Idempotent.
   *
   * @throws AuditException if the closing checkpoint cannot be written
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      queue.put(CLOSE);
      writer.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Builder of {@link AuditLog}. */
  public static final class Builder {
    private final AuditStore store;
    private final CheckpointKey key;
    private int checkpointEvery = 1000;
    private int maxBatch = 8192;
    private int queueCapacity = 65536;
    private Clock clock = Clock.systemUTC();
    private java.util.function.Consumer<Anchor> onCheckpoint = a -> {};

    private Builder(AuditStore store, CheckpointKey key) {
      this.store = Objects.requireNonNull(store, "store cannot be null");
      this.key = Objects.requireNonNull(key, "key cannot be null");
      if (!key.canSign()) {
        throw new IllegalArgumentException("the audit log needs a signing checkpoint key (Ed25519 private key "
            + "or HMAC secret), got a verify-only key");
      }
    }

    /** A signed checkpoint after this many entries (default 1000); also one on close. */
    public Builder checkpointEvery(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("checkpointEvery must be at least 1, was " + entries);
      }
      this.checkpointEvery = entries;
      return this;
    }

    /** At most this many events per group commit (default 8192). */
    public Builder maxBatch(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("maxBatch must be at least 1, was " + events);
      }
      this.maxBatch = events;
      return this;
    }

    /** Events that may wait for the writer before {@code append} blocks (default 65536). */
    public Builder queueCapacity(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1, was " + events);
      }
      this.queueCapacity = events;
      return this;
    }

    /**
     * Called on the writer thread with the (seq, hash) of each checkpoint entry once it is durable: ship
     * it to another system to keep an external {@link Anchor} (see {@link AuditVerifier}). Must be quick;
     * its failures are ignored.
     */
    public Builder onCheckpoint(java.util.function.Consumer<Anchor> sink) {
      this.onCheckpoint = Objects.requireNonNull(sink, "sink cannot be null");
      return this;
    }

    /** The clock for entry timestamps (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock cannot be null");
      return this;
    }

    /**
     * Opens the log, resuming the chain from the store's last entry. A log that was not closed cleanly
     * gets a RECOVERY entry and a checkpoint first.
     *
     * @throws AuditException if the store's tail is torn or does not verify
     */
    public AuditLog build() {
      return new AuditLog(this);
    }
  }
}
