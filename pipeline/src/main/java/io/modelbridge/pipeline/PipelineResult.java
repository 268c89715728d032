package io.modelbridge.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a pipeline call.
 *
 * @param answer the validated structured answer, personal data restored
 * @param packId the domain pack's id
 * @param packVersion the domain pack's version that produced the answer
 * @param action what happened to the pack's action, if the task has one
 * @param trace one record per stage
 */
public record PipelineResult(JsonNode answer, String packId, String packVersion, Optional<ActionResult> action,
    PipelineTrace trace) {

  /** Validates the components. */
  public PipelineResult {
    Objects.requireNonNull(answer, "answer cannot be null");
    Objects.requireNonNull(packId, "packId cannot be null");
    Objects.requireNonNull(packVersion, "packVersion cannot be null");
    Objects.requireNonNull(action, "action cannot be null");
    Objects.requireNonNull(trace, "trace cannot be null");
  }

  /** The correlation id of the call: record feedback against it. */
  public String correlationId() {
    return trace.correlationId();
  }
}
