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
 */
public record ApprovalRequest(
    CallContext context,
    ToolDescriptor tool,
    Map<String, Object> arguments,
    Optional<String> expectedVersion,
    String preview) {

  /** Validates the components. */
  public ApprovalRequest {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(tool, "tool cannot be null");
    arguments = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(arguments, "arguments cannot be null")));
    Objects.requireNonNull(expectedVersion, "expectedVersion cannot be null (use Optional.empty())");
    Objects.requireNonNull(preview, "preview cannot be null");
  }
}
