package io.modelbridge.core.events;

import io.modelbridge.core.ModelBridgeException;

/**
 * An event was not taken by a channel: it is full and stayed full for the allowed wait, or it is closed.
 * The event was counted as rejected; nothing was dropped silently. Full is retryable, closed is not.
 */
public class EventChannelException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message saying what was refused and what to do.
   *
   * @param message the message
   * @param retryable whether publishing again later can succeed
   */
  public EventChannelException(String message, boolean retryable) {
    super(message, retryable);
  }
}
