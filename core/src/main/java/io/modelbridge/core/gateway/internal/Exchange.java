package io.modelbridge.core.gateway.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One gateway call as it travels through the {@link Chain}: who calls, the request as rewritten so far, the
 * stream it feeds (for a streamed call), and what the failover link learned (attempts, failures). One per call,
 * used by one thread at a time.
 */
public final class Exchange {

  private final CallContext context;
  private final StreamSink sink;
  private final long startNanos;
  private ChatRequest request;
  private int attempts;
  private final List<ProviderException> failures = new ArrayList<>(2);

  /** A call with {@code sink} for a stream, or {@code null} for a synchronous call. */
  public Exchange(CallContext context, ChatRequest request, StreamSink sink) {
    this.context = Objects.requireNonNull(context, "context cannot be null");
    this.request = Objects.requireNonNull(request, "request cannot be null");
    this.sink = sink;
    this.startNanos = System.nanoTime();
  }

  /** Who calls. */
  public CallContext context() {
    return context;
  }

  /** The request as it stands at this point of the chain. */
  public ChatRequest request() {
    return request;
  }

  /** Replaces the request (a hook rewrote it). */
  public void request(ChatRequest rewritten) {
    this.request = Objects.requireNonNull(rewritten, "request cannot be null");
  }

  /** Whether this call streams. */
  public boolean streaming() {
    return sink != null;
  }

  /** The stream this call feeds, when it streams. */
  public Optional<StreamSink> sink() {
    return Optional.ofNullable(sink);
  }

  /** Provider attempts so far, over every provider. */
  public int attempts() {
    return attempts;
  }

  /** Adds provider attempts. */
  public void addAttempts(int n) {
    attempts += n;
  }

  /** The providers' failures so far, in order. */
  public List<ProviderException> failures() {
    return failures;
  }

  /** Time since the gateway received the call. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** When the gateway received the call, in {@link System#nanoTime()} terms. */
  public long startNanos() {
    return startNanos;
  }
}
