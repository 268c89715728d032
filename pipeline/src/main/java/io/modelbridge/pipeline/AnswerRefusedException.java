package io.modelbridge.pipeline;

import io.modelbridge.mapping.Violation;
import java.util.List;
import java.util.Optional;

/**
 * The model's answer was refused: after one retry with the violations fed back, it still did not satisfy the
 * domain pack's output schema and rules. Not retryable as is: fix the pack's rules or template, or use
 * another model.
 */
public final class AnswerRefusedException extends PipelineException {

  private static final long serialVersionUID = 1L;

  /** Why an answer was refused. */
  public enum Reason {
    /** The answer was not a JSON object. */
    NOT_JSON,
    /** The answer was JSON but broke the output schema or a business rule. */
    VIOLATES_RULES
  }

  private final Reason reason;
  private final transient List<Violation> violations;

  /**
   * @param reason why
   * @param violations the violations of the last attempt (values masked for personal fields)
   * @param attempts how many answers were tried
   * @param trace the stages that ran
   */
  public AnswerRefusedException(Reason reason, List<Violation> violations, int attempts, PipelineTrace trace) {
    super(Stage.VALIDATE_ANSWER,
        "answer refused (" + reason + ") after " + attempts + " attempts: " + summary(violations),
        "The model kept breaking the domain pack's schema or rules; check the pack's template and rules, or use"
            + " a model that follows JSON instructions", Optional.of(trace), null, false);
    this.reason = reason;
    this.violations = List.copyOf(violations);
  }

  /** Why the answer was refused. */
  public Reason reason() {
    return reason;
  }

  /** The violations of the last attempt. */
  public List<Violation> violations() {
    return violations;
  }

  static String summary(List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    for (Violation v : violations) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(v.rule()).append(" at ").append(v.path()).append(": ").append(v.message());
    }
    return sb.toString();
  }
}
