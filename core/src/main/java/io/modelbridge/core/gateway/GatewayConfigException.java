package io.modelbridge.core.gateway;

import io.modelbridge.core.ModelBridgeException;

/** A gateway configuration key is unknown, missing or has an invalid value; names the key. Not retryable. */
public class GatewayConfigException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;

  /**
   * @param key the offending key, in full (for example {@code modelbridge.retry.maxRetries})
   * @param problem what is wrong and what to do
   */
  public GatewayConfigException(String key, String problem) {
    super("Gateway configuration key '" + key + "': " + problem, false);
    this.key = key;
    this.problem = problem;
  }

  /**
   * @param key the offending key
   * @param problem what is wrong and what to do
   * @param cause the underlying failure
   */
  public GatewayConfigException(String key, String problem, Throwable cause) {
    super("Gateway configuration key '" + key + "': " + problem, cause, false);
    this.key = key;
    this.problem = problem;
  }

  /**
   * A problem in a configuration file: the message is the file's error ({@code gateway.yaml, line 4,
   * column 3 (key 'modelbridge.retry.maxRetries'): must be ...}).
   *
   * @param key the offending key, or {@code (file)} when the file as a whole is wrong
   * @param inFile the error naming the file, the line and column when known, and what to do
   * @since 0.2
   */
  public GatewayConfigException(String key, io.modelbridge.json.ConfigFileException inFile) {
    super("Gateway configuration " + inFile.getMessage(), inFile, false);
    this.key = key;
    this.problem = inFile.problem();
  }

  /** The offending key. */
  public String key() {
    return key;
  }

  /** What is wrong and what to do, without the key or the file. */
  String problem() {
    return problem;
  }
}
