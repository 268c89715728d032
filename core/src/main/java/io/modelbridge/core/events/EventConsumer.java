package io.modelbridge.core.events;

/**
 * Receives the events of a channel, one at a time, on the channel's delivery thread. A consumer that throws
 * is counted and logged by the channel and does not stop delivery to itself or to others; consumers fed by
 * an at-least-once channel must tolerate a redelivered event (same {@link BusinessEvent#id()}).
 */
@FunctionalInterface
public interface EventConsumer {

  /**
   * Handles one event.
   *
   * @param event the event
   */
  void accept(BusinessEvent event);
}
