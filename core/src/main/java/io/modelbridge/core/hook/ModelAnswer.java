package io.modelbridge.core.hook;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * A model's answer as the hook chain sees it, with where it came from.
 *
 * @param response the response, after the rewrites of the hooks that already ran
 * @param provider the name of the provider that answered, {@code "cache"} or the degraded responder's name
 * @param cached whether the answer came from the response cache
 * @param degraded whether every provider failed and the degraded responder answered
 * @param attempts how many provider attempts the call took in all (0 for a cache hit)
 * @param latency time from the gateway receiving the call to the answer
 */
public record ModelAnswer(
    ChatResponse response,
    String provider,
    boolean cached,
    boolean degraded,
    int attempts,
    Duration latency) {

  /** Validates the components. */
  public ModelAnswer {
    Objects.requireNonNull(response, "response cannot be null");
    Objects.requireNonNull(provider, "provider cannot be null");
    Objects.requireNonNull(latency, "latency cannot be null");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
  }

  /** A copy with a rewritten response. */
  public ModelAnswer withResponse(ChatResponse rewritten) {
    return new ModelAnswer(rewritten, provider, cached, degraded, attempts, latency);
  }
}
