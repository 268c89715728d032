package io.modelbridge.adapters.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key an adapter provider accepts.
 *
 * @param name the key (for example {@code "url"})
 * @param type how its value is read
 * @param required whether it must be given
 * @param defaultValue the value used when it is not given (as text), if any
 * @param secret whether the value is a credential: never logged, never shown
 * @param description what it sets
 */
public record ConfigKey(
    String name, Type type, boolean required, Optional<String> defaultValue, boolean secret, String description) {

  /** How a value is read. */
  public enum Type {
    /** Text. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An ISO-8601 duration ({@code PT30S}) or a number of milliseconds. */
    DURATION,
    /** A file system path. */
    PATH,
    /** A live object handed over by the embedder (a {@code javax.sql.DataSource}, a secret provider). */
    OBJECT
  }

  /** Validates the components. */
  public ConfigKey {
    Checks.requireText(name, "config key name");
    Objects.requireNonNull(type, "type cannot be null");
    Objects.requireNonNull(defaultValue, "defaultValue cannot be null (use Optional.empty())");
    Objects.requireNonNull(description, "description cannot be null");
  }

  /** A required key. */
  public static ConfigKey required(String name, Type type, String description) {
    return new ConfigKey(name, type, true, Optional.empty(), false, description);
  }

  /** An optional key with a default. */
  public static ConfigKey optional(String name, Type type, String defaultValue, String description) {
    return new ConfigKey(name, type, false, Optional.of(defaultValue), false, description);
  }

  /** An optional key without default. */
  public static ConfigKey optional(String name, Type type, String description) {
    return new ConfigKey(name, type, false, Optional.empty(), false, description);
  }

  /** A copy marked secret. */
  public ConfigKey asSecret() {
    return new ConfigKey(name, type, required, defaultValue, true, description);
  }
}
