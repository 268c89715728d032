package io.modelbridge.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something a customer did in a business system: a page view, an item added to the cart, a purchase, a
 * support ticket opened. Events are immutable and carry an id, so a consumer fed by an at-least-once broker
 * can drop a redelivered event.
 *
 * <p>Well-known types are the constants of this record; any other non-blank type is accepted and kept in
 * the history. By convention the attribute {@value #ITEM} names the product or item and {@value #TICKET}
 * the ticket.
 *
 * @param id unique id of the event (used to drop duplicates)
 * @param tenant the tenant the customer belongs to
 * @param subject the customer (or account) the event is about
 * @param type what happened, for example {@value #PURCHASE}
 * @param occurredAt when it happened in the source system
 * @param attributes details, for example {@code item=D-101}; copied, never null
 */
public record BusinessEvent(
    String id, String tenant, String subject, String type, Instant occurredAt, Map<String, String> attributes) {

  /** A customer looked at an item ({@value #ITEM}). */
  public static final String PAGE_VIEW = "page_view";
  /** A customer put an item ({@value #ITEM}) into the cart. */
  public static final String ADD_TO_CART = "add_to_cart";
  /** A customer took an item ({@value #ITEM}) out of the cart. */
  public static final String REMOVE_FROM_CART = "remove_from_cart";
  /** A customer bought an item ({@value #ITEM}); it leaves the cart. */
  public static final String PURCHASE = "purchase";
  /** A customer opened a support ticket ({@value #TICKET}). */
  public static final String TICKET_OPENED = "ticket_opened";
  /** A support ticket ({@value #TICKET}) was closed. */
  public static final String TICKET_CLOSED = "ticket_closed";
  /** Attribute naming the product or item of the event. */
  public static final String ITEM = "item";
  /** Attribute naming the ticket of the event. */
  public static final String TICKET = "ticket";

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException naming the component that is missing or blank
   */
  public BusinessEvent {
    id = required(id, "id");
    tenant = required(tenant, "tenant");
    subject = required(subject, "subject");
    type = required(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt cannot be null: give the time the event happened");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes cannot be null: use Map.of()"));
  }

  /**
   * An event happening now, with a fresh random id.
   *
   * @param tenant the tenant
   * @param subject the customer
   * @param type what happened
   * @param attributes details, for example {@code Map.of(BusinessEvent.ITEM, "D-101")}
   * @return the event
   */
  public static BusinessEvent of(String tenant, String subject, String type, Map<String, String> attributes) {
    return new BusinessEvent(UUID.randomUUID().toString(), tenant, subject, type, Instant.now(), attributes);
  }

  /** The {@value #ITEM} attribute, or an empty string when the event has none. */
  public String item() {
    return attributes.getOrDefault(ITEM, "");
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("business event " + name + " must not be blank");
    }
    return value;
  }
}
