package io.modelbridge.adapters.spi;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The base of an adapter: does the bookkeeping every adapter needs, so a vendor writes only what its system
 * does. Extend it and implement {@link #descriptor()} and {@link #run}.
 *
 * <p>What the base does, the same way for every adapter:
 * <ul>
 *   <li>{@link #execute} refuses calls after {@link #close()} with {@link SystemUnavailableException}, refuses
 *       an operation the descriptor does not declare, and binds the arguments with
 *       {@link OperationDescriptor#bind} (unknown, missing and incoercible arguments are rejected with one
 *       {@link InputRejectedException} listing every problem) before {@link #run} sees them;
 *   <li>it keeps the record streams handed out with {@link #stream} or {@link #track} and closes the ones
 *       still open when the adapter closes;
 *   <li>{@link #health()} reports DOWN once closed, measures the check's latency and turns a failing check
 *       into DOWN;
 *   <li>{@link #close()} is idempotent and thread-safe, closes the open streams, then calls {@link #release()}
 *       once.
 * </ul>
 *
 * <p>Subclasses must be thread-safe, as {@link SystemAdapter} requires.
 *
 * @since SPI 2
 */
public abstract class AbstractSystemAdapter implements SystemAdapter {

  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<RecordStream> open = ConcurrentHashMap.newKeySet();
  private volatile Map<String, OperationDescriptor> operations;

  /** For subclasses. */
  protected AbstractSystemAdapter() {}

  /**
   * Checks the call and binds its arguments, then runs it with {@link #run}.
   *
   * @throws SystemUnavailableException if the adapter is closed
   * @throws InputRejectedException if the operation is not declared, or an argument is unknown, missing or
   *     not of its field's type (every problem listed)
   */
  @Override
  public final RecordStream execute(OperationRequest request) {
    Objects.requireNonNull(request, "request cannot be null");
    String name = request.operation();
    ensureOpen(name);
    OperationDescriptor op = operations().get(name);
    if (op == null) {
      throw new InputRejectedException(systemId(), name, "-", "is not an operation of this adapter; operations: "
          + operations().keySet(), null);
    }
    Map<String, Object> arguments = op.bind(request.arguments()).orElseThrow(systemId());
    return run(op, arguments, request);
  }

  /**
   * Runs one call whose arguments are bound: every required input is there, nothing else, each value of its
   * field's Java type ({@link FieldType#javaType()}). Throw as {@link SystemAdapter#execute} says; add here
   * what only the system can check (a value out of a column's range), as an {@link InputRejectedException}
   * naming the field.
   *
   * @param operation the declared operation called
   * @param arguments the coerced arguments by field name, in input order; unmodifiable
   * @param request the call as made (for its expected version and dry-run flag)
   * @return the records; return a lazily read stream through {@link #stream} or {@link #track}
   */
  protected abstract RecordStream run(OperationDescriptor operation, Map<String, Object> arguments,
      OperationRequest request);

  /**
   * A stream over {@code records} that the adapter closes if it is still open when the adapter closes.
   *
   * @param onClose releases what the stream holds; called at most once
   * @throws SystemUnavailableException if the adapter closed meanwhile (the stream is closed first)
   */
  protected final RecordStream stream(Iterator<AdapterRecord> records, Runnable onClose) {
    Objects.requireNonNull(onClose, "onClose cannot be null");
    RecordStream[] self = new RecordStream[1];
    self[0] = RecordStream.of(records, () -> {
      try {
        onClose.run();
      } finally {
        open.remove(self[0]);
      }
    });
    return track(self[0]);
  }

  /**
   * Registers a stream of the adapter's own class, so that closing the adapter closes it; the stream must
   * call {@link #untrack} from its {@code close()}. Use {@link #stream} when an iterator will do.
   *
   * @return {@code stream}
   * @throws SystemUnavailableException if the adapter closed meanwhile (the stream is closed first)
   */
  protected final <S extends RecordStream> S track(S stream) {
    Objects.requireNonNull(stream, "stream cannot be null");
    open.add(stream);
    if (closed.get()) {
      stream.close();
      open.remove(stream);
      throw new SystemUnavailableException(systemId(), "-",
          "the adapter was closed while the operation ran; create a new one and repeat the call", null);
    }
    return stream;
  }

  /** Forgets a stream given to {@link #track}; call it from the stream's {@code close()}. Idempotent. */
  protected final void untrack(RecordStream stream) {
    open.remove(stream);
  }

  /** How many streams handed out are still open. */
  protected final int openStreams() {
    return open.size();
  }

  /** Whether {@link #close()} was called. */
  protected final boolean isClosed() {
    return closed.get();
  }

  /**
   * Throws if the adapter is closed.
   *
   * @param operation named in the exception
   * @throws SystemUnavailableException if {@link #close()} was called
   */
  protected final void ensureOpen(String operation) {
    if (closed.get()) {
      throw new SystemUnavailableException(systemId(), operation,
          "the adapter is closed; create a new one from its provider", null);
    }
  }

  /** The id of the docked system, from the descriptor. */
  protected final String systemId() {
    return descriptor().systemId();
  }

  /**
   * Reports DOWN once closed; otherwise runs {@link #checkHealth()}, measures its latency (when the check
   * reports {@link Duration#ZERO}) and turns an exception it throws into DOWN naming the exception's type.
   */
  @Override
  public final Health health() {
    if (closed.get()) {
      return new Health(Health.Status.DOWN, "the adapter is closed", Duration.ZERO);
    }
    long start = System.nanoTime();
    try {
      Health h = Objects.requireNonNull(checkHealth(), "checkHealth() returned null");
      return h.latency().isZero() ? new Health(h.status(), h.detail(), Duration.ofNanos(System.nanoTime() - start))
          : h;
    } catch (RuntimeException e) {
      return new Health(Health.Status.DOWN, "the health check failed (" + e.getClass().getSimpleName() + ")",
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * Checks that the system answers; called only while the adapter is open. The default runs nothing and
   * reports UP. Report {@link Duration#ZERO} as latency to have the base measure it.
   */
  protected Health checkHealth() {
    return new Health(Health.Status.UP, "no health check implemented by this adapter", Duration.ZERO);
  }

  /**
   * Closes the streams still open, then {@link #release()}s the adapter's own resources. Idempotent; after
   * it, {@link #execute} throws {@link SystemUnavailableException}.
   */
  @Override
  public final void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException failure = null;
    for (RecordStream s : List.copyOf(open)) {
      try {
        s.close();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      } finally {
        open.remove(s);
      }
    }
    try {
      release();
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Releases the adapter's own resources (threads, pools, files); called once, after the streams closed. */
  protected void release() {}

  private static RuntimeException add(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private Map<String, OperationDescriptor> operations() {
    Map<String, OperationDescriptor> ops = operations;
    if (ops == null) {
      Map<String, OperationDescriptor> m = new LinkedHashMap<>();
      descriptor().operations().forEach(o -> m.put(o.name(), o));
      ops = java.util.Collections.unmodifiableMap(m);
      operations = ops;
    }
    return ops;
  }
}
