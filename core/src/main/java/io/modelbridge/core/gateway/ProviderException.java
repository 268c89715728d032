package io.modelbridge.core.gateway;

import io.modelbridge.core.ModelBridgeException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider failed one attempt of a model call, or was not tried because its circuit breaker is open or
 * its bulkhead is full. Says which provider, which attempt and why; {@link #isRetryable()} follows
 * {@link Reason#retryable()}.
 */
public class ProviderException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /** Why a provider attempt failed. */
  public enum Reason {
    /** No answer within the configured per-attempt timeout. Retried. */
    TIMEOUT(true),
    /** HTTP 429: the provider asks to slow down; its {@code Retry-After} is honoured. Retried. */
    RATE_LIMITED(true),
    /** HTTP 5xx. Retried. */
    SERVER_ERROR(true),
    /** Connection refused, reset or closed before an answer. Retried. */
    CONNECTION(true),
    /** The provider answered with something that is not a valid response. Retried. */
    MALFORMED_RESPONSE(true),
    /** HTTP 401/403: wrong or missing credentials. Never retried; fix the configuration. */
    AUTHENTICATION(false),
    /** HTTP 400/404/422 or a feature the provider does not support. Never retried; the request must change. */
    INVALID_REQUEST(false),
    /** The provider refused the content (content filter). Never retried. */
    CONTENT_REFUSED(false),
    /** The provider's circuit breaker is open after repeated failures; not tried. */
    CIRCUIT_OPEN(false),
    /** The provider's bulkhead is full (too many concurrent calls); not tried. */
    BULKHEAD_FULL(false),
    /** The provider's own rate limiter had no permit within its wait time; not tried. */
    RATE_LIMITED_LOCALLY(false),
    /** Any other failure of the provider's client. Never retried. */
    OTHER(false);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether the gateway retries an attempt that failed for this reason. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final String provider;
  private final int attempt;
  private final Reason reason;
  private final int statusCode;
  private final transient Duration retryAfter;

  /**
   * @param provider the provider's name
   * @param attempt the attempt number at this provider, from 1 (0 when it was not tried)
   * @param reason why it failed
   * @param statusCode the HTTP status, or 0 when there was none
   * @param retryAfter the provider's {@code Retry-After} hint, or null
   * @param cause the provider client's exception, or null
   */
  public ProviderException(
      String provider, int attempt, Reason reason, int statusCode, Duration retryAfter, Throwable cause) {
    super(message(provider, attempt, reason, statusCode, cause), cause, reason.retryable());
    this.provider = Objects.requireNonNull(provider, "provider cannot be null");
    this.attempt = attempt;
    this.reason = reason;
    this.statusCode = statusCode;
    this.retryAfter = retryAfter;
  }

  private static String message(String provider, int attempt, Reason reason, int status, Throwable cause) {
    // Only the exception type of the cause: its message may quote the provider's body or our prompt.
    return "Provider '" + provider + "' failed"
        + (attempt > 0 ? " on attempt " + attempt : " before it was tried")
        + ": " + reason
        + (status > 0 ? " (HTTP " + status + ")" : "")
        + (cause != null ? " [" + cause.getClass().getSimpleName() + "]" : "")
        + hint(reason);
  }

  private static String hint(Reason reason) {
    switch (reason) {
      case AUTHENTICATION: return "; check the provider's apiKey";
      case INVALID_REQUEST: return "; the request or the provider's model name must change";
      case CIRCUIT_OPEN: return "; it failed repeatedly and is paused, it will be tried again after the breaker delay";
      case BULKHEAD_FULL: return "; too many concurrent calls, raise bulkhead.maxConcurrent or slow down";
      case RATE_LIMITED_LOCALLY: return "; the configured rateLimit for it is used up, raise rateLimit.calls or slow down";
      case TIMEOUT: return "; raise timeout if the model is slow";
      default: return "";
    }
  }

  /** The provider's name as configured. */
  public String provider() {
    return provider;
  }

  /** The attempt number at this provider, from 1; 0 when it was not tried. */
  public int attempt() {
    return attempt;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status the provider answered with, if any. */
  public Optional<Integer> statusCode() {
    return statusCode > 0 ? Optional.of(statusCode) : Optional.empty();
  }

  /** The provider's {@code Retry-After} hint, if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
