package io.modelbridge.adapters.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The records an operation returns, read lazily so that an operation can return millions of rows without
 * holding them in memory (a JDBC cursor, HTTP pages fetched on demand, a file read line by line).
 *
 * <p>Single-use and not thread-safe. Always close it (try-with-resources): closing releases the cursor,
 * connection or file. Iteration may throw {@link AdapterException} when the system fails mid-stream.
 */
public interface RecordStream extends Iterator<AdapterRecord>, AutoCloseable {

  /** Releases what the stream holds; idempotent. */
  @Override
  void close();

  /** A stream over records already in memory; like every stream, it ends once closed. */
  static RecordStream of(List<AdapterRecord> records) {
    return of(List.copyOf(records).iterator(), () -> {});
  }

  /** An empty stream. */
  static RecordStream empty() {
    return of(List.of());
  }

  /**
   * A stream over an iterator, releasing {@code onClose} when closed.
   *
   * @param iterator yields the records; may throw {@link AdapterException}
   * @param onClose releases resources; called at most once
   */
  static RecordStream of(Iterator<AdapterRecord> iterator, Runnable onClose) {
    Objects.requireNonNull(iterator, "iterator cannot be null");
    Objects.requireNonNull(onClose, "onClose cannot be null");
    return new RecordStream() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        return !closed && iterator.hasNext();
      }

      @Override
      public AdapterRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException("record stream is exhausted or closed");
        }
        return iterator.next();
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          onClose.run();
        }
      }
    };
  }

  /** Reads every remaining record into a list and closes the stream. For small results only. */
  default List<AdapterRecord> toList() {
    try (this) {
      List<AdapterRecord> out = new ArrayList<>();
      forEachRemaining(out::add);
      return out;
    }
  }

  /** The remaining records as a sequential {@link Stream}; closing the Stream closes this. */
  default Stream<AdapterRecord> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
        .onClose(this::close);
  }
}
