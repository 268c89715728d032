package io.modelbridge.core.events;

/**
 * Counters of an event channel. Every event offered is either accepted or rejected, and every accepted event
 * is delivered, still queued, or (after a close that timed out) left undelivered:
 * {@code offered == accepted + rejected} and {@code accepted == delivered + queued + undelivered}.
 *
 * @param offered events given to {@code publish} or {@code offer}
 * @param accepted events taken into the channel
 * @param rejected events refused because the channel was full (or closed)
 * @param delivered accepted events handed to every consumer
 * @param queued accepted events waiting for delivery now
 * @param undelivered accepted events a close gave up on (0 unless a close timed out)
 * @param consumerFailures consumer invocations that threw
 */
public record ChannelMetrics(
    long offered, long accepted, long rejected, long delivered, long queued, long undelivered,
    long consumerFailures) {}
