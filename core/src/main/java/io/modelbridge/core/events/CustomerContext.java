package io.modelbridge.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer did recently, derived from business events: an immutable snapshot that the next model
 * call can include. Lists are most recent first, except the cart (in the order items were added).
 *
 * @param tenant the tenant
 * @param subject the customer
 * @param viewed items viewed, most recent first, each once
 * @param cart items in the cart now
 * @param purchases items bought, most recent first
 * @param openTickets support tickets opened and not closed
 * @param recent the latest events, most recent first
 * @param lastEventAt when the latest event happened, empty when there was none
 */
public record CustomerContext(
    String tenant, String subject, List<String> viewed, List<String> cart, List<String> purchases,
    List<String> openTickets, List<BusinessEvent> recent, Optional<Instant> lastEventAt) {

  /** Validates and copies the components. */
  public CustomerContext {
    Objects.requireNonNull(tenant, "tenant cannot be null");
    Objects.requireNonNull(subject, "subject cannot be null");
    viewed = List.copyOf(viewed);
    cart = List.copyOf(cart);
    purchases = List.copyOf(purchases);
    openTickets = List.copyOf(openTickets);
    recent = List.copyOf(recent);
    Objects.requireNonNull(lastEventAt, "lastEventAt cannot be null: use Optional.empty()");
  }

  /** The context of a customer with no events. */
  public static CustomerContext empty(String tenant, String subject) {
    return new CustomerContext(tenant, subject, List.of(), List.of(), List.of(), List.of(), List.of(),
        Optional.empty());
  }

  /** Whether no event was seen for this customer. */
  public boolean isEmpty() {
    return recent.isEmpty();
  }

  /**
   * The context as short text for a prompt, for example
   * {@code "Purchased: D-101. In cart: A-203. Recently viewed: D-101, D-102."}; empty parts are left out.
   */
  public String toPromptText() {
    StringBuilder s = new StringBuilder();
    part(s, "Purchased", purchases);
    part(s, "In cart", cart);
    part(s, "Recently viewed", viewed);
    part(s, "Open support tickets", openTickets);
    return s.length() == 0 ? "No recent activity." : s.toString();
  }

  private static void part(StringBuilder s, String label, List<String> items) {
    if (!items.isEmpty()) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(label).append(": ").append(String.join(", ", items)).append('.');
    }
  }
}
