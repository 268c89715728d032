package io.modelbridge.pipeline;

import java.util.Objects;

/**
 * What happened to the domain pack's action (a write proposed from the answer) in governed tools.
 *
 * @param tool the tool name ({@code system__operation})
 * @param status what happened
 * @param detail the tool's result or the reason it did not run (no personal data in clear)
 */
public record ActionResult(String tool, Status status, String detail) {

  /** What happened to an action. */
  public enum Status {
    /** Approved (when needed) and executed. */
    EXECUTED,
    /** The record changed since it was read: nothing was written; ask again on fresh data. */
    CONFLICT,
    /** The approver rejected the write. */
    REJECTED_BY_APPROVER,
    /** The tool access policy denied the write. */
    DENIED_BY_POLICY,
    /** Only a preview ran (approval needed but no approver decided). */
    PREVIEWED,
    /** Refused by a hook or invalid arguments. */
    REFUSED,
    /** The operation ran and failed. */
    FAILED,
    /**
     * Not run: the answer is degraded (every model provider failed and the gateway's degraded responder
     * answered) and the pack's task does not allow degraded writes. Nothing was written or asked of the system.
     */
    REFUSED_DEGRADED
  }

  /** Validates the components. */
  public ActionResult {
    Objects.requireNonNull(tool, "tool cannot be null");
    Objects.requireNonNull(status, "status cannot be null");
    Objects.requireNonNull(detail, "detail cannot be null");
  }
}
