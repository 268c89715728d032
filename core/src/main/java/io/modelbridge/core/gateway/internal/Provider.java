package io.modelbridge.core.gateway.internal;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.FailsafeExecutor;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * One provider with its own resilience policies (retry, circuit breaker, bulkhead, per-attempt timeout).
 *
 * @param name the configured name
 * @param model the LangChain4j model that talks to it
 * @param executor its Failsafe policies, retry outermost, timeout innermost
 * @param breaker its circuit breaker (for state reporting)
 * @param bulkhead its bulkhead
 */
public record Provider(
    String name,
    ChatModel model,
    FailsafeExecutor<ChatResponse> executor,
    CircuitBreaker<ChatResponse> breaker,
    Bulkhead<ChatResponse> bulkhead) {}
