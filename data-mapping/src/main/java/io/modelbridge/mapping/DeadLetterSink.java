package io.modelbridge.mapping;

/**
 * Where rejected records go so that nothing is lost. The default is {@link FileDeadLetterSink} (JSON lines
 * on disk); implement this to send them to a queue or a table.
 *
 * <p>Implementations must be thread-safe when shared by parallel mappings.
 */
@FunctionalInterface
public interface DeadLetterSink {

  /**
   * Stores one rejected record durably (as far as the implementation promises).
   *
   * @throws io.modelbridge.core.ModelBridgeException if it cannot be stored; the caller stops, because
   *     continuing would lose the record
   */
  void accept(Rejection rejection);

  /** A sink that discards everything: for tests and callers that keep the rejections themselves. */
  static DeadLetterSink discarding() {
    return r -> {};
  }
}
