package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayHooksAndBudgetTest {

  private final AtomicInteger providerCalls = new AtomicInteger();
  private final List<String> seenByProvider = new CopyOnWriteArrayList<>();
  private final ChatModel echo = new ChatModel() {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      providerCalls.incrementAndGet();
      String text = ((UserMessage) request.messages().get(0)).singleText();
      seenByProvider.add(text);
      return ChatResponse.builder().aiMessage(AiMessage.from("echo: " + text)).tokenUsage(new TokenUsage(40, 10)).build();
    }
  };

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().messages(UserMessage.from(text)).temperature(0.0).build();
  }

  @Test
  void hooks_rewriteBeforeAndAfter_inNestedOrder_andCacheHoldsTheUnrestoredAnswer() {
    List<String> order = new CopyOnWriteArrayList<>();
    CallHook mask = new CallHook() {
      @Override
      public ModelCall beforeRequest(ModelCall call) {
        order.add("mask.before");
        return call.withRequest(ask("customer TOKEN-1"));
      }

      @Override
      public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
        order.add("mask.after");
        String restored = answer.response().aiMessage().text().replace("TOKEN-1", "Alice");
        return answer.withResponse(answer.response().toBuilder().aiMessage(AiMessage.from(restored)).build());
      }
    };
    CallHook audit = new CallHook() {
      @Override
      public ModelCall beforeRequest(ModelCall call) {
        order.add("audit.before:" + call.context().tenant());
        return call;
      }

      @Override
      public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
        order.add("audit.after:" + answer.provider() + ":" + answer.cached());
        return answer;
      }
    };
    ModelGateway gw = ModelGateway.builder().provider("echo", echo).hook(mask).hook(audit).build();
    ChatModel acme = gw.withContext(CallContext.of("acme", "clerk", "test"));

    assertThat(acme.chat(ask("customer Alice")).aiMessage().text()).isEqualTo("echo: customer Alice");
    assertThat(acme.chat(ask("customer Alice")).aiMessage().text()).isEqualTo("echo: customer Alice");

    assertThat(seenByProvider).containsExactly("customer TOKEN-1");
    assertThat(order).containsExactly(
        "mask.before", "audit.before:acme", "audit.after:echo:false", "mask.after",
        "mask.before", "audit.before:acme", "audit.after:cache:true", "mask.after");
  }

  @Test
  void refusingHook_stopsTheCallBeforeAnyProvider_andOnErrorSeesIt() {
    List<ModelBridgeException> errors = new CopyOnWriteArrayList<>();
    CallHook refuse = new CallHook() {
      @Override
      public String name() {
        return "policy";
      }

      @Override
      public ModelCall beforeRequest(ModelCall call) {
        throw new CallRefusedException("policy", "purpose not allowed");
      }

      @Override
      public void onError(ModelCall call, ModelBridgeException error) {
        errors.add(error);
      }
    };
    ModelGateway gw = ModelGateway.builder().provider("echo", echo).hook(refuse).build();

    CallRefusedException e = catchThrowableOfType(
        () -> gw.call(CallContext.anonymous(), ask("x")), CallRefusedException.class);

    assertThat(e.hook()).isEqualTo("policy");
    assertThat(providerCalls).hasValue(0);
    assertThat(errors).containsExactly(e);
    assertThat(gw.metrics().hookRefusals()).isEqualTo(1);
  }

  @Test
  void cache_isOnlyForDeterministicRequests_orWhenTheContextSaysSo() {
    ModelGateway gw = ModelGateway.builder().provider("echo", echo).build();
    ChatRequest creative = ChatRequest.builder().messages(UserMessage.from("poem")).temperature(0.7).build();
    CallContext ctx = CallContext.of("acme", "clerk", "test");

    gw.call(ctx, creative);
    assertThat(gw.call(ctx, creative).cached()).isFalse();
    CallContext flagged = ctx.withAttribute(ModelGateway.DETERMINISTIC_ATTRIBUTE, "true");
    gw.call(flagged, creative);
    assertThat(gw.call(flagged, creative).cached()).isTrue();
    assertThat(providerCalls).hasValue(3);
  }

  @Test
  void errors_areNeverCached() {
    AtomicInteger calls = new AtomicInteger();
    ChatModel failingOnce = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        if (calls.incrementAndGet() == 1) {
          throw new dev.langchain4j.exception.InvalidRequestException("bad");
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("good")).build();
      }
    };
    ModelGateway gw = ModelGateway.builder().provider("p", failingOnce).noDegradedResponder().build();

    catchThrowableOfType(() -> gw.call(CallContext.anonymous(), ask("q")), AllProvidersFailedException.class);
    ModelAnswer second = gw.call(CallContext.anonymous(), ask("q"));

    assertThat(second.cached()).isFalse();
    assertThat(second.response().aiMessage().text()).isEqualTo("good");
  }

  @Test
  void budget_refusesBeforeTheCall_withTenantWindowAndReset_thenResetsInTheNextWindow() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:15:00Z"));
    ModelGateway gw = ModelGateway.builder().provider("echo", echo).noCache()
        .tokenBudget(100, Duration.ofHours(1)).outputReserve(20).clock(clock).build();
    CallContext acme = CallContext.of("acme", "clerk", "test");

    gw.call(acme, ask("first"));
    gw.call(acme, ask("second"));
    assertThat(gw.tokensSpent("acme")).isEqualTo(100);
    BudgetExceededException e = catchThrowableOfType(() -> gw.call(acme, ask("third")), BudgetExceededException.class);

    assertThat(providerCalls).hasValue(2);
    assertThat(e.tenant()).isEqualTo("acme");
    assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    assertThat(e.getMessage()).contains("acme", "100 of 100", "PT1H", "2026-01-01T11:00:00Z");
    assertThat(gw.call(CallContext.of("globex", "p", "t"), ask("other tenant")).provider()).isEqualTo("echo");

    clock.now = Instant.parse("2026-01-01T11:00:01Z");
    assertThat(gw.call(acme, ask("third")).provider()).isEqualTo("echo");
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
