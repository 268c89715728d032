package io.modelbridge.mapping;

import io.modelbridge.core.ModelBridgeException;

/**
 * An expression or rule could not be parsed (the message names the position and what was expected) or could
 * not be evaluated on a record (a type mismatch such as {@code 'abc' * 2}, a division by zero, an unknown
 * function). Not retryable: fix the expression or the data.
 */
public class ExpressionException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /** @param message what was wrong, where, and what to do */
  public ExpressionException(String message) {
    super(message, false);
  }
}
