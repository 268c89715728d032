package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
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
import org.junit.jupiter.api.Test;

/** Issue 11: the hook in every placement, the same {@link PiiHook#defaults()} everywhere. */
class PiiPlacementTest {

  /** A governed tool's result as GovernedTools renders it, with the descriptor's personal fields declared. */
  private static final String RESULT = "{\"records\":[{\"key\":{\"ID\":7},\"fields\":{\"ID\":7,"
      + "\"CUSTOMER_NAME\":\"Jane Doe\",\"EMAIL\":\"jane.doe@example.com\",\"TOTAL\":12345678901234567.89}}],"
      + "\"returned\":1,\"truncated\":false,\"personal\":[\"records[*].fields.CUSTOMER_NAME\"]}";

  private final CallContext ctx = CallContext.of("acme", "clerk", "order-desk");
  private final HookChain gateway = HookChain.of(List.of(PiiHook.defaults()));
  private final HookChain tools = HookChain.of(List.of(PiiHook.defaults()));

  private ModelCall request(String toolResult) {
    return gateway.beforeRequest(new ModelCall(ctx, ChatRequest.builder().messages(
        UserMessage.from("Who ordered 7?"), ToolExecutionResultMessage.from("c1", "erp_orders_get", toolResult))
        .build()));
  }

  private String answer(ModelCall call, String text) {
    ModelAnswer a = new ModelAnswer(ChatResponse.builder().aiMessage(AiMessage.from(text)).build(), "m", false,
        false, 1, Duration.ZERO);
    return gateway.afterResponse(call, a).response().aiMessage().text();
  }

  private static String toolText(ModelCall call) {
    return ((ToolExecutionResultMessage) call.request().messages().get(1)).text();
  }

  @Test
  void adapterPersonalColumn_protectedByDefaultsOnGateway() {
    ModelCall sent = request(RESULT);
    assertThat(sent.request().messages().toString()).doesNotContain("Jane", "jane.doe");
    assertThat(toolText(sent)).contains("\"CUSTOMER_NAME\":\"<PERSONAL_1>\"", "\"TOTAL\":12345678901234567.89");
    assertThat(answer(sent, "Ordered by <PERSONAL_1> (<EMAIL_1>)")).isEqualTo("Ordered by Jane Doe (jane.doe@example.com)");
  }

  @Test
  void adapterPersonalColumn_protectedByDefaultsOnTools() {
    ToolCall call = new ToolCall(ctx, "c1", "erp_orders_get", "{\"ID\":7}", Map.of());
    String result = tools.afterToolCall(call, ToolOutcome.executed(RESULT)).result();
    assertThat(result).doesNotContain("Jane", "jane.doe").contains("\"TOTAL\":12345678901234567.89");
  }

  @Test
  void hookOnGatewayAndTools_protectsOnceAndRestores() {
    ToolCall call = new ToolCall(ctx, "c1", "erp_orders_get", "{\"ID\":7}", Map.of());
    String fromTools = tools.afterToolCall(tools.beforeToolCall(call), ToolOutcome.executed(RESULT)).result();
    ModelCall sent = request(fromTools);
    assertThat(toolText(sent)).isEqualTo(fromTools).doesNotContain("\\").contains("<PERSONAL_1>", "<EMAIL_1>");
    assertThat(answer(sent, "Ordered by <PERSONAL_1> (<EMAIL_1>)")).isEqualTo("Ordered by Jane Doe (jane.doe@example.com)");
  }

  @Test
  void restoredAnswerSentBackAsHistory_isProtectedAgain() {
    ModelCall first = request(RESULT);
    String restored = answer(first, "Ordered by <PERSONAL_1>.");
    ModelCall second = gateway.beforeRequest(new ModelCall(ctx, ChatRequest.builder().messages(
        UserMessage.from("Who ordered 7?"), AiMessage.from(restored), UserMessage.from("Write to Jane Doe")).build()));
    assertThat(second.request().messages().toString()).doesNotContain("Jane");
  }

  @Test
  void tokenLikeTextFromAUser_isNeverEscaped_andComesBackAsTyped() {
    ModelCall sent = gateway.beforeRequest(new ModelCall(ctx, ChatRequest.builder().messages(
        UserMessage.from("What does <EMAIL_3> mean? Mail me at a.b@example.org")).build()));
    String text = ((UserMessage) sent.request().messages().get(0)).singleText();
    assertThat(text).isEqualTo("What does <EMAIL_3> mean? Mail me at <EMAIL_1>");
    assertThat(answer(sent, "<EMAIL_3> is a token; I will write to <EMAIL_1>"))
        .isEqualTo("<EMAIL_3> is a token; I will write to a.b@example.org");
  }

  @Test
  void restoreJson_keepsDecimalsExactly() {
    assertThat(PiiProtector.defaults().restoreJson("{\"total\":12345678901234567.89,\"n\":\"<X_1>\"}", ctx))
        .isEqualTo("{\"total\":12345678901234567.89,\"n\":\"<X_1>\"}");
  }
}
