package io.modelbridge.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * A business rule on a canonical entity (or on any JSON-like value, such as a model's answer): a boolean
 * expression in the rule language that must hold, optionally only when a condition holds.
 *
 * <p>Examples: {@code between(quantity, 1, 1000)} (range), {@code present(email)} (required),
 * {@code present(shippedAt)} when {@code status == 'SHIPPED'} (required-if),
 * {@code discount <= 0.3 * price} (cross-field). A check whose operands are absent evaluates to nothing and
 * passes; combine it with {@code present(..)} to require them.
 *
 * @param name the rule's name, reported with every violation
 * @param check the expression that must be true
 * @param when the condition under which the rule applies, if any
 * @param message what the rule means, for people; may be empty
 */
public record Rule(String name, String check, Optional<String> when, String message) {

  /** Validates the components (the expressions are parsed when a rule set or mapping is compiled). */
  public Rule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a name");
    }
    if (check == null || check.isBlank()) {
      throw new IllegalArgumentException("rule '" + name + "' needs a check expression");
    }
    Objects.requireNonNull(when, "when cannot be null (use Optional.empty())");
    Objects.requireNonNull(message, "message cannot be null");
  }

  /** A rule that always applies. */
  public static Rule of(String name, String check) {
    return new Rule(name, check, Optional.empty(), "");
  }

  /** A rule that applies when {@code when} is true. */
  public static Rule when(String name, String when, String check) {
    return new Rule(name, check, Optional.of(when), "");
  }
}
