package io.modelbridge.core.gateway;

import io.modelbridge.core.ModelBridgeException;

/** A gateway configuration key is unknown, missing or has an invalid value; names the key. Not retryable. */
public class GatewayConfigException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the offending key, in full (for example {@code modelbridge.retry.maxRetries})
   * @param problem what is wrong and what to do
   */
  public GatewayConfigException(String key, String problem) {
    super("Gateway configuration key '" + key + "': " + problem, false);
    this.key = key;
  }

  /**
   * @param key the offending key
   * @param problem what is wrong and what to do
   * @param cause the underlying failure
   */
  public GatewayConfigException(String key, String problem, Throwable cause) {
    super("Gateway configuration key '" + key + "': " + problem, cause, false);
    this.key = key;
  }

  /** The offending key. */
  public String key() {
    return key;
  }
}
