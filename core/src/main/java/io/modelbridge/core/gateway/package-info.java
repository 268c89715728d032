/**
 * The model gateway: a LangChain4j {@code ChatModel} with provider fallback, resilience, response cache,
 * token budgets, hooks and metrics. Start at {@link io.modelbridge.core.gateway.ModelGateway}.
 */
package io.modelbridge.core.gateway;
