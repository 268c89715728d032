package io.modelbridge.mapping.freshness;

import io.modelbridge.core.ModelBridgeException;

/**
 * Data is older than the allowed maximum age and must not be sent to a model. Retryable: read the data
 * again and retry.
 */
public class StaleDataException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /** @param message which record, how old, what limit, and what to do */
  public StaleDataException(String message) {
    super(message, true);
  }
}
