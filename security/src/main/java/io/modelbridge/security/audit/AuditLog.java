package io.modelbridge.security.audit;

import io.modelbridge.security.audit.internal.EntryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The tamper-evident audit log: appends events as hash-chained entries and writes a signed checkpoint every
 * {@code checkpointEvery} entries, every {@code checkpointInterval} (when set) and on {@link #close()}. Each
 * checkpoint is also written, signed, to an {@link AnchorStore} (by default {@code <log>.anchors} beside a
 * file log), so that {@link AuditVerifier} can prove the log was not cut back to an earlier checkpoint. Appends are group-committed: callers enqueue,
 * one writer thread takes everything queued (up to {@code maxBatch}), chains and writes it with one store
 * append (one fsync for the file store), then completes the callers' futures. Wait on the future for
 * durability, or do not.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.builder(AuditStore.file(path), key).build()) { // anchors in path.anchors
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
  private final Duration checkpointInterval;
  private final int maxBatch;
  private final Clock clock;
  private final Consumer<Anchor> onCheckpoint;
  private final AnchorStore anchors;
  private final List<PendingAnchor> pendingAnchors = new ArrayList<>();
  private Instant lastCheckpointAt;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final EntryCodec codec = new EntryCodec();
  private volatile boolean closing;
  private volatile AuditException failure;
  private long nextSeq;
  private String lastHash;
  private int sinceCheckpoint;

  private record Pending(AuditEvent event, CompletableFuture<Long> done) {}

  private record PendingAnchor(Anchor anchor, boolean closing) {}

  /** One entry too long for the store; fails that append only. */
  private static final class EntryTooLong extends AuditException {
    private static final long serialVersionUID = 1L;

    EntryTooLong(String message) {
      super(message);
    }
  }

  private static final Pending CLOSE = new Pending(null, null);

  private AuditLog(Builder b) {
    this.store = b.store;
    this.key = b.key;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointInterval = b.checkpointInterval;
    this.maxBatch = b.maxBatch;
    this.clock = b.clock;
    this.onCheckpoint = b.onCheckpoint;
    this.anchors = b.anchors;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.lastCheckpointAt = clock.instant();
    List<byte[]> recovery = resume();
    if (!recovery.isEmpty()) {
      write(recovery);
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
    Optional<Anchor> anchored = lastAnchor();
    var last = store.lastLine();
    if (last.isEmpty()) {
      nextSeq = 1;
      lastHash = EntryCodec.GENESIS;
      if (anchored.isEmpty()) {
        return List.of();
      }
      return recovery("true", 0, anchored);
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
    // Anchors are written after the entries they name, so a log that ends before its last anchor was cut.
    boolean cut = anchored.isPresent() && (anchored.get().seq() > parsed.seq()
        || anchored.get().seq() == parsed.seq() && !anchored.get().hash().equals(parsed.hash()));
    if (closedCleanly && !cut) {
      return List.of();
    }
    return recovery(Boolean.toString(closedCleanly), parsed.seq(), cut ? anchored : Optional.empty());
  }

  /** The previous writer did not close, or the log was cut: say so in the chain, and sign what is there now. */
  private List<byte[]> recovery(String previousCloseClean, long resumedAfter, Optional<Anchor> cutBefore) {
    Map<String, String> data = new TreeMap<>();
    data.put("previousCloseClean", previousCloseClean);
    data.put("resumedAfterSeq", Long.toString(resumedAfter));
    cutBefore.ifPresent(a -> {
      data.put("anchoredSeq", Long.toString(a.seq()));
      data.put("reason", "the log ends at seq " + resumedAfter + " but its anchors name seq " + a.seq()
          + ": entries were cut");
    });
    List<byte[]> out = new ArrayList<>();
    out.add(encode(new AuditEvent(AuditEvent.Type.RECOVERY, "-", "audit-log", "-", "reopen", data)));
    out.add(checkpoint(false));
    return out;
  }

  private Optional<Anchor> lastAnchor() {
    if (anchors == null) {
      return Optional.empty();
    }
    return anchors.lastRecord().map(r -> {
      try {
        return AnchorRecords.parse(r, key).anchor();
      } catch (IllegalArgumentException e) {
        throw new AuditException("the last record of the " + anchors + " is not a valid anchor of this log ("
            + e.getMessage() + "); run 'modelbridge audit verify' before appending");
      }
    });
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
        Pending first = checkpointInterval == null ? queue.take()
            : queue.poll(Math.max(10, checkpointInterval.toMillis()), TimeUnit.MILLISECONDS);
        if (first == null) {
          idleCheckpoint();
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        continue;
      }
      queue.drainTo(batch, maxBatch - 1);
      lines.clear();
      long[] seqs = new long[batch.size()];
      AuditException[] refused = new AuditException[batch.size()];
      try {
        for (int i = 0; i < batch.size(); i++) {
          Pending p = batch.get(i);
          if (p == CLOSE) {
            stop = true;
            continue;
          }
          seqs[i] = nextSeq;
          try {
            lines.add(encode(p.event));
          } catch (EntryTooLong e) {
            refused[i] = e;
            continue;
          }
          if (++sinceCheckpoint >= checkpointEvery) {
            lines.add(checkpoint(false));
          }
        }
        if (stop) {
          lines.add(checkpoint(true));
        } else if (checkpointDue()) {
          lines.add(checkpoint(false));
        }
        if (failure == null && !lines.isEmpty()) {
          write(lines);
        }
        for (int i = 0; i < batch.size(); i++) {
          Pending p = batch.get(i);
          if (p != CLOSE) {
            if (failure != null) {
              p.done.completeExceptionally(failure);
            } else if (refused[i] != null) {
              p.done.completeExceptionally(refused[i]);
            } else {
              p.done.complete(seqs[i]);
            }
          }
        }
      } catch (RuntimeException e) {
        fail(e);
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

  private boolean checkpointDue() {
    return checkpointInterval != null && sinceCheckpoint > 0
        && !clock.instant().isBefore(lastCheckpointAt.plus(checkpointInterval));
  }

  /** No event for a while: sign the entries written since the last checkpoint once the interval is over. */
  private void idleCheckpoint() {
    if (failure != null || !checkpointDue()) {
      return;
    }
    try {
      write(List.of(checkpoint(false)));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException e) {
    pendingAnchors.clear();
    failure = e instanceof AuditException ? (AuditException) e
        : new AuditException("audit log on " + store + " failed: " + e, e);
  }

  /** Appends to the store, then anchors the checkpoints among the lines: an anchor never names a lost entry. */
  private void write(List<byte[]> lines) {
    store.append(lines);
    String ts = clock.instant().toString();
    for (PendingAnchor a : pendingAnchors) {
      if (anchors != null) {
        anchors.append(AnchorRecords.encode(a.anchor(), a.closing(), ts, key));
      }
      try {
        onCheckpoint.accept(a.anchor());
      } catch (RuntimeException e) {
        // the embedder's anchor sink must not stop the log; the anchor is in the log and the anchor store
      }
    }
    pendingAnchors.clear();
  }

  private byte[] encode(AuditEvent e) {
    var enc = codec.encode(nextSeq, lastHash, clock.instant().toString(), e.type().name(), e.tenant(),
        e.principal(), e.correlationId(), e.action(), e.details());
    if (enc.line().length - 1 > AuditStore.MAX_LINE_BYTES) {
      throw new EntryTooLong("the audit entry for action '" + e.action() + "' is " + (enc.line().length - 1)
          + " bytes, more than the limit of " + AuditStore.MAX_LINE_BYTES + " bytes per entry; it was not "
          + "recorded (store large payloads elsewhere and audit their digest)");
    }
    nextSeq++;
    lastHash = enc.hash();
    return enc.line();
  }

  private byte[] checkpoint(boolean closing) {
    long covers = nextSeq - 1;
    String coversHash = lastHash;
    byte[] sig = key.sign(CheckpointKey.payload(covers, coversHash, closing));
    sinceCheckpoint = 0;
    lastCheckpointAt = clock.instant();
    byte[] line = encode(new AuditEvent(AuditEvent.Type.CHECKPOINT, "-", "audit-log", "-", "checkpoint", Map.of(
        "alg", key.algorithm(),
        "closing", Boolean.toString(closing),
        "covers", Long.toString(covers),
        "coversHash", coversHash,
        "sig", Base64.getEncoder().encodeToString(sig))));
    pendingAnchors.add(new PendingAnchor(new Anchor(nextSeq - 1, lastHash), closing));
    return line;
  }

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
      try {
        store.close();
      } finally {
        if (anchors != null) {
          anchors.close();
        }
      }
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
    private Duration checkpointInterval;
    private int maxBatch = 8192;
    private int queueCapacity = 65536;
    private Clock clock = Clock.systemUTC();
    private Consumer<Anchor> onCheckpoint = a -> {};
    private AnchorStore anchors;
    private boolean anchorsChosen;

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

    /**
     * Also a signed checkpoint once this much time (on the builder's {@link #clock}) has passed since the last
     * one, if entries were written since: a crash then leaves at most this long unsigned. Default: none
     * (count and close only).
     *
     * @throws IllegalArgumentException if the interval is zero or negative
     */
    public Builder checkpointInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval cannot be null");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("checkpointInterval must be positive, was " + interval);
      }
      this.checkpointInterval = interval;
      return this;
    }

    /**
     * Where every checkpoint is also written, signed (see {@link AnchorStore}). Default: the store's
     * {@link AuditStore#defaultAnchors()} ({@code <log>.anchors} for a file log); a store without a default
     * needs this or {@link #withoutAnchors()}. The log owns the anchor store and closes it.
     */
    public Builder anchors(AnchorStore anchors) {
      this.anchors = Objects.requireNonNull(anchors, "anchors cannot be null");
      this.anchorsChosen = true;
      return this;
    }

    /**
     * Writes no anchors. The verifier can then prove only prefix integrity: a log cut back to one of its
     * checkpoints, even one reopened afterwards, verifies as intact.
     */
    public Builder withoutAnchors() {
      this.anchors = null;
      this.anchorsChosen = true;
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
    public Builder onCheckpoint(Consumer<Anchor> sink) {
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
     * A log that ends before its last anchor (it was cut) gets a RECOVERY entry that names the anchored seq.
     *
     * @throws IllegalStateException if anchors were not chosen and the store has no default place for them
     * @throws AuditException if the store's tail is torn or does not verify, or the last anchor does not
     *     verify
     */
    public AuditLog build() {
      if (!anchorsChosen) {
        anchors = store.defaultAnchors().orElseThrow(() -> new IllegalStateException("the audit " + store
            + " has no default place for anchors: choose .anchors(AnchorStore.jdbc(...) or AnchorStore.file(...))"
            + " so that a cut log is detected, or .withoutAnchors() to accept prefix integrity only"));
      }
      return new AuditLog(this);
    }
  }
}
