/**
 * Implementation of governed tools: the dispatcher that runs one tool call through every governance step,
 * the JSON argument binder, the tool schema builder, the result renderer and the LangChain4j tool provider.
 * Not API: use {@link io.modelbridge.core.tools.GovernedTools}.
 */
package io.modelbridge.core.tools.internal;
