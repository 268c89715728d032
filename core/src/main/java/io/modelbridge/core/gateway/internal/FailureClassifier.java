package io.modelbridge.core.gateway.internal;

import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.TimeoutExceededException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.modelbridge.core.gateway.ProviderException;
import io.modelbridge.core.gateway.ProviderException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Turns whatever a provider's client threw into a {@link ProviderException} with a reason, in this order:
 * the gateway's own policies (breaker open, bulkhead full, local rate limit, timeout); an HTTP status from a
 * LangChain4j {@code HttpException} in the cause chain, or else named in a message of the chain
 * ({@code "HTTP 503"}, {@code "status code: 429"}); LangChain4j's typed exceptions; then timeouts, malformed
 * bodies and I/O failures found in the chain. See docs/gateway.md for the table.
 */
public final class FailureClassifier {

  private FailureClassifier() {}

  /** Classifies {@code error}, thrown by attempt {@code attempt} of {@code provider}. */
  public static ProviderException classify(String provider, int attempt, Throwable error) {
    if (error instanceof ProviderException) {
      return (ProviderException) error;
    }
    if (error instanceof CircuitBreakerOpenException) {
      return new ProviderException(provider, 0, Reason.CIRCUIT_OPEN, 0, null, null);
    }
    if (error instanceof BulkheadFullException) {
      return new ProviderException(provider, 0, Reason.BULKHEAD_FULL, 0, null, null);
    }
    if (error instanceof RateLimitExceededException) {
      return new ProviderException(provider, 0, Reason.RATE_LIMITED_LOCALLY, 0, null, null);
    }
    if (error instanceof TimeoutExceededException) {
      return new ProviderException(provider, attempt, Reason.TIMEOUT, 0, null, null);
    }
    HttpException http = find(error, HttpException.class);
    Duration retryAfter = null;
    RetryAfterHttpException withHint = find(error, RetryAfterHttpException.class);
    if (withHint != null) {
      retryAfter = withHint.retryAfter().orElse(null);
    }
    int status = http != null ? http.statusCode() : statusInMessages(error);
    return new ProviderException(provider, attempt, reason(error, status), status, retryAfter, error);
  }

  private static Reason reason(Throwable error, int status) {
    if (status == 429 || error instanceof RateLimitException) {
      return Reason.RATE_LIMITED;
    }
    if (status == 401 || status == 403 || error instanceof AuthenticationException) {
      return Reason.AUTHENTICATION;
    }
    if (error instanceof ContentFilteredException) {
      return Reason.CONTENT_REFUSED;
    }
    if (status == 408 || error instanceof TimeoutException || find(error, HttpTimeoutException.class) != null
        || find(error, java.net.SocketTimeoutException.class) != null) {
      return Reason.TIMEOUT;
    }
    if (status >= 500 || error instanceof InternalServerException) {
      return Reason.SERVER_ERROR;
    }
    if ((status >= 400 && status < 500) || error instanceof InvalidRequestException
        || error instanceof ModelNotFoundException || error instanceof UnsupportedFeatureException) {
      return Reason.INVALID_REQUEST;
    }
    if (find(error, com.fasterxml.jackson.core.JsonProcessingException.class) != null
        || find(error, IllegalArgumentException.class) != null
        || find(error, NullPointerException.class) != null) {
      // A response body the client could not turn into a chat response (Jackson's errors are IOExceptions,
      // so this comes before the connection check).
      return Reason.MALFORMED_RESPONSE;
    }
    if (find(error, InterruptedIOException.class) != null) {
      // The per-attempt timeout interrupted a blocking read.
      return Reason.TIMEOUT;
    }
    if (find(error, IOException.class) != null) {
      return Reason.CONNECTION;
    }
    return Reason.OTHER;
  }

  private static final java.util.regex.Pattern HTTP_STATUS =
      java.util.regex.Pattern.compile("\\b(?:HTTP|status(?: code)?)[ :/=]*([1-5][0-9]{2})\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * An HTTP status named in a message of the cause chain ({@code "HTTP 503"}, {@code "status code: 429"}),
   * for clients that report it only in text; 0 when none is.
   */
  static int statusInMessages(Throwable error) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 16; depth++) {
      String m = t.getMessage();
      if (m != null) {
        java.util.regex.Matcher matcher = HTTP_STATUS.matcher(m.length() > 512 ? m.substring(0, 512) : m);
        if (matcher.find()) {
          return Integer.parseInt(matcher.group(1));
        }
      }
      t = t.getCause();
    }
    return 0;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 16; depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      t = t.getCause();
    }
    return null;
  }
}
