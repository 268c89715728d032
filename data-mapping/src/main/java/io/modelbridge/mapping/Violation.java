package io.modelbridge.mapping;

import java.util.Objects;

/**
 * Why a record was rejected: one broken rule at one field. Personal values are masked ({@code "***"}) and
 * long values shortened before they get here, so a violation can be logged and stored as it is.
 *
 * @param sourceKey the key of the source record (for example {@code "ALFKI"} or {@code "10248|11"})
 * @param path the canonical field path (or source path for a missing source value), {@code $} for the
 *     whole record
 * @param rule the rule that failed: {@code required}, {@code type}, {@code codeTable}, {@code unit},
 *     {@code currency}, {@code expression}, {@code schema:<keyword>}, or a business rule's name
 * @param value the offending value, masked if personal; empty when there was none
 * @param message what was expected
 */
public record Violation(String sourceKey, String path, String rule, String value, String message) {

  /** Validates the components. */
  public Violation {
    Objects.requireNonNull(sourceKey, "sourceKey cannot be null");
    Objects.requireNonNull(path, "path cannot be null");
    Objects.requireNonNull(rule, "rule cannot be null");
    Objects.requireNonNull(value, "value cannot be null");
    Objects.requireNonNull(message, "message cannot be null");
  }

  /** One line for logs: {@code key 'K' field 'p' rule 'r': message (value 'v')}. */
  @Override
  public String toString() {
    return "record '" + sourceKey + "' field '" + path + "' rule '" + rule + "': " + message
        + (value.isEmpty() ? "" : " (value '" + value + "')");
  }
}
