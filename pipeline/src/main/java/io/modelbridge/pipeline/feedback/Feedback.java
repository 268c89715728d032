package io.modelbridge.pipeline.feedback;

import java.time.Instant;
import java.util.Objects;

/**
 * What a user did with one answer, recorded against the domain pack version that produced it.
 *
 * @param packId the pack id
 * @param packVersion the pack version
 * @param task the pack task
 * @param correlationId the answer's correlation id ({@code PipelineResult.correlationId()})
 * @param outcome what the user did
 * @param at when
 */
public record Feedback(String packId, String packVersion, String task, String correlationId, Outcome outcome,
    Instant at) {

  /** What a user did with an answer. */
  public enum Outcome {
    /** Used as proposed. */
    ACCEPTED,
    /** Used after changes. */
    EDITED,
    /** Not used. */
    REJECTED
  }

  /** Validates the components. */
  public Feedback {
    Objects.requireNonNull(packId, "packId cannot be null");
    Objects.requireNonNull(packVersion, "packVersion cannot be null");
    Objects.requireNonNull(task, "task cannot be null");
    Objects.requireNonNull(correlationId, "correlationId cannot be null");
    Objects.requireNonNull(outcome, "outcome cannot be null");
    Objects.requireNonNull(at, "at cannot be null");
  }
}
