package io.modelbridge.pipeline.feedback;

import java.nio.file.Path;
import java.util.List;

/**
 * Where feedback on answers is kept. The built-in default is a JSON-lines file ({@link #file(Path)}).
 * Implementations must be thread-safe.
 */
public interface FeedbackStore {

  /**
   * Records one feedback durably.
   *
   * @throws FeedbackException if it cannot be stored
   */
  void record(Feedback feedback);

  /**
   * Every feedback recorded, oldest first.
   *
   * @throws FeedbackException if the store cannot be read
   */
  List<Feedback> all();

  /** The acceptance report per pack version over everything recorded. */
  default FeedbackReport report() {
    return FeedbackReport.of(all());
  }

  /** A store appending one JSON object per line to {@code file} (created if absent), flushed per record. */
  static FeedbackStore file(Path file) {
    return new FileFeedbackStore(file);
  }
}
