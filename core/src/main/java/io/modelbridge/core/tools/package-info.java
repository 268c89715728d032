/**
 * Governed tools: a registered adapter's operations exposed to the model as LangChain4j tools, with
 * governance outside the model. {@link io.modelbridge.core.tools.ToolPolicy} decides per tenant and
 * principal which tools are visible and callable; {@link io.modelbridge.core.tools.GovernedTools} is the entry
 * point; {@link io.modelbridge.core.tools.ApprovalCallback} is the human in the loop for writes.
 * Nothing here accepts or returns {@code null} unless it says so.
 */
package io.modelbridge.core.tools;
