package io.modelbridge.core.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

class OfflineChatModelTest {

  private final OfflineChatModel model = new OfflineChatModel();

  private String ask(String... userTexts) {
    ChatRequest.Builder b = ChatRequest.builder();
    java.util.List<dev.langchain4j.data.message.ChatMessage> msgs = new java.util.ArrayList<>();
    for (String t : userTexts) {
      msgs.add(UserMessage.from(t));
    }
    return model.chat(b.messages(msgs).build()).aiMessage().text();
  }

  @Test
  void jsonRecords_areListedWithFieldsAndTotals() {
    String answer = ask("Summarise the open orders.\n"
        + "{\"orders\": [{\"id\": \"A-1\", \"customer\": \"C-9\", \"amount\": 120.50},"
        + " {\"id\": \"A-2\", \"customer\": \"C-3\", \"amount\": 79.50}]}");

    assertThat(answer).startsWith("[offline model] You asked: \"Summarise the open orders.\"")
        .contains("2 records (JSON array 'orders')", "fields: id, customer, amount", "1. id=A-1, customer=C-9, amount=120.50",
            "Totals: amount = 200.00");
  }

  @Test
  void delimitedLines_withHeader_areRecords() {
    String answer = ask("How much stock is left?\nsku;qty;warehouse\nX-1;4;north\nX-2;6;south\nX-3;10;north");
    assertThat(answer).contains("3 records (lines delimited by ';')", "fields: sku, qty, warehouse", "qty = 20");
  }

  @Test
  void bulletList_isListed() {
    String answer = ask("Which tickets are open?\n- T-1 printer\n- T-2 VPN\n* T-3 login");
    assertThat(answer).contains("3 records (bullet list)", "1. T-1 printer", "3. T-3 login");
  }

  @Test
  void noRecords_saysSoAndStaysLabelled() {
    assertThat(ask("Hello there")).startsWith("[offline model]").contains("no records");
  }

  @Test
  void contextFromSystemMessage_isUsed_andToolsAreNamedNotCalled() {
    ChatResponse r = model.chat(ChatRequest.builder()
        .messages(SystemMessage.from("Records: [{\"id\":1,\"qty\":2},{\"id\":2,\"qty\":3}]"), UserMessage.from("Total qty?"))
        .toolSpecifications(ToolSpecification.builder().name("lookupOrder").description("d").build())
        .build());

    assertThat(r.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(r.aiMessage().text()).contains("You asked: \"Total qty?\"", "qty = 5", "Tools offered but not called offline: lookupOrder");
    assertThat(r.tokenUsage().inputTokenCount()).isPositive();
    assertThat(r.tokenUsage().outputTokenCount()).isEqualTo((r.aiMessage().text().length() + 3) / 4);
  }

  @Test
  void sameRequest_sameAnswer() {
    assertThat(ask("List\n- a\n- b")).isEqualTo(ask("List\n- a\n- b"));
  }
}
