package io.modelbridge.core.gateway.internal;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/** An HTTP error status that also keeps the server's {@code Retry-After} hint, which LangChain4j drops. */
public final class RetryAfterHttpException extends HttpException {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /**
   * @param statusCode the HTTP status
   * @param body the response body (kept out of our own messages and logs)
   * @param retryAfter the server's hint, or null when it sent none
   */
  public RetryAfterHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /** The server's {@code Retry-After} hint, if it sent a readable one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
