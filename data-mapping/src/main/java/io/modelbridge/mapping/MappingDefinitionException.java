package io.modelbridge.mapping;

import io.modelbridge.core.ModelBridgeException;

/**
 * A mapping definition (file or builder) is invalid: an unknown setting, a malformed path or expression, a
 * contradiction. The message names the mapping, the field and the setting. Not retryable: fix the mapping.
 */
public class MappingDefinitionException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /** @param message what was wrong, where, and what to do */
  public MappingDefinitionException(String message) {
    super(message, false);
  }

  /**
   * @param message what was wrong, where, and what to do
   * @param cause the underlying failure
   */
  public MappingDefinitionException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
