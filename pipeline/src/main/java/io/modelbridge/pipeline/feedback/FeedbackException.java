package io.modelbridge.pipeline.feedback;

import io.modelbridge.core.ModelBridgeException;

/** Feedback could not be stored or read; the message names the file, the line and what to do. */
public final class FeedbackException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, where, and what to do
   * @param cause the underlying failure, if any
   */
  public FeedbackException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
