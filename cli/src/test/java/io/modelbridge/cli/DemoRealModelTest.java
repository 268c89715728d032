package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo against a real OpenAI-compatible endpoint: a JDK HTTP server on loopback speaking the
 * chat-completions wire format, its answers chosen by the test.
 */
class DemoRealModelTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER = Pattern.compile("for order (\\d+)");
  private final AtomicInteger orderDeskCalls = new AtomicInteger();
  /** When set, the order desk's model proposes a date before the one already promised (breaks pack 1.1.0). */
  private volatile String orderDeskDate = "1996-09-04";

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger retailCalls = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(body);
      String content = answerFor(body);
      ObjectNode response = JSON.createObjectNode();
      response.put("id", "chatcmpl-" + bodies.size()).put("object", "chat.completion").put("created", 1)
          .put("model", "loopback-model");
      ObjectNode choice = response.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", content);
      response.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
      byte[] bytes = JSON.writeValueAsBytes(response);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** Retail: first an out-of-stock pick (refused, retried), then a valid one; order desk: the CRM date twice. */
  private String answerFor(String body) {
    if (body.contains("You are a shop assistant")) {
      return retailCalls.incrementAndGet() == 1
          ? "{\"recommendations\": [{\"sku\": \"A-211\", \"reason\": \"coral beads\", \"discount\": 0}],"
              + " \"message\": \"Coral beads.\"}"
          : "{\"recommendations\": [{\"sku\": \"A-203\", \"reason\": \"coral too\", \"discount\": 0.05},"
              + " {\"sku\": \"A-202\", \"reason\": \"summery\", \"discount\": 0}],"
              + " \"message\": \"I will send the list to <EMAIL_1>.\"}";
    }
    // order desk, through the pipeline with the order-desk pack: the CRM date, the contact's token in the reason
    Matcher m = ORDER.matcher(body);
    String order = m.find() ? m.group(1) : "0";
    orderDeskCalls.incrementAndGet();
    return "{\"orderId\": \"" + order + "\", \"proposedDate\": \"" + orderDeskDate + "\","
        + " \"reason\": \"The CRM holds the date agreed with <EMAIL_1>.\"}";
  }

  @Test
  void demo_withOpenAiBaseUrl_usesTheRealModelFirst(@TempDir Path workdir) throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    Map<String, String> env = Map.of("OPENAI_BASE_URL", url, "OPENAI_API_KEY", "test-key", "OPENAI_MODEL", "loopback-model");

    DemoCommandTest.Run r = DemoCommandTest.run(name -> Optional.ofNullable(env.get(name)), "--workdir", workdir.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    String out = r.out();
    assertThat(out).contains("Model: openai at " + url + " (model loopback-model), then the offline model as last resort");
    assertThat(out).contains("answered by: openai").doesNotContain("answered by: offline, provider attempts: 1");
    // retail, through the pipeline: the out-of-stock pick breaks the pack's in-stock rule, the model is asked
    // again once, and the valid answer is used
    assertThat(out).contains("VALIDATE_ANSWER  1 violations on attempt 1", "violation[0]=in-stock",
        "VALIDATE_ANSWER  answer valid on attempt 2", "valid: 2 product(s)",
        "recommended: A-203 Coral leather sandals", "recommended: A-202 Woven rattan beach bag")
        .doesNotContain("recommended: A-211");
    // the token in the model's message is restored for her
    assertThat(out).contains("assistant says (personal data restored): I will send the list to maria.anders@example.com.");
    // order desk: the model's proposal is validated by the pack, refused once as a conflict, then executed;
    // the token in its reason is restored
    assertThat(out).contains("valid proposal from the model: order 10264 due 1996-09-04"
        + " (The CRM holds the date agreed with maria.larsson@example.com.)",
        "REFUSED: erp_orders_update CONFLICT, based on version 1, current version 2",
        "ACT              EXECUTED erp_orders_update", "WRITTEN: order 10264 required date 1996-09-04, version 3",
        "feedback recorded: the clerk ACCEPTED", "result: INTACT");
    assertThat(orderDeskCalls).hasValue(2);
    // four model calls reached the server (retail twice, order desk twice); none carried a personal value in clear
    assertThat(bodies).hasSize(4);
    for (String body : bodies) {
      JsonNode request = JSON.readTree(body);
      assertThat(request.path("model").asText()).isEqualTo("loopback-model");
      assertThat(body).doesNotContain(DemoCommandTest.PERSONAL_VALUES);
    }
    assertThat(bodies.get(0)).contains("<EMAIL_1>");
    assertThat(bodies.get(2)).contains("You assist an order-desk clerk", "the contact, <EMAIL_1>, asks");
  }

  @Test
  void orderDesk_answerRefusedByThePack_fallsBackToTheReconciliationsDate(@TempDir Path workdir) {
    orderDeskDate = "1996-08-01";
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    Map<String, String> env = Map.of("OPENAI_BASE_URL", url, "OPENAI_MODEL", "loopback-model");

    DemoCommandTest.Run r = DemoCommandTest.run(name -> Optional.ofNullable(env.get(name)), "--workdir", workdir.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    String out = r.out();
    // asked once more with the violation, the same early date is refused; nothing was written by the pipeline
    assertThat(orderDeskCalls).hasValue(2);
    assertThat(out).contains("REFUSED after one retry (VIOLATES_RULES): not-before-promised-date",
        "the model's answer was refused: the proposal comes from the reconciliation, the CRM's 1996-09-04",
        "dry-run preview (nothing written yet): required date 1996-09-04",
        "WRITTEN: order 10264 required date 1996-09-04, version 3", "result: INTACT")
        .doesNotContain("ACT              ", "feedback recorded: the clerk");
    // only the shopper's answer has feedback
    assertThat(out).containsPattern("retail +1\\.1\\.0 +1 +0 +0 +100%").doesNotContainPattern("order-desk +1\\.1\\.0 +\\d");
  }
}
