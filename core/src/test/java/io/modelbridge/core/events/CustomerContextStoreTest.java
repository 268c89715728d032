package io.modelbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CustomerContextStoreTest {

  private static BusinessEvent event(String tenant, String subject, String type, String item) {
    return BusinessEvent.of(tenant, subject, type, Map.of(BusinessEvent.ITEM, item));
  }

  @Test
  void thePublishedEventIsVisibleInTheNextSnapshotWithinOneSecond() throws Exception {
    try (EventChannel channel = EventChannel.inProcess(1_000)) {
      CustomerContextStore contexts = CustomerContextStore.builder().build();
      channel.subscribe(contexts);
      channel.publish(event("shop", "c-42", BusinessEvent.PAGE_VIEW, "D-102"), Duration.ofSeconds(1));
      channel.publish(event("shop", "c-42", BusinessEvent.ADD_TO_CART, "D-101"), Duration.ofSeconds(1));
      channel.publish(event("shop", "c-42", BusinessEvent.PURCHASE, "D-101"), Duration.ofSeconds(1));
      long published = System.nanoTime();

      CustomerContext ctx = contexts.snapshot("shop", "c-42");
      while (ctx.purchases().isEmpty() && System.nanoTime() - published < TimeUnit.SECONDS.toNanos(1)) {
        Thread.onSpinWait();
        ctx = contexts.snapshot("shop", "c-42");
      }
      assertThat(ctx.purchases()).as("visible within one second of publication").containsExactly("D-101");
      assertThat(ctx.cart()).isEmpty(); // bought, so no longer in the cart
      assertThat(ctx.viewed()).containsExactly("D-102");
      assertThat(ctx.toPromptText()).isEqualTo("Purchased: D-101. Recently viewed: D-102.");
    }
  }

  @Test
  void tenantsAndCustomersAreIsolated() {
    CustomerContextStore contexts = CustomerContextStore.builder().build();
    contexts.accept(event("acme", "c-1", BusinessEvent.PURCHASE, "secret-item"));
    assertThat(contexts.snapshot("globex", "c-1").isEmpty()).isTrue();
    assertThat(contexts.snapshot("acme", "c-2").isEmpty()).isTrue();
    assertThat(contexts.snapshot("acme", "c-1").purchases()).containsExactly("secret-item");
  }

  @Test
  void aRedeliveredEventIsAppliedOnce() {
    CustomerContextStore contexts = CustomerContextStore.builder().build();
    BusinessEvent e = event("shop", "c", BusinessEvent.PURCHASE, "D-1");
    contexts.accept(e);
    contexts.accept(e);
    assertThat(contexts.snapshot("shop", "c").purchases()).containsExactly("D-1");
    assertThat(contexts.snapshot("shop", "c").recent()).hasSize(1);
  }

  @Test
  void memoryIsBoundedPerCustomerAndInCustomers() {
    CustomerContextStore contexts = CustomerContextStore.builder().maxCustomers(100).historyPerCustomer(5).build();
    for (int c = 0; c < 1_000; c++) {
      for (int i = 0; i < 20; i++) {
        contexts.accept(event("shop", "c-" + c, BusinessEvent.PAGE_VIEW, "p-" + i));
      }
    }
    assertThat(contexts.customers()).isLessThanOrEqualTo(100);
    CustomerContext last = contexts.snapshot("shop", "c-999");
    assertThat(last.recent()).hasSize(5);
    assertThat(last.viewed()).containsExactly("p-19", "p-18", "p-17", "p-16", "p-15");
  }

  @Test
  void ticketsOpenAndClose() {
    CustomerContextStore contexts = CustomerContextStore.builder().build();
    contexts.accept(BusinessEvent.of("desk", "c", BusinessEvent.TICKET_OPENED, Map.of(BusinessEvent.TICKET, "T-1")));
    contexts.accept(BusinessEvent.of("desk", "c", BusinessEvent.TICKET_OPENED, Map.of(BusinessEvent.TICKET, "T-2")));
    contexts.accept(BusinessEvent.of("desk", "c", BusinessEvent.TICKET_CLOSED, Map.of(BusinessEvent.TICKET, "T-1")));
    assertThat(contexts.snapshot("desk", "c").openTickets()).containsExactly("T-2");
    assertThat(contexts.snapshot("desk", "c").toPromptText()).isEqualTo("Open support tickets: T-2.");
  }
}
