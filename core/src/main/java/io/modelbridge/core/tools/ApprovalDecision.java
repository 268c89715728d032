package io.modelbridge.core.tools;

import java.util.Objects;

/**
 * An approver's answer for one write.
 *
 * @param approved whether the write may run
 * @param approver who decided (a user id, or the name of an automated rule), recorded in the audit log
 * @param reason why, shown to the model when rejected; never personal data
 */
public record ApprovalDecision(boolean approved, String approver, String reason) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code approver} is blank
   */
  public ApprovalDecision {
    Objects.requireNonNull(approver, "approver cannot be null");
    if (approver.isBlank()) {
      throw new IllegalArgumentException("approver must not be blank: the audit log records who decided");
    }
    Objects.requireNonNull(reason, "reason cannot be null");
  }

  /** An approval by {@code approver}. */
  public static ApprovalDecision approve(String approver, String reason) {
    return new ApprovalDecision(true, approver, reason);
  }

  /** A rejection by {@code approver}; {@code reason} goes back to the model. */
  public static ApprovalDecision reject(String approver, String reason) {
    return new ApprovalDecision(false, approver, reason);
  }
}
