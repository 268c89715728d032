package io.modelbridge.mapping;

import java.util.Objects;

/** What mapping one record gave: a {@link Delivered} entity or a {@link Rejected} record, never both. */
public sealed interface MappingOutcome {

  /** Whether the record was delivered. */
  default boolean delivered() {
    return this instanceof Delivered;
  }

  /**
   * The record was mapped and is valid.
   *
   * @param entity the canonical entity
   */
  record Delivered(CanonicalEntity entity) implements MappingOutcome {
    /** Validates the component. */
    public Delivered {
      Objects.requireNonNull(entity, "entity cannot be null");
    }
  }

  /**
   * The record was rejected.
   *
   * @param rejection the record and why
   */
  record Rejected(Rejection rejection) implements MappingOutcome {
    /** Validates the component. */
    public Rejected {
      Objects.requireNonNull(rejection, "rejection cannot be null");
    }
  }
}
