package io.modelbridge.core.events;

import java.time.Duration;

/**
 * Where business events enter ModelBridge. The in-process default is {@link #inProcess(int)}: a bounded
 * queue with back-pressure. An external broker (Kafka, a JMS queue) implements the same interface: publish
 * sends to the topic, a subscription is a consumer group that calls the consumers, and its at-least-once
 * redelivery is absorbed by consumers that drop an event id they have seen (as {@link CustomerContextStore}
 * does).
 *
 * <p>No event is ever dropped silently: {@link #publish} blocks while the channel is full and fails with an
 * exception after its wait, {@link #offer} returns {@code false}; both count the rejection in
 * {@link #metrics()}.
 */
public interface EventChannel extends AutoCloseable {

  /**
   * A bounded in-process channel that delivers on one daemon thread, in publication order.
   *
   * @param capacity how many events may wait for delivery (1 to 10,000,000)
   * @return the channel, already delivering
   */
  static EventChannel inProcess(int capacity) {
    return new io.modelbridge.core.events.internal.InProcessEventChannel(capacity);
  }

  /**
   * Publishes an event, waiting while the channel is full (back-pressure).
   *
   * @param event the event
   * @param maxWait how long to wait for space
   * @throws EventChannelException (retryable) if the channel stayed full for {@code maxWait}, or (not
   *     retryable) if the channel is closed; the event is counted as rejected
   */
  void publish(BusinessEvent event, Duration maxWait);

  /**
   * Publishes an event if there is space now.
   *
   * @param event the event
   * @return {@code true} if accepted; {@code false} if the channel is full or closed (counted as rejected)
   */
  boolean offer(BusinessEvent event);

  /**
   * Adds a consumer; it receives every event accepted from now on.
   *
   * @param consumer the consumer
   */
  void subscribe(EventConsumer consumer);

  /** The channel's counters now. */
  ChannelMetrics metrics();

  /**
   * Stops accepting events and delivers what is queued, waiting at most {@code maxWait}.
   *
   * @param maxWait how long to wait for the queue to drain
   * @return how many accepted events were left undelivered (0 when the queue drained)
   */
  long close(Duration maxWait);

  /** Closes the channel, waiting up to 10 seconds for queued events to be delivered. */
  @Override
  default void close() {
    close(Duration.ofSeconds(10));
  }
}
