package io.modelbridge.pipeline;

import io.modelbridge.core.CallContext;

/**
 * Supplies live context about the subject of a request (for example a customer's recent events) to be added
 * to the prompt. Called once per pipeline call with a subject; must be fast and thread-safe.
 */
@FunctionalInterface
public interface LiveContext {

  /** No live context. */
  LiveContext NONE = (ctx, subject) -> "";

  /**
   * The live context for {@code subject}, as plain text for the prompt; empty text for none. Personal data
   * in it is pseudonymized by the pipeline like the rest of the prompt.
   *
   * @param context the caller
   * @param subject the subject of the request (for example a customer id)
   * @return the text, never null
   */
  String contextFor(CallContext context, String subject);
}
