package io.modelbridge.core.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The live per-customer context: an {@link EventConsumer} that applies each event as it is delivered, so
 * the next model call sees it as soon as the channel has handed it over (milliseconds with the in-process
 * channel). Memory is bounded: at most {@code maxCustomers} customers (least recently used evicted, and
 * idle ones expire), and at most {@code historyPerCustomer} entries per list. Tenants are isolated: a
 * snapshot is keyed by tenant and customer. A redelivered event (an id already applied) is ignored.
 *
 * <pre>{@code
 * EventChannel channel = EventChannel.inProcess(10_000);
 * CustomerContextStore contexts = CustomerContextStore.builder().build();
 * channel.subscribe(contexts);
 * channel.publish(BusinessEvent.of("shop", "c-42", BusinessEvent.PURCHASE, Map.of("item", "D-101")), Duration.ofSeconds(1));
 * String text = contexts.snapshot("shop", "c-42").toPromptText();
 * }</pre>
 */
public final class CustomerContextStore implements EventConsumer {

  private final Cache<Key, State> states;
  private final int historyPerCustomer;

  private CustomerContextStore(Builder b) {
    this.historyPerCustomer = b.historyPerCustomer;
    this.states = Caffeine.newBuilder()
        .maximumSize(b.maxCustomers)
        .expireAfterAccess(b.expireAfterAccess)
        .executor(Runnable::run)
        .build();
  }

  /** A builder with the defaults: 100,000 customers, 50 entries each, idle customers kept 1 day. */
  public static Builder builder() {
    return new Builder();
  }

  /** Applies one event to its customer's context. */
  @Override
  public void accept(BusinessEvent event) {
    Objects.requireNonNull(event, "event cannot be null");
    State state = states.get(new Key(event.tenant(), event.subject()), k -> new State());
    synchronized (state) {
      state.apply(event, historyPerCustomer);
    }
  }

  /**
   * The customer's context now.
   *
   * @param tenant the tenant
   * @param subject the customer
   * @return the snapshot; {@link CustomerContext#empty} when no event is known
   */
  public CustomerContext snapshot(String tenant, String subject) {
    State state = states.getIfPresent(new Key(tenant, subject));
    if (state == null) {
      return CustomerContext.empty(tenant, subject);
    }
    synchronized (state) {
      return state.snapshot(tenant, subject);
    }
  }

  /** How many customers are held now (after pending evictions). */
  public long customers() {
    states.cleanUp();
    return states.estimatedSize();
  }

  private record Key(String tenant, String subject) {}

  private static final class State {
    private final Deque<String> viewed = new ArrayDeque<>();
    private final LinkedHashSet<String> cart = new LinkedHashSet<>();
    private final Deque<String> purchases = new ArrayDeque<>();
    private final LinkedHashSet<String> tickets = new LinkedHashSet<>();
    private final Deque<BusinessEvent> recent = new ArrayDeque<>();
    private final LinkedHashSet<String> seenIds = new LinkedHashSet<>();

    void apply(BusinessEvent e, int cap) {
      if (!seenIds.add(e.id())) {
        return;
      }
      trim(seenIds, 4 * cap);
      recent.addFirst(e);
      trim(recent, cap);
      String item = e.item();
      String ticket = e.attributes().getOrDefault(BusinessEvent.TICKET, "");
      switch (e.type()) {
        case BusinessEvent.PAGE_VIEW:
          if (!item.isEmpty()) {
            viewed.remove(item);
            viewed.addFirst(item);
            trim(viewed, cap);
          }
          break;
        case BusinessEvent.ADD_TO_CART:
          if (!item.isEmpty()) {
            cart.add(item);
            trim(cart, cap);
          }
          break;
        case BusinessEvent.REMOVE_FROM_CART:
          cart.remove(item);
          break;
        case BusinessEvent.PURCHASE:
          if (!item.isEmpty()) {
            cart.remove(item);
            purchases.addFirst(item);
            trim(purchases, cap);
          }
          break;
        case BusinessEvent.TICKET_OPENED:
          if (!ticket.isEmpty()) {
            tickets.add(ticket);
            trim(tickets, cap);
          }
          break;
        case BusinessEvent.TICKET_CLOSED:
          tickets.remove(ticket);
          break;
        default:
          break; // other types are kept in the history only
      }
    }

    CustomerContext snapshot(String tenant, String subject) {
      return new CustomerContext(tenant, subject, new ArrayList<>(viewed), new ArrayList<>(cart),
          new ArrayList<>(purchases), new ArrayList<>(tickets), new ArrayList<>(recent),
          recent.isEmpty() ? Optional.empty() : Optional.of(recent.peekFirst().occurredAt()));
    }

    /** Drops the oldest entries: the last of a deque (newest first), the first of a set (insertion order). */
    private static void trim(java.util.Collection<?> c, int cap) {
      while (c.size() > cap) {
        if (c instanceof Deque) {
          ((Deque<?>) c).removeLast();
        } else {
          var it = c.iterator();
          it.next();
          it.remove();
        }
      }
    }
  }

  /** Options of a {@link CustomerContextStore}. */
  public static final class Builder {
    private long maxCustomers = 100_000;
    private int historyPerCustomer = 50;
    private Duration expireAfterAccess = Duration.ofDays(1);

    private Builder() {}

    /** At most this many customers are held; the least recently used are evicted (default 100,000). */
    public Builder maxCustomers(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCustomers must be at least 1, was " + max);
      }
      this.maxCustomers = max;
      return this;
    }

    /** At most this many entries per list and per history (default 50, 1 to 10,000). */
    public Builder historyPerCustomer(int entries) {
      if (entries < 1 || entries > 10_000) {
        throw new IllegalArgumentException("historyPerCustomer must be 1 to 10,000, was " + entries);
      }
      this.historyPerCustomer = entries;
      return this;
    }

    /** A customer without events or reads for this long is forgotten (default 1 day). */
    public Builder expireAfterAccess(Duration idle) {
      Objects.requireNonNull(idle, "expireAfterAccess cannot be null");
      if (idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("expireAfterAccess must be positive, was " + idle);
      }
      this.expireAfterAccess = idle;
      return this;
    }

    /** The store. */
    public CustomerContextStore build() {
      return new CustomerContextStore(this);
    }
  }
}
