/**
 * Real-time business events: an {@link io.modelbridge.core.events.EventChannel} (bounded, back-pressure,
 * never a silent drop; in-process by default, ready for an external broker) and the live per-customer
 * {@link io.modelbridge.core.events.CustomerContextStore} that the next model call reads.
 */
package io.modelbridge.core.events;
