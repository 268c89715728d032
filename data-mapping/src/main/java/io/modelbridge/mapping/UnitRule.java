package io.modelbridge.mapping;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Normalizes a quantity to one unit with an explicit factor table: {@code canonical = value * factors[unit]}.
 * The unit is fixed ({@code from}) or read per record from a source field ({@code unitField}); a unit not in
 * the table rejects the record. Reversible only with a fixed {@code from} unit.
 *
 * @param from the unit every source value has, if fixed
 * @param unitField the source field path holding each record's unit, if not fixed
 * @param to the canonical unit (documentation; the factors must convert to it)
 * @param factors the multiplier from each unit to {@code to}; must contain {@code to} or the units used
 */
public record UnitRule(Optional<String> from, Optional<String> unitField, String to, Map<String, BigDecimal> factors) {

  /** Validates: exactly one of {@code from} and {@code unitField}; non-zero factors; a fixed unit is known. */
  public UnitRule {
    Objects.requireNonNull(from, "from cannot be null");
    Objects.requireNonNull(unitField, "unitField cannot be null");
    Objects.requireNonNull(to, "to cannot be null");
    factors = Map.copyOf(Objects.requireNonNull(factors, "factors cannot be null"));
    if (from.isPresent() == unitField.isPresent()) {
      throw new IllegalArgumentException("a unit rule needs exactly one of 'from' (a fixed unit) and 'unitField'");
    }
    factors.forEach((u, f) -> {
      if (f.signum() == 0) {
        throw new IllegalArgumentException("unit factor for '" + u + "' must not be zero");
      }
    });
    if (from.isPresent() && !factors.containsKey(from.get())) {
      throw new IllegalArgumentException("unit '" + from.get() + "' has no factor in " + factors.keySet());
    }
  }
}
