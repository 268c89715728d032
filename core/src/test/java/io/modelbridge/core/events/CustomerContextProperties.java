package io.modelbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CustomerContextProperties {

  @Provide
  Arbitrary<List<BusinessEvent>> events() {
    Arbitrary<String> types = Arbitraries.of(BusinessEvent.PAGE_VIEW, BusinessEvent.ADD_TO_CART,
        BusinessEvent.REMOVE_FROM_CART, BusinessEvent.PURCHASE, "newsletter_signup");
    Arbitrary<String> items = Arbitraries.of("a", "b", "c", "d", "e", "f");
    return Combinators.combine(types, items)
        .as((t, i) -> BusinessEvent.of("shop", "c", t, Map.of(BusinessEvent.ITEM, i)))
        .list().ofMaxSize(60);
  }

  /** The store's snapshot equals a plain fold over the same events, and no list exceeds its cap. */
  @Property(tries = 300)
  void snapshotIsTheFoldOfTheEvents(@ForAll("events") List<BusinessEvent> events,
      @ForAll @IntRange(min = 1, max = 8) int cap) {
    CustomerContextStore store = CustomerContextStore.builder().historyPerCustomer(cap).build();
    events.forEach(store::accept);

    List<String> viewed = new ArrayList<>();
    LinkedHashSet<String> cart = new LinkedHashSet<>();
    List<String> purchases = new ArrayList<>();
    for (BusinessEvent e : events) {
      switch (e.type()) {
        case BusinessEvent.PAGE_VIEW -> {
          viewed.remove(e.item());
          viewed.add(0, e.item());
        }
        case BusinessEvent.ADD_TO_CART -> cart.add(e.item());
        case BusinessEvent.REMOVE_FROM_CART -> cart.remove(e.item());
        case BusinessEvent.PURCHASE -> {
          cart.remove(e.item());
          purchases.add(0, e.item());
        }
        default -> { }
      }
      while (viewed.size() > cap) {
        viewed.remove(viewed.size() - 1);
      }
      while (purchases.size() > cap) {
        purchases.remove(purchases.size() - 1);
      }
      while (cart.size() > cap) {
        cart.remove(cart.iterator().next());
      }
    }
    CustomerContext ctx = store.snapshot("shop", "c");
    assertThat(ctx.viewed()).isEqualTo(viewed);
    assertThat(ctx.cart()).containsExactlyElementsOf(cart);
    assertThat(ctx.purchases()).isEqualTo(purchases);
    assertThat(ctx.recent()).hasSize(Math.min(cap, events.size()));
    if (!events.isEmpty()) {
      assertThat(ctx.recent().get(0)).isEqualTo(events.get(events.size() - 1));
    }
  }
}
