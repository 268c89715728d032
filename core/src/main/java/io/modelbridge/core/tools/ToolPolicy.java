package io.modelbridge.core.tools;

import io.modelbridge.core.CallContext;

/**
 * Decides, outside the model, whether a principal may see and call a tool. Governed tools ask it twice:
 * when building the list of tools the model sees (a tool the policy denies is never shown), and again
 * before each call (the context may differ from when the list was built).
 *
 * <p>Implementations must be thread-safe and fast; they must not call the model.
 */
@FunctionalInterface
public interface ToolPolicy {

  /**
   * Decides for one tool.
   *
   * @param context who is calling: tenant, principal, purpose
   * @param tool what the tool does: system, operation, effect, data classifications
   * @return allow or deny, with the rule that decided and why
   */
  PolicyDecision decide(CallContext context, ToolDescriptor tool);

  /**
   * The rules of this policy that name system {@code systemId} explicitly but match none of its
   * {@code tools}: almost always a misspelled operation (for example {@code orders.update} against a database
   * whose tools were named {@code ORDERS.update}). {@link GovernedTools.Builder#build()} refuses such a rule.
   * The default knows no rules.
   *
   * @return a description of each such rule, naming it
   * @since 1.1
   */
  default java.util.List<String> rulesMatchingNone(String systemId, java.util.List<ToolDescriptor> tools) {
    return java.util.List.of();
  }

  /**
   * The built-in default: READ operations are allowed, every write is denied. Deny by default for writes.
   */
  static ToolPolicy readOnly() {
    return (context, tool) -> tool.effect().writes()
        ? PolicyDecision.deny("read-only-default", "writes are denied unless a policy allows them")
        : PolicyDecision.allow("read-only-default", "READ operations are allowed by default");
  }
}
