package io.modelbridge.core.hook;

import io.modelbridge.core.CallContext;
import java.util.Map;
import java.util.Objects;

/**
 * A tool call as the hook chain sees it.
 *
 * @param context who is calling and why
 * @param id the model's id for this tool call (ties the result to the request); may be empty
 * @param toolName the tool's name as the model sees it
 * @param argumentsJson the arguments as a JSON object, after the rewrites of the hooks before this one
 * @param attributes what governance knows about the call, for the audit log: for example
 *     {@code system}, {@code operation}, {@code effect}, {@code policy.decision}, {@code approval};
 *     unmodifiable
 */
public record ToolCall(
    CallContext context,
    String id,
    String toolName,
    String argumentsJson,
    Map<String, String> attributes) {

  /** Validates the components. */
  public ToolCall {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(id, "id cannot be null");
    Objects.requireNonNull(toolName, "toolName cannot be null");
    Objects.requireNonNull(argumentsJson, "argumentsJson cannot be null");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes cannot be null"));
  }

  /** A copy with rewritten arguments. */
  public ToolCall withArguments(String rewrittenJson) {
    return new ToolCall(context, id, toolName, rewrittenJson, attributes);
  }

  /** A copy with one more attribute. */
  public ToolCall withAttribute(String key, String value) {
    var copy = new java.util.HashMap<>(attributes);
    copy.put(Objects.requireNonNull(key, "key cannot be null"), Objects.requireNonNull(value, "value cannot be null"));
    return new ToolCall(context, id, toolName, argumentsJson, copy);
  }

  /** Tool, id and attributes; the arguments only by length, as they may hold personal data. */
  @Override
  public String toString() {
    return "ToolCall[tool=" + toolName + ", id=" + id + ", arguments=" + argumentsJson.length() + " chars"
        + ", attributes=" + attributes + "]";
  }
}
