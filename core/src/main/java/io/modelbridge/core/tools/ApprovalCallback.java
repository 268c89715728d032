package io.modelbridge.core.tools;

/**
 * The human in the loop: reviews a write before it runs. Governed tools call it for every operation that
 * needs approval (every {@code WRITE}, and every operation whose adapter declares
 * {@code approvalRequired}), after the adapter produced a dry-run preview of what the call would write.
 *
 * <p>Implementations may block (waiting for a person) and must be thread-safe. An exception thrown here
 * counts as a rejection: the write does not run.
 */
@FunctionalInterface
public interface ApprovalCallback {

  /**
   * Decides whether one write may run.
   *
   * @param request who asks, the tool, the validated arguments and the dry-run preview
   * @return approve or reject, with the identity of the approver
   */
  ApprovalDecision review(ApprovalRequest request);
}
