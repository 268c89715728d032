package io.modelbridge.adapters.spi;

/** No record has the given key. Not retryable. */
public class RecordNotFoundException extends AdapterException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /** @param key the key string that matched nothing */
  public RecordNotFoundException(String systemId, String operation, String entity, String key) {
    super(systemId, operation, "no " + entity + " record with key '" + key + "'", false, null);
    this.key = key;
  }

  /** The key string that matched nothing. */
  public String key() {
    return key;
  }
}
