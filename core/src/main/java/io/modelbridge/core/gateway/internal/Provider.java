package io.modelbridge.core.gateway.internal;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.FailsafeExecutor;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Optional;

/**
 * One provider with its own resilience policies (retry, circuit breaker, bulkhead, per-attempt timeout).
 * The synchronous and the streaming executor share the same policy instances, so a breaker opened by one
 * path holds for the other.
 *
 * @param name the configured name
 * @param model the LangChain4j model that talks to it
 * @param streaming its streaming model, when it has one
 * @param executor its Failsafe policies, retry outermost, timeout innermost
 * @param streamExecutor the same policies without the Failsafe timeout: a stream keeps its own deadlines
 * @param breaker its circuit breaker (for state reporting)
 * @param bulkhead its bulkhead
 */
public record Provider(
    String name,
    ChatModel model,
    Optional<StreamingChatModel> streaming,
    FailsafeExecutor<ChatResponse> executor,
    FailsafeExecutor<ChatResponse> streamExecutor,
    CircuitBreaker<ChatResponse> breaker,
    Bulkhead<ChatResponse> bulkhead) {}
