package io.modelbridge.core.hook;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.core.CallContext;
import java.util.Objects;

/**
 * A model call as the hook chain sees it: who is calling and the request as it stands at this point of the
 * chain.
 *
 * @param context who is calling and why
 * @param request the request, after the rewrites of the hooks before this one
 */
public record ModelCall(CallContext context, ChatRequest request) {

  /** Validates the components. */
  public ModelCall {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(request, "request cannot be null");
  }

  /** A copy with a rewritten request. */
  public ModelCall withRequest(ChatRequest rewritten) {
    return new ModelCall(context, rewritten);
  }
}
