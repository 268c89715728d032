/**
 * The ModelBridge pipeline: one call path from business systems to a validated, governed, audited answer.
 * Start with {@link io.modelbridge.pipeline.Pipeline#builder(io.modelbridge.pipeline.pack.DomainPack,
 * dev.langchain4j.model.chat.ChatModel)}. Nothing in this package accepts or returns null.
 */
package io.modelbridge.pipeline;
