package io.modelbridge.mapping.freshness;

import io.modelbridge.core.CallContext;
import io.modelbridge.mapping.CanonicalEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A maximum age for data sent to a model: entities read longer ago than {@code maxAge} are refused. An
 * entity without a fetched-at time counts as stale (fail closed).
 *
 * <p>Use it directly before building a prompt ({@link #requireFresh(Collection)}), or record the oldest
 * fetched-at time in the {@link CallContext} ({@link #bind(CallContext, Collection)}) and install
 * {@link MaxAgeHook} so that the gateway refuses the call.
 *
 * @param maxAge the oldest data allowed
 * @param clock the clock "now" is read from
 */
public record MaxAge(Duration maxAge, Clock clock) {

  /** The {@link CallContext} attribute holding the oldest fetched-at instant (ISO-8601) of the call's data. */
  public static final String OLDEST_FETCHED_AT = "modelbridge.data.oldestFetchedAt";

  /** Validates the components. */
  public MaxAge {
    Objects.requireNonNull(maxAge, "maxAge cannot be null");
    Objects.requireNonNull(clock, "clock cannot be null");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative, was " + maxAge);
    }
  }

  /** A rule on the system clock. */
  public static MaxAge of(Duration maxAge) {
    return new MaxAge(maxAge, Clock.systemUTC());
  }

  /** The stale entity with the oldest fetched-at time, if any entity is stale. */
  public Optional<CanonicalEntity> oldestStale(Collection<CanonicalEntity> entities) {
    Instant limit = clock.instant().minus(maxAge);
    CanonicalEntity worst = null;
    for (CanonicalEntity e : entities) {
      Instant at = e.fetchedAt().orElse(Instant.MIN);
      if (at.isBefore(limit) && (worst == null || at.isBefore(worst.fetchedAt().orElse(Instant.MIN)))) {
        worst = e;
      }
    }
    return Optional.ofNullable(worst);
  }

  /**
   * Refuses stale data.
   *
   * @throws StaleDataException naming the oldest stale record (by locator, never by content), its age and
   *     the limit
   */
  public void requireFresh(Collection<CanonicalEntity> entities) {
    Optional<CanonicalEntity> stale = oldestStale(entities);
    if (stale.isPresent()) {
      CanonicalEntity e = stale.get();
      String where = e.source().map(s -> s.locator()).orElse(e.entity() + "/" + e.key());
      String age = e.fetchedAt().map(at -> "was read " + Duration.between(at, clock.instant()).withNanos(0) + " ago")
          .orElse("has no fetched-at time");
      throw new StaleDataException(where + " " + age + ", more than the allowed " + maxAge
          + "; read it again before sending it to the model");
    }
  }

  /** Whether an instant is too old. */
  public boolean isStale(Instant fetchedAt) {
    return fetchedAt.isBefore(clock.instant().minus(maxAge));
  }

  /**
   * A copy of {@code context} whose {@link #OLDEST_FETCHED_AT} attribute is the oldest fetched-at time of
   * {@code entities} (the epoch start for an entity without one), for {@link MaxAgeHook}.
   */
  public static CallContext bind(CallContext context, Collection<CanonicalEntity> entities) {
    Instant oldest = null;
    for (CanonicalEntity e : entities) {
      Instant at = e.fetchedAt().orElse(Instant.EPOCH);
      if (oldest == null || at.isBefore(oldest)) {
        oldest = at;
      }
    }
    if (oldest == null) {
      return context;
    }
    Map<String, String> attributes = new HashMap<>(context.attributes());
    String previous = attributes.get(OLDEST_FETCHED_AT);
    if (previous == null || oldest.isBefore(Instant.parse(previous))) {
      attributes.put(OLDEST_FETCHED_AT, oldest.toString());
    }
    return new CallContext(context.tenant(), context.principal(), context.purpose(), context.correlationId(),
        context.conversationId(), attributes);
  }
}
