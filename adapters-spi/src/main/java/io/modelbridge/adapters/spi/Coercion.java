package io.modelbridge.adapters.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict of {@link FieldType#coerce(Object)}: the value as the field type's Java type, or the reason
 * it was refused.
 *
 * <p>A reason says what was expected and what kind of value was given (a text, a number), never the value
 * itself, so it can go into a message or a log line even when the field holds personal data.
 *
 * @since SPI 2
 */
public final class Coercion {

  private final Object value;
  private final String reason;

  private Coercion(Object value, String reason) {
    this.value = value;
    this.reason = reason;
  }

  static Coercion accepted(Object value) {
    return new Coercion(Objects.requireNonNull(value, "value cannot be null"), null);
  }

  static Coercion rejected(String reason) {
    return new Coercion(null, Checks.requireText(reason, "reason"));
  }

  /** Whether the value was accepted. */
  public boolean accepted() {
    return reason == null;
  }

  /**
   * The accepted value, of the field type's {@link FieldType#javaType() Java type}.
   *
   * @throws IllegalStateException if the value was rejected (the message gives the reason)
   */
  public Object value() {
    if (reason != null) {
      throw new IllegalStateException("the value was rejected: it " + reason);
    }
    return value;
  }

  /**
   * Why the value was refused, to be read after the field's name ("must be a whole number...").
   *
   * @throws IllegalStateException if the value was accepted
   */
  public String reason() {
    if (reason == null) {
      throw new IllegalStateException("the value was accepted; there is no reason to give");
    }
    return reason;
  }

  /** The accepted value, or empty if it was rejected. */
  public Optional<Object> toOptional() {
    return Optional.ofNullable(value);
  }

  /** Shows the verdict, and the type of an accepted value, never the value (it may be personal data). */
  @Override
  public String toString() {
    return reason == null ? "Coercion[accepted " + value.getClass().getSimpleName() + "]"
        : "Coercion[rejected: " + reason + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Coercion c && Objects.equals(value, c.value) && Objects.equals(reason, c.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, reason);
  }
}
