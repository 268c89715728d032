package io.modelbridge.core.gateway;

import io.modelbridge.core.ModelBridgeException;
import java.time.Duration;
import java.time.Instant;

/**
 * A tenant's token budget for the current window would be exceeded by a call; the call was refused before
 * it reached any provider. Not retryable until {@link #resetsAt()}.
 */
public class BudgetExceededException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final String tenant;
  private final long spent;
  private final long requested;
  private final long limit;
  private final Duration window;
  private final Instant resetsAt;

  /**
   * @param tenant the tenant whose budget is spent
   * @param spent tokens spent or reserved in the current window
   * @param requested tokens this call would reserve
   * @param limit the tenant's budget per window
   * @param window the window length
   * @param resetsAt when the current window ends
   */
  public BudgetExceededException(
      String tenant, long spent, long requested, long limit, Duration window, Instant resetsAt) {
    super("Token budget of tenant '" + tenant + "' exceeded: " + spent + " of " + limit
        + " tokens spent or reserved in the current " + window + " window, this call needs about "
        + requested + "; the budget resets at " + resetsAt
        + ". Wait, shorten the request, or raise budget.tokens.", false);
    this.tenant = tenant;
    this.spent = spent;
    this.requested = requested;
    this.limit = limit;
    this.window = window;
    this.resetsAt = resetsAt;
  }

  /** The tenant whose budget is spent. */
  public String tenant() {
    return tenant;
  }

  /** Tokens spent or reserved in the current window. */
  public long spent() {
    return spent;
  }

  /** Tokens this call would have reserved. */
  public long requested() {
    return requested;
  }

  /** The tenant's budget per window. */
  public long limit() {
    return limit;
  }

  /** The window length. */
  public Duration window() {
    return window;
  }

  /** When the current window ends and the budget is available again. */
  public Instant resetsAt() {
    return resetsAt;
  }
}
