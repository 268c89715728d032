package io.modelbridge.adapters.http;

import java.util.Optional;

/**
 * Hands the adapter a credential by name, at the moment it is needed (so a rotated token is picked up on
 * the next request). Given to the adapter as the {@code secretProvider} object configuration key.
 *
 * <p>The adapter puts the value into the configured auth header and nowhere else: it is never logged and
 * never part of an exception message. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SecretProvider {

  /**
   * The current value of the secret {@code name} (for example an API token), or empty if it is unknown.
   * Must not block for long: it is called once per HTTP request.
   */
  Optional<String> secret(String name);
}
