package io.modelbridge.core.tools;

import java.util.Objects;

/**
 * A policy's answer for one tool.
 *
 * @param allowed whether the principal may see and call the tool
 * @param rule the id of the rule that decided, for the audit log
 * @param reason why, in words a person can read; never personal data
 */
public record PolicyDecision(boolean allowed, String rule, String reason) {

  /** Validates the components. */
  public PolicyDecision {
    Objects.requireNonNull(rule, "rule cannot be null");
    Objects.requireNonNull(reason, "reason cannot be null");
  }

  /** An allowing decision. */
  public static PolicyDecision allow(String rule, String reason) {
    return new PolicyDecision(true, rule, reason);
  }

  /** A denying decision. */
  public static PolicyDecision deny(String rule, String reason) {
    return new PolicyDecision(false, rule, reason);
  }
}
