/**
 * Governed tools: a registered adapter's operations exposed to the model as LangChain4j tools, with
 * governance outside the model. {@link io.modelbridge.core.tools.ToolPolicy} decides per tenant and
 * principal which tools are visible and callable.
 */
package io.modelbridge.core.tools;
