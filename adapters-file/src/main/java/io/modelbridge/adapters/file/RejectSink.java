package io.modelbridge.adapters.file;

/**
 * Receives every line a query could not read, as it is met (given to the adapter as the
 * {@code rejectSink} object configuration key). Typical sinks write a reject file for the batch team or
 * count into metrics. Called on the thread that iterates the stream.
 *
 * <p>A sink that throws ends the query with an {@link io.modelbridge.adapters.spi.AdapterException}: a
 * reject must not be lost.
 */
@FunctionalInterface
public interface RejectSink {

  /** Takes one rejected line. */
  void reject(RejectedLine line);
}
