package io.modelbridge.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The trace of one pipeline call: one {@link StageRecord} per stage that ran, in order.
 *
 * @param correlationId the call's correlation id (also in every audit entry)
 * @param stages the stage records
 */
public record PipelineTrace(String correlationId, List<StageRecord> stages) {

  /** Validates and copies the components. */
  public PipelineTrace {
    Objects.requireNonNull(correlationId, "correlationId cannot be null");
    stages = List.copyOf(stages);
  }

  /** The record of {@code stage}, if that stage ran (the last one, for stages that ran twice). */
  public Optional<StageRecord> stage(Stage stage) {
    StageRecord found = null;
    for (StageRecord r : stages) {
      if (r.stage() == stage) {
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Printable, one line per stage. */
  public String describe() {
    StringBuilder sb = new StringBuilder("pipeline trace ").append(correlationId).append('\n');
    for (StageRecord r : stages) {
      sb.append("  ").append(r.describe()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
