package io.modelbridge.security.audit;

import io.modelbridge.core.CallContext;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing that happened, before the log gives it a sequence number, time and hash.
 *
 * @param type what kind of event
 * @param tenant the tenant it happened for
 * @param principal who did it
 * @param correlationId ties the event to the request that caused it
 * @param action what was done: a provider name, a tool name, a write-back target
 * @param details further facts, already pseudonymized or encrypted by the caller; sorted by key
 */
public record AuditEvent(
    Type type, String tenant, String principal, String correlationId, String action, Map<String, String> details) {

  /** What kind of event an entry records. */
  public enum Type {
    /** A model request and its answer. */
    MODEL_CALL,
    /** A model call that failed for good. */
    MODEL_ERROR,
    /** A tool call: arguments, policy decision, approval, outcome. */
    TOOL_CALL,
    /** A change written back to a business system. */
    WRITE_BACK,
    /** A tool access policy decision taken outside a tool call. */
    POLICY_DECISION,
    /** Written by the log itself: a signed checkpoint. */
    CHECKPOINT,
    /** Written by the log itself: reopened after an unclean close. */
    RECOVERY
  }

  /** Validates the components and sorts the details. */
  public AuditEvent {
    Objects.requireNonNull(type, "type cannot be null");
    Objects.requireNonNull(tenant, "tenant cannot be null");
    Objects.requireNonNull(principal, "principal cannot be null");
    Objects.requireNonNull(correlationId, "correlationId cannot be null");
    Objects.requireNonNull(action, "action cannot be null");
    details = java.util.Collections.unmodifiableSortedMap(
        new TreeMap<>(Objects.requireNonNull(details, "details cannot be null")));
  }

  /** An event for the caller described by {@code context}. */
  public static AuditEvent of(Type type, CallContext context, String action, Map<String, String> details) {
    return new AuditEvent(type, context.tenant(), context.principal(), context.correlationId(), action, details);
  }
}
