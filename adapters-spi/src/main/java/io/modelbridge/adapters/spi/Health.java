package io.modelbridge.adapters.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of a health check.
 *
 * @param status whether the system answers
 * @param detail what was checked or what failed, without credentials; may be empty
 * @param latency how long the check took
 */
public record Health(Status status, String detail, Duration latency) {

  /** Health states. */
  public enum Status {
    /** The system answers normally. */
    UP,
    /** The system answers but something is wrong (slow, read-only). */
    DEGRADED,
    /** The system does not answer. */
    DOWN
  }

  /** Validates the components. */
  public Health {
    Objects.requireNonNull(status, "status cannot be null");
    Objects.requireNonNull(detail, "detail cannot be null");
    Objects.requireNonNull(latency, "latency cannot be null");
  }
}
