package io.modelbridge.core.hook;

import java.util.Objects;

/**
 * How a tool call ended.
 *
 * @param status what happened
 * @param result the text that goes back to the model: the operation's result, or an error it can act on
 * @param reason why, for anything but {@link Status#EXECUTED} (empty then)
 */
public record ToolOutcome(Status status, String result, String reason) {

  /** What happened to a tool call. */
  public enum Status {
    /** The operation ran and returned {@code result}. */
    EXECUTED,
    /** Approval was required and a dry-run preview was produced instead of running. */
    PREVIEWED,
    /** The arguments did not match the input schema; the model may correct them and try again. */
    INVALID_ARGUMENTS,
    /** The tool access policy refused the call. */
    DENIED_BY_POLICY,
    /** The approver rejected a write. */
    REJECTED_BY_APPROVER,
    /** A hook refused the call. */
    REFUSED,
    /** The operation ran and failed. */
    FAILED
  }

  /** Validates the components. */
  public ToolOutcome {
    Objects.requireNonNull(status, "status cannot be null");
    Objects.requireNonNull(result, "result cannot be null");
    Objects.requireNonNull(reason, "reason cannot be null");
  }

  /** An executed call with its result. */
  public static ToolOutcome executed(String result) {
    return new ToolOutcome(Status.EXECUTED, result, "");
  }

  /** A call that did not execute, with the text for the model and the reason. */
  public static ToolOutcome notExecuted(Status status, String result, String reason) {
    if (status == Status.EXECUTED) {
      throw new IllegalArgumentException("use executed(result) for an executed call");
    }
    return new ToolOutcome(status, result, reason);
  }

  /** A copy with a rewritten result text. */
  public ToolOutcome withResult(String rewritten) {
    return new ToolOutcome(status, rewritten, reason);
  }

  /** Status and reason; the result only by length, as it may hold personal data. */
  @Override
  public String toString() {
    return "ToolOutcome[status=" + status + ", reason=" + reason + ", result=" + result.length() + " chars]";
  }
}
