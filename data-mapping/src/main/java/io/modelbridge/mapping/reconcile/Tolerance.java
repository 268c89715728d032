package io.modelbridge.mapping.reconcile;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How two values of a field may differ and still count as equal. Numbers always compare by value
 * ({@code 1.0} equals {@code 1}); a tolerance can widen that.
 *
 * @param absolute numbers within this absolute difference are equal (zero for exact)
 * @param ignoreCase texts equal ignoring case
 * @param normalizeWhitespace texts equal after trimming and collapsing runs of whitespace
 */
public record Tolerance(BigDecimal absolute, boolean ignoreCase, boolean normalizeWhitespace) {

  /** Exact comparison. */
  public static final Tolerance EXACT = new Tolerance(BigDecimal.ZERO, false, false);

  /** Validates the components. */
  public Tolerance {
    Objects.requireNonNull(absolute, "absolute cannot be null");
    if (absolute.signum() < 0) {
      throw new IllegalArgumentException("tolerance must not be negative, was " + absolute);
    }
  }

  /** Numbers within {@code delta} of each other are equal. */
  public static Tolerance decimal(BigDecimal delta) {
    return new Tolerance(delta, false, false);
  }

  /** Texts equal ignoring case and surrounding/repeated whitespace. */
  public static Tolerance lenientText() {
    return new Tolerance(BigDecimal.ZERO, true, true);
  }

  /** A copy that also ignores case. */
  public Tolerance ignoringCase() {
    return new Tolerance(absolute, true, normalizeWhitespace);
  }

  /** A copy that also normalizes whitespace. */
  public Tolerance normalizingWhitespace() {
    return new Tolerance(absolute, ignoreCase, true);
  }
}
