package io.modelbridge.mapping.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.mapping.CanonicalEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaxAgeTest {

  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  static final MaxAge FIVE_MINUTES = new MaxAge(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

  static CanonicalEntity read(String key, Instant at) {
    return new CanonicalEntity("customer", key, Map.of("name", "Maria Anders"),
        Optional.of(new SourceRef("crm", "customers", Map.of("id", key), Optional.of("v1"), at)));
  }

  @Test
  void staleEntity_isRefusedNamingLocatorAgeAndLimitButNoContent() {
    FIVE_MINUTES.requireFresh(List.of(read("A", NOW.minusSeconds(60))));
    assertThatThrownBy(() -> FIVE_MINUTES.requireFresh(List.of(read("A", NOW.minusSeconds(60)),
        read("B", NOW.minusSeconds(3600)))))
        .isInstanceOf(StaleDataException.class)
        .hasMessageContaining("crm/customers/B").hasMessageContaining("PT1H").hasMessageContaining("PT5M")
        .hasMessageNotContaining("Maria");
  }

  @Test
  void entityWithoutFetchedAt_countsAsStale() {
    CanonicalEntity unknown = new CanonicalEntity("customer", "X", Map.of(), Optional.empty());
    assertThat(FIVE_MINUTES.oldestStale(List.of(unknown))).contains(unknown);
  }

  @Test
  void hook_refusesCallsCarryingStaleDataAndPassesOthers() {
    MaxAgeHook hook = new MaxAgeHook(FIVE_MINUTES);
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("status of order 10248?")).build();
    CallContext plain = CallContext.of("t", "u", "order-desk");
    assertThat(hook.beforeRequest(new ModelCall(plain, request)).request()).isSameAs(request);
    CallContext fresh = MaxAge.bind(plain, List.of(read("A", NOW.minusSeconds(10))));
    assertThat(hook.beforeRequest(new ModelCall(fresh, request)).request()).isSameAs(request);
    CallContext stale = MaxAge.bind(fresh, List.of(read("B", NOW.minusSeconds(900))));
    assertThat(stale.attributes()).containsEntry(MaxAge.OLDEST_FETCHED_AT, NOW.minusSeconds(900).toString());
    assertThatThrownBy(() -> hook.beforeRequest(new ModelCall(stale, request)))
        .isInstanceOf(CallRefusedException.class).hasMessageContaining("PT15M");
  }
}
