package io.modelbridge.core.gateway.internal;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.modelbridge.core.gateway.ProviderException;
import io.modelbridge.core.gateway.StreamInterruptedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt to stream an answer from one provider. Chunks go straight from the provider's thread to the
 * sink (no hand-off per chunk); the attempt's thread only waits for the end, waking when the first token is
 * late ({@code timeout}) or the stream is silent for longer than {@code idleTimeout}.
 *
 * <p>Before the first token every failure is a {@link ProviderException} (so the retry, breaker and failover
 * treat it like a failed synchronous attempt); after it, a {@link StreamInterruptedException} that says how
 * much was delivered, never retried. A stream given up on is cancelled and whatever it sends later dropped.
 */
public final class StreamingAttempt implements StreamingChatResponseHandler {

  private final StreamSink sink;
  private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
  private final AtomicInteger received = new AtomicInteger();
  private boolean abandoned;
  private volatile long lastEventNanos;
  private volatile StreamingHandle handle;

  private StreamingAttempt(StreamSink sink) {
    this.sink = sink;
  }

  /**
   * Streams {@code request} from {@code model} into {@code sink} and waits for the end.
   *
   * @return the provider's complete response
   * @throws ProviderException if it failed before its first token (retryable or not, by its reason)
   * @throws StreamInterruptedException if it failed after its first token
   */
  public static ChatResponse run(
      String provider, int attempt, StreamingChatModel model, ChatRequest request, StreamSink sink,
      Duration timeout, Duration idleTimeout, Executor executor) {
    StreamingAttempt a = new StreamingAttempt(sink);
    int deliveredBefore = sink.chunks();
    a.lastEventNanos = System.nanoTime();
    executor.execute(() -> {
      try {
        model.chat(request, a);
      } catch (RuntimeException e) {
        a.onError(e);
      }
    });
    long firstDeadline = a.lastEventNanos + timeout.toNanos();
    long idle = idleTimeout.toNanos();
    while (true) {
      boolean started = a.received.get() > 0;
      long wait = (started ? a.lastEventNanos + idle : firstDeadline) - System.nanoTime();
      try {
        if (wait <= 0) {
          // Abandoning and reading the count under the lock the delivery takes: zero here means nothing
          // reached the caller and nothing will, so the attempt may be retried safely.
          if (a.abandon() == deliveredBefore) {
            throw new ProviderException(provider, attempt, ProviderException.Reason.TIMEOUT, 0, null, null);
          }
          throw new StreamInterruptedException(
              new ProviderException(provider, attempt, ProviderException.Reason.TIMEOUT, 0, null, null),
              sink.chunks(), sink.chars());
        }
        ChatResponse response = a.done.get(wait, TimeUnit.NANOSECONDS);
        if (response.finishReason() == null) {
          // The connection ended without the provider's last event (no finish reason): the answer was cut
          // off, however cleanly the socket closed.
          ProviderException cut =
              new ProviderException(provider, attempt, ProviderException.Reason.CONNECTION, 0, null, null);
          int delivered = a.abandon();
          if (delivered == deliveredBefore) {
            throw cut;
          }
          throw new StreamInterruptedException(cut, sink.chunks(), sink.chars());
        }
        return response;
      } catch (TimeoutException e) {
        // Woke to look at the deadlines again.
      } catch (InterruptedException e) {
        a.abandon();
        Thread.currentThread().interrupt();
        throw new ProviderException(provider, attempt, ProviderException.Reason.OTHER, 0, null, e);
      } catch (ExecutionException e) {
        int delivered = a.abandon();
        ProviderException failure = FailureClassifier.classify(provider, attempt, e.getCause());
        if (delivered == deliveredBefore) {
          throw failure;
        }
        throw new StreamInterruptedException(failure, sink.chunks(), sink.chars());
      }
    }
  }

  private int abandon() {
    int delivered;
    synchronized (this) {
      abandoned = true;
      delivered = sink.chunks();
    }
    StreamingHandle h = handle;
    if (h != null && !h.isCancelled()) {
      try {
        h.cancel();
      } catch (RuntimeException ignored) {
        // The stream is dropped either way.
      }
    }
    return delivered;
  }

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    handle = context.streamingHandle();
    onPartialResponse(partial.text());
  }

  @Override
  public void onPartialResponse(String text) {
    received.incrementAndGet();
    lastEventNanos = System.nanoTime();
    if (text != null && !text.isEmpty()) {
      synchronized (this) {
        if (!abandoned) {
          sink.partial(text);
        }
      }
    }
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    done.complete(response);
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }
}
