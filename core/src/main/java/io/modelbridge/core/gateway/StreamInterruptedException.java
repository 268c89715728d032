package io.modelbridge.core.gateway;

import io.modelbridge.core.ModelBridgeException;
import java.util.Objects;

/**
 * A streamed answer broke off after its first token: the caller already holds {@link #chunksDelivered()}
 * chunks ({@link #charsDelivered()} characters) of it. The gateway never retries or falls back at this point,
 * because a second provider would start the answer again and the caller would see duplicated text; ask again
 * if a complete answer is needed. The cause is the provider's failure ({@link ProviderException}, with the
 * reason: a connection reset, or {@link ProviderException.Reason#TIMEOUT} when the stream stalled for longer
 * than the idle timeout). Not retryable by the gateway; whether to ask again is the application's choice.
 */
public class StreamInterruptedException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final String provider;
  private final int chunksDelivered;
  private final long charsDelivered;
  private final ProviderException.Reason reason;

  /**
   * @param cause the provider's failure, classified
   * @param chunksDelivered chunks the caller received before it broke off (at least 1)
   * @param charsDelivered characters the caller received before it broke off
   */
  public StreamInterruptedException(ProviderException cause, int chunksDelivered, long charsDelivered) {
    super("The stream from provider '" + Objects.requireNonNull(cause, "cause cannot be null").provider()
            + "' broke off after " + chunksDelivered + " chunk(s) (" + charsDelivered + " characters) were delivered: "
            + cause.reason() + "; it was not retried, since that would repeat the delivered text. "
            + "Ask again for a complete answer" + (cause.reason() == ProviderException.Reason.TIMEOUT
                ? ", or raise streamIdleTimeout if the model pauses longer between tokens" : ""),
        cause, false);
    this.provider = cause.provider();
    this.chunksDelivered = chunksDelivered;
    this.charsDelivered = charsDelivered;
    this.reason = cause.reason();
  }

  /** The provider whose stream broke off. */
  public String provider() {
    return provider;
  }

  /** Chunks the caller received before the stream broke off. */
  public int chunksDelivered() {
    return chunksDelivered;
  }

  /** Characters the caller received before the stream broke off. */
  public long charsDelivered() {
    return charsDelivered;
  }

  /** Why it broke off. */
  public ProviderException.Reason reason() {
    return reason;
  }
}
