package io.modelbridge.pipeline;

import io.modelbridge.core.ModelBridgeException;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline call failed at one stage. The message says the stage, what went wrong and what to do; it never
 * contains personal data. {@link #trace()} holds what the stages before did.
 */
public class PipelineException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final Stage stage;
  private final transient PipelineTrace trace;

  /**
   * @param stage the stage that failed
   * @param what what went wrong
   * @param todo what to do about it
   * @param trace the stages that ran, if known
   * @param cause the underlying failure, if any
   * @param retryable whether trying again may succeed
   */
  public PipelineException(Stage stage, String what, String todo, Optional<PipelineTrace> trace, Throwable cause,
      boolean retryable) {
    super("pipeline stage " + Objects.requireNonNull(stage, "stage cannot be null") + ": " + what + ". " + todo,
        cause, retryable);
    this.stage = stage;
    this.trace = trace.orElse(null);
  }

  /** The stage that failed. */
  public Stage stage() {
    return stage;
  }

  /** The trace of the stages that ran before the failure (empty when thrown outside a call). */
  public Optional<PipelineTrace> trace() {
    return Optional.ofNullable(trace);
  }
}
