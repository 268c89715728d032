package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hook in a real {@link HookChain}: nothing personal goes out, everything comes back restored. */
class PiiHookTest {

  private final CallContext ctx = CallContext.of("acme", "agent-7", "order-desk");
  private final HookChain chain = HookChain.of(List.of(new PiiHook(PiiProtector.defaults(), Set.of("name"))));

  @Test
  void beforeRequest_pseudonymizesEveryMessage() {
    ChatRequest request = ChatRequest.builder().messages(
        SystemMessage.from("Customer mail: li.na@example.cn"),
        UserMessage.from("请拨打13812345678联系我, IBAN DE89 3704 0044 0532 0130 00"),
        AiMessage.from("Calling", List.of(ToolExecutionRequest.builder().id("1").name("sms")
            .arguments("{\"to\":\"13812345678\"}").build())),
        ToolExecutionResultMessage.from("1", "sms", "{\"name\":\"Li Na\",\"status\":\"sent to 13812345678\"}"))
        .build();
    ModelCall out = chain.beforeRequest(new ModelCall(ctx, request));
    String all = out.request().messages().toString();
    assertThat(all).doesNotContain("li.na@example.cn", "13812345678", "DE89", "Li Na");
    assertThat(((UserMessage) out.request().messages().get(1)).singleText())
        .isEqualTo("请拨打<PHONE_1>联系我, IBAN <IBAN_1>");
    assertThat(((ToolExecutionResultMessage) out.request().messages().get(3)).text())
        .isEqualTo("{\"name\":\"<PERSONAL_1>\",\"status\":\"sent to <PHONE_1>\"}");
  }

  @Test
  void afterResponse_restoresTextAndToolArguments() {
    ModelCall call = chain.beforeRequest(new ModelCall(ctx,
        ChatRequest.builder().messages(UserMessage.from("Email jane@example.com about order 42")).build()));
    AiMessage fromModel = AiMessage.from("I wrote to <EMAIL_1>.", List.of(ToolExecutionRequest.builder()
        .id("c1").name("sendMail").arguments("{\"to\":\"<EMAIL_1>\"}").build()));
    ModelAnswer answer = new ModelAnswer(ChatResponse.builder().aiMessage(fromModel).build(), "offline", false, false,
        1, Duration.ZERO);
    AiMessage restored = chain.afterResponse(call, answer).response().aiMessage();
    assertThat(restored.text()).isEqualTo("I wrote to jane@example.com.");
    assertThat(restored.toolExecutionRequests().get(0).arguments()).isEqualTo("{\"to\":\"jane@example.com\"}");
  }

  @Test
  void toolCalls_argumentsRestoredAndResultPseudonymized() {
    chain.beforeRequest(new ModelCall(ctx,
        ChatRequest.builder().messages(UserMessage.from("Mon numéro : 06 12 34 56 78")).build()));
    ToolCall tool = new ToolCall(ctx, "c1", "lookupCustomer", "{\"phone\":\"<PHONE_1>\"}", Map.of());
    ToolCall before = chain.beforeToolCall(tool);
    assertThat(before.argumentsJson()).isEqualTo("{\"phone\":\"06 12 34 56 78\"}");
    ToolOutcome outcome = chain.afterToolCall(before,
        ToolOutcome.executed("{\"name\":\"Marie Curie\",\"phone\":\"06 12 34 56 78\",\"nir\":\"2 69 05 49 588 157 80\"}"));
    assertThat(outcome.result()).isEqualTo("{\"name\":\"<PERSONAL_1>\",\"phone\":\"<PHONE_1>\",\"nir\":\"<FR_NIR_1>\"}");
  }
}
