package io.modelbridge.core.gateway.internal;

import io.modelbridge.core.gateway.BudgetExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant token budgets in fixed windows aligned to the epoch. A call reserves its estimate atomically
 * before it leaves and settles to the reported usage afterwards, so concurrent calls cannot together
 * overspend a window they each saw room in.
 */
public final class TokenBudgets {

  /** What one call reserved; settle it exactly once. */
  public static final class Reservation {
    private final Account account;
    private final long windowStart;
    private final long tokens;

    private Reservation(Account account, long windowStart, long tokens) {
      this.account = account;
      this.windowStart = windowStart;
      this.tokens = tokens;
    }
  }

  private static final class Account {
    long windowStart = Long.MIN_VALUE;
    long spent;
  }

  private final long defaultLimit;
  private final Map<String, Long> tenantLimits;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

  /**
   * @param defaultLimit tokens per window for tenants without their own limit; 0 or less means unlimited
   * @param tenantLimits per-tenant limits
   * @param window the window length
   * @param clock the time source
   */
  public TokenBudgets(long defaultLimit, Map<String, Long> tenantLimits, Duration window, Clock clock) {
    this.defaultLimit = defaultLimit;
    this.tenantLimits = Map.copyOf(tenantLimits);
    this.window = window;
    this.clock = clock;
  }

  /** Whether any tenant has a limit at all. */
  public boolean active() {
    return defaultLimit > 0 || !tenantLimits.isEmpty();
  }

  /**
   * Reserves {@code estimate} tokens for {@code tenant} in the current window.
   *
   * @return the reservation, or null when the tenant has no limit
   * @throws BudgetExceededException if the reservation would exceed the limit
   */
  public Reservation reserve(String tenant, long estimate) {
    long limit = tenantLimits.getOrDefault(tenant, defaultLimit);
    if (limit <= 0) {
      return null;
    }
    Account account = accounts.computeIfAbsent(tenant, t -> new Account());
    long now = clock.millis();
    long windowMillis = window.toMillis();
    long start = Math.floorDiv(now, windowMillis) * windowMillis;
    synchronized (account) {
      if (account.windowStart != start) {
        account.windowStart = start;
        account.spent = 0;
      }
      if (account.spent + estimate > limit) {
        throw new BudgetExceededException(
            tenant, account.spent, estimate, limit, window, Instant.ofEpochMilli(start + windowMillis));
      }
      account.spent += estimate;
      return new Reservation(account, start, estimate);
    }
  }

  /** Replaces the reservation by the tokens really used (0 when the call failed before any answer). */
  public void settle(Reservation reservation, long actual) {
    if (reservation == null) {
      return;
    }
    synchronized (reservation.account) {
      if (reservation.account.windowStart == reservation.windowStart) {
        reservation.account.spent = Math.max(0, reservation.account.spent + actual - reservation.tokens);
      }
    }
  }

  /** Tokens spent or reserved by {@code tenant} in the current window. */
  public long spent(String tenant) {
    Account account = accounts.get(tenant);
    if (account == null) {
      return 0;
    }
    long windowMillis = window.toMillis();
    long start = Math.floorDiv(clock.millis(), windowMillis) * windowMillis;
    synchronized (account) {
      return account.windowStart == start ? account.spent : 0;
    }
  }
}
