package io.modelbridge.core.tools;

import io.modelbridge.core.CallContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an approver sees before a write runs.
 *
 * @param context who the model acts for
 * @param tool the tool the model called
 * @param arguments the validated arguments, typed as the operation's input schema says; unmodifiable
 * @param expectedVersion the version the model based an update or delete on, if it gave one
 * @param preview the adapter's dry-run result rendered as JSON: what the call would write
 * @param degraded whether the write was proposed by a degraded answer (every model provider failed and the
 *     gateway's degraded responder, by default the offline model, answered); set from the context attribute
 *     {@link GovernedTools#DEGRADED_ATTRIBUTE}. Review such a proposal with extra care.
 */
public record ApprovalRequest(
    CallContext context,
    ToolDescriptor tool,
    Map<String, Object> arguments,
    Optional<String> expectedVersion,
    String preview,
    boolean degraded) {

  /** Validates the components. */
  public ApprovalRequest {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(tool, "tool cannot be null");
    arguments = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(arguments, "arguments cannot be null")));
    Objects.requireNonNull(expectedVersion, "expectedVersion cannot be null (use Optional.empty())");
    Objects.requireNonNull(preview, "preview cannot be null");
  }

  /** A request for a write that a regular (not degraded) answer proposed. */
  public ApprovalRequest(CallContext context, ToolDescriptor tool, Map<String, Object> arguments,
      Optional<String> expectedVersion, String preview) {
    this(context, tool, arguments, expectedVersion, preview, false);
  }

  /**
   * One line for the approver saying what is proposed, without argument values (they may be personal data):
   * the tool, the system and operation, the version it is based on, and, first, whether the proposal is
   * degraded.
   */
  public String description() {
    return (degraded ? "DEGRADED PROPOSAL (every model provider failed; the fallback model proposed this"
        + " write, check it with extra care): " : "")
        + "write " + tool.toolName() + " (" + tool.systemId() + " " + tool.operation() + ")"
        + expectedVersion.map(v -> " based on version " + v).orElse("");
  }
}
