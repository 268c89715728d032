package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.ModelAnswer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The snippet of docs/gateway.md, kept compiling and true here. */
class GatewayDocSnippetTest {

  @Test
  void snippetFromTheDocs() {
    // --- docs/gateway.md snippet start
    ModelGateway gateway = ModelGateway.builder()
        .openAiCompatible("vllm", "http://127.0.0.1:9/v1", "none", "qwen2.5-7b-instruct") // nothing listens on port 9
        .offline()                                   // second provider: the built-in offline model
        .timeout(Duration.ofSeconds(2))
        .maxRetries(1)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
        .tokenBudget(200_000, Duration.ofHours(1))   // per tenant
        .build();

    CallContext acme = CallContext.of("acme", "clerk-7", "order-desk");

    // 1. As a plain LangChain4j ChatModel, with the context bound to the thread:
    String text = acme.call(() -> gateway.chat("Which orders are open?\n- SO-1 open\n- SO-2 open"));

    // 2. As a ChatModel view that always carries the context (for AiServices.create(..., view)):
    ChatModel forAcme = gateway.withContext(acme);

    // 3. With the details of where the answer came from:
    ModelAnswer answer = gateway.call(acme, ChatRequest.builder()
        .messages(UserMessage.from("Which orders are open?\n- SO-1 open"))
        .temperature(0.0)                          // deterministic: cached per tenant
        .build());
    System.out.println(answer.provider() + " attempts=" + answer.attempts() + " cached=" + answer.cached());
    System.out.println(gateway.metrics());
    // --- docs/gateway.md snippet end

    assertThat(text).startsWith("[offline model]").contains("2 records");
    assertThat(forAcme.chat("hello")).startsWith("[offline model]");
    assertThat(answer.provider()).isEqualTo("offline");
    assertThat(gateway.metrics().fallbacks()).isEqualTo(3);
  }
}
