package io.modelbridge.security.pii.internal;

/**
 * Counts the work of the recognizers' bounded inner steps (characters handed to a validator or to
 * libphonenumber, candidates checked) on the current thread, so tests can show that the work is linear in
 * the input without timing anything. Counting is off unless {@link #start()} was called on the thread.
 */
public final class Steps {
  private static final ThreadLocal<long[]> COUNT = new ThreadLocal<>();

  private Steps() {}

  /** Starts (or restarts) counting on this thread. */
  public static void start() {
    COUNT.set(new long[1]);
  }

  /** Stops counting on this thread and returns the count since {@link #start()}. */
  public static long stop() {
    long[] c = COUNT.get();
    COUNT.remove();
    return c == null ? 0 : c[0];
  }

  static void add(int n) {
    long[] c = COUNT.get();
    if (c != null) {
      c[0] += n;
    }
  }
}
