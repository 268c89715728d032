package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.ModelAnswer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Ollama provider through LangChain4j's real Ollama client against a loopback server speaking /api/chat. */
class OllamaProviderTest {

  @Test
  void ollama_serverErrorThenAnswer_isRetriedAndUsageReported() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/chat", exchange -> {
      exchange.getRequestBody().readAllBytes();
      boolean first = requests.incrementAndGet() == 1;
      byte[] body = (first
          ? "{\"error\":\"model is loading\"}"
          : "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
              + "\"content\":\"two open orders\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":11,"
              + "\"eval_count\":4}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(first ? 503 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      ModelGateway gw = ModelGateway.builder()
          .ollama("ollama", "http://127.0.0.1:" + server.getAddress().getPort(), "llama3.2")
          .timeout(Duration.ofSeconds(3)).backoff(Duration.ofMillis(1), Duration.ofMillis(2))
          .tokenBudget(1000, Duration.ofHours(1))
          .noDegradedResponder().build();

      ModelAnswer answer = gw.call(CallContext.of("acme", "p", "t"),
          ChatRequest.builder().messages(UserMessage.from("How many open orders?")).build());

      assertThat(answer.response().aiMessage().text()).isEqualTo("two open orders");
      assertThat(answer.attempts()).isEqualTo(2);
      assertThat(requests).hasValue(2);
      assertThat(gw.tokensSpent("acme")).as("reported usage settles the budget").isEqualTo(15);
    } finally {
      server.stop(0);
    }
  }
}
