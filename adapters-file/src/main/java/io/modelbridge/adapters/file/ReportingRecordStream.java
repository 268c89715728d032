package io.modelbridge.adapters.file;

import io.modelbridge.adapters.spi.RecordStream;

/**
 * The stream a QUERY of the file adapter returns: a {@link RecordStream} that also tells what it met so
 * far, including the lines it had to reject.
 *
 * <pre>{@code
 * try (RecordStream stream = adapter.execute(OperationRequest.of("orders.query", Map.of()))) {
 *   stream.forEachRemaining(this::process);
 *   ReadReport report = ((ReportingRecordStream) stream).report();
 * }
 * }</pre>
 */
public interface ReportingRecordStream extends RecordStream {

  /** The counts and first rejects so far; final once the stream is exhausted. */
  ReadReport report();
}
