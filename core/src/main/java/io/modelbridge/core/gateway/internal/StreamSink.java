package io.modelbridge.core.gateway.internal;

/**
 * Where a provider's streamed text goes, and how much of it went: the gateway's side of the caller's
 * streaming handler. Called from one thread at a time (the provider's stream).
 */
public interface StreamSink {

  /** Passes one chunk of answer text on to the caller. */
  void partial(String text);

  /** Chunks passed on so far. */
  int chunks();

  /** Characters passed on so far. */
  long chars();
}
