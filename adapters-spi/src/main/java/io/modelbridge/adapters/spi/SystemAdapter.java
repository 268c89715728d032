package io.modelbridge.adapters.spi;

import java.time.Duration;

/**
 * A live connection to one business system: describes itself and executes its operations.
 *
 * <p>A vendor implements {@link #descriptor()}, {@link #execute(OperationRequest)} and {@link #close()};
 * everything else has a default. Implementations must be thread-safe: a host calls {@code execute} from
 * many threads at once. Extending {@link AbstractSystemAdapter} is the simplest way: it binds and coerces
 * the arguments by the SPI's one rule set ({@link OperationDescriptor#bind}), refuses calls after close,
 * and closes the streams still open.
 *
 * <p>Contract checked by the conformance kit ({@code modelbridge-adapters-tck}):
 * <ul>
 *   <li>every operation in the descriptor runs;
 *   <li>READ operations change nothing;
 *   <li>an IDEMPOTENT_WRITE applied twice leaves the same state as applied once;
 *   <li>failures are thrown as the {@link AdapterException} subclass matching their cause;
 *   <li>every returned record carries a {@link SourceRef} with the operation's entity and its key;
 *   <li>a dry run changes nothing;
 *   <li>after {@link #close()} resources are released and {@code execute} fails with
 *       {@link SystemUnavailableException}.
 * </ul>
 */
public interface SystemAdapter extends AutoCloseable {

  /** What this adapter offers. Constant for the adapter's lifetime. */
  AdapterDescriptor descriptor();

  /**
   * Executes one operation.
   *
   * <p>QUERY and SUBSCRIBE return every matching record, lazily; GET returns one record; CREATE and UPDATE
   * return the record as written, with its new version; DELETE returns nothing. A dry run returns what the
   * call would write, without writing.
   *
   * @return the records, to be closed by the caller
   * @throws InputRejectedException if an argument is missing, unknown or invalid (names the field)
   * @throws RecordNotFoundException if GET, UPDATE or DELETE names a key that does not exist
   * @throws VersionConflictException if the expected version is no longer current
   * @throws NotPermittedException if the system refuses for lack of rights
   * @throws SystemUnavailableException if the system cannot be reached; retryable
   */
  RecordStream execute(OperationRequest request);

  /** Checks that the system answers. The default runs nothing and reports UP. */
  default Health health() {
    return new Health(Health.Status.UP, "no health check implemented by this adapter", Duration.ZERO);
  }

  /** Releases connections, threads and files. Idempotent. */
  @Override
  void close();
}
