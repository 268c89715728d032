package io.modelbridge.adapters.spi;

/** An adapter's configuration is wrong: names the key and says what is expected. Not retryable. */
public class InvalidAdapterConfigException extends AdapterException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param systemId the system being configured
   * @param key the offending key
   * @param problem what is wrong with it, starting with a verb ("is required", "is not a known key")
   */
  public InvalidAdapterConfigException(String systemId, String key, String problem) {
    super(systemId, "config", "configuration key '" + key + "' " + problem, false, null);
    this.key = key;
  }

  /** The offending key. */
  public String key() {
    return key;
  }
}
