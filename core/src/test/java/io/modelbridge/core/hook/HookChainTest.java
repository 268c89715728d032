package io.modelbridge.core.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookChainTest {

  private final List<String> trace = new ArrayList<>();
  private final CallContext ctx = CallContext.of("acme", "alice", "test");

  private CallHook recording(String name) {
    return new CallHook() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ModelCall beforeRequest(ModelCall call) {
        trace.add("before:" + name);
        String text = ((UserMessage) call.request().messages().get(0)).singleText();
        return call.withRequest(request(text + "+" + name));
      }

      @Override
      public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
        trace.add("after:" + name);
        return answer.withResponse(response(answer.response().aiMessage().text() + "+" + name));
      }

      @Override
      public void onError(ModelCall call, ModelBridgeException error) {
        trace.add("error:" + name);
      }

      @Override
      public ToolCall beforeToolCall(ToolCall call) {
        trace.add("beforeTool:" + name);
        return call.withArguments(call.argumentsJson() + name);
      }

      @Override
      public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
        trace.add("afterTool:" + name);
        return outcome.withResult(outcome.result() + name);
      }
    };
  }

  private static ChatRequest request(String text) {
    return ChatRequest.builder().messages(UserMessage.from(text)).build();
  }

  private static ChatResponse response(String text) {
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
  }

  private static ModelAnswer answer(String text) {
    return new ModelAnswer(response(text), "p", false, false, 1, Duration.ZERO);
  }

  @Test
  void beforeHooksRunInOrderAndAfterHooksInReverse() {
    HookChain chain = HookChain.of(List.of(recording("a"), recording("b")));
    ModelCall sent = chain.beforeRequest(new ModelCall(ctx, request("q")));
    ModelAnswer answer = chain.afterResponse(sent, answer("r"));

    assertThat(((UserMessage) sent.request().messages().get(0)).singleText()).isEqualTo("q+a+b");
    assertThat(answer.response().aiMessage().text()).isEqualTo("r+b+a");
    assertThat(trace).containsExactly("before:a", "before:b", "after:b", "after:a");
  }

  @Test
  void toolHooksNestTheSameWay() {
    HookChain chain = HookChain.of(List.of(recording("a"), recording("b")));
    ToolCall call = chain.beforeToolCall(new ToolCall(ctx, "1", "t", "{}", Map.of()));
    ToolOutcome outcome = chain.afterToolCall(call, ToolOutcome.executed("x"));

    assertThat(call.argumentsJson()).isEqualTo("{}ab");
    assertThat(outcome.result()).isEqualTo("xba");
    assertThat(trace).containsExactly("beforeTool:a", "beforeTool:b", "afterTool:b", "afterTool:a");
  }

  @Test
  void failingBeforeHookRefusesTheCallAndStopsTheChain() {
    CallHook broken = new CallHook() {
      @Override
      public ModelCall beforeRequest(ModelCall call) {
        throw new IllegalStateException("secret value 4111111111111111");
      }
    };
    HookChain chain = HookChain.of(List.of(broken, recording("b")));

    assertThatThrownBy(() -> chain.beforeRequest(new ModelCall(ctx, request("q"))))
        .isInstanceOf(CallRefusedException.class)
        .hasMessageContaining("beforeRequest failed with IllegalStateException")
        .hasMessageNotContaining("4111111111111111")
        .satisfies(e -> assertThat(((ModelBridgeException) e).isRetryable()).isFalse());
    assertThat(trace).isEmpty();
  }

  @Test
  void refusalFromAHookKeepsItsReason() {
    CallHook refusing = new CallHook() {
      @Override
      public String name() {
        return "policy";
      }

      @Override
      public ToolCall beforeToolCall(ToolCall call) {
        throw new CallRefusedException("policy", "writes are not allowed for alice");
      }
    };
    HookChain chain = HookChain.of(List.of(refusing));

    assertThatThrownBy(() -> chain.beforeToolCall(new ToolCall(ctx, "1", "t", "{}", Map.of())))
        .isInstanceOf(CallRefusedException.class)
        .hasMessage("Call refused by hook 'policy': writes are not allowed for alice");
  }

  @Test
  void failingAfterHookIsIsolatedAndTheOthersStillRun() {
    CallHook broken = new CallHook() {
      @Override
      public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void onError(ModelCall call, ModelBridgeException error) {
        throw new IllegalStateException("boom");
      }
    };
    HookChain chain = HookChain.of(List.of(recording("a"), broken));
    ModelCall call = new ModelCall(ctx, request("q"));

    assertThat(chain.afterResponse(call, answer("r")).response().aiMessage().text()).isEqualTo("r+a");
    chain.onError(call, new ModelBridgeException("down", true));
    assertThat(trace).containsExactly("after:a", "error:a");
  }

  @Test
  void contextIsBoundForTheDurationOfTheCallOnly() {
    assertThat(CallContext.current()).isEmpty();
    String seen = ctx.call(() -> CallContext.currentOrAnonymous().principal());
    assertThat(seen).isEqualTo("alice");
    assertThat(CallContext.current()).isEmpty();
    assertThat(CallContext.currentOrAnonymous().principal()).isEqualTo("anonymous");
  }

  @Test
  void contextRejectsBlankIdentity() {
    assertThatThrownBy(() -> CallContext.of(" ", "alice", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant must not be blank");
  }
}
