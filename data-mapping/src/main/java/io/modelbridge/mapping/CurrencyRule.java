package io.modelbridge.mapping;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Converts money to one currency with explicit rates written in the mapping (never fetched):
 * {@code canonical = amount * rates[currency]}. A currency without a rate rejects the record. A field with a
 * currency rule has no reverse mapping unless source and target currency are the same.
 *
 * @param from the currency every amount is in, if fixed
 * @param currencyField the source field path holding each record's currency code, if not fixed
 * @param to the canonical currency
 * @param rates the rate from each currency to {@code to}
 */
public record CurrencyRule(
    Optional<String> from, Optional<String> currencyField, String to, Map<String, BigDecimal> rates) {

  /** Validates: exactly one of {@code from} and {@code currencyField}; positive rates. */
  public CurrencyRule {
    Objects.requireNonNull(from, "from cannot be null");
    Objects.requireNonNull(currencyField, "currencyField cannot be null");
    Objects.requireNonNull(to, "to cannot be null");
    rates = Map.copyOf(Objects.requireNonNull(rates, "rates cannot be null"));
    if (from.isPresent() == currencyField.isPresent()) {
      throw new IllegalArgumentException(
          "a currency rule needs exactly one of 'from' (a fixed currency) and 'currencyField'");
    }
    rates.forEach((c, r) -> {
      if (r.signum() <= 0) {
        throw new IllegalArgumentException("rate for currency '" + c + "' must be positive, was " + r);
      }
    });
  }
}
