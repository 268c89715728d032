package io.modelbridge.mapping.freshness;

import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A hook that refuses a model call whose data is older than a {@link MaxAge}: it reads the
 * {@link MaxAge#OLDEST_FETCHED_AT} attribute of the call's context (set with
 * {@link MaxAge#bind(io.modelbridge.core.CallContext, java.util.Collection)}). Calls without the attribute
 * carry no business data and pass; an unreadable attribute refuses the call (fail closed).
 */
public final class MaxAgeHook implements CallHook {

  private final MaxAge rule;

  /** @param rule the maximum age */
  public MaxAgeHook(MaxAge rule) {
    this.rule = Objects.requireNonNull(rule, "rule cannot be null");
  }

  /**
   * Passes fresh calls unchanged.
   *
   * @throws CallRefusedException if the call's data is stale or its fetched-at attribute is unreadable
   */
  @Override
  public ModelCall beforeRequest(ModelCall call) {
    String oldest = call.context().attributes().get(MaxAge.OLDEST_FETCHED_AT);
    if (oldest == null) {
      return call;
    }
    Instant at;
    try {
      at = Instant.parse(oldest);
    } catch (DateTimeParseException e) {
      throw new CallRefusedException(name(), "context attribute " + MaxAge.OLDEST_FETCHED_AT
          + " is not an ISO-8601 instant; set it with MaxAge.bind");
    }
    if (rule.isStale(at)) {
      throw new CallRefusedException(name(), "the call's data was read "
          + Duration.between(at, rule.clock().instant()).withNanos(0) + " ago, more than the allowed "
          + rule.maxAge() + "; read it again before asking the model");
    }
    return call;
  }
}
