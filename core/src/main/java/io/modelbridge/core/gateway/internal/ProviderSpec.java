package io.modelbridge.core.gateway.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to make one configured provider, given the per-attempt timeout.
 *
 * @param name the configured name, unique in the gateway
 * @param chat makes the model for the synchronous path
 * @param streaming makes the model for the streaming path; empty when the provider only answers whole
 *     (its answer is then streamed as one chunk)
 * @param ownTimeout whether the model enforces a deadline itself (no Failsafe timeout around its attempts)
 */
public record ProviderSpec(
    String name,
    Function<Duration, ChatModel> chat,
    Optional<Function<Duration, StreamingChatModel>> streaming,
    boolean ownTimeout) {}
