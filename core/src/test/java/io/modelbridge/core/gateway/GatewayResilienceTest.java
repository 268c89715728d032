package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ProviderException.Reason;
import io.modelbridge.core.hook.ModelAnswer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The failure matrix of issue 2, through LangChain4j's real OpenAI client against a loopback server. */
class GatewayResilienceTest {

  private static final CallContext ACME = CallContext.of("acme", "clerk", "test");

  private ChatCompletionsServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ChatCompletionsServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ModelGateway.Builder gateway() {
    return ModelGateway.builder()
        .openAiCompatible("stub", server.baseUrl(), "test-key", "stub-model")
        .timeout(Duration.ofSeconds(3))
        .maxRetries(2)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .maxRetryAfter(Duration.ofSeconds(2))
        .noCache()
        .noDegradedResponder();
  }

  private static ChatRequest question() {
    return ChatRequest.builder().messages(UserMessage.from("How many open orders?")).build();
  }

  @Test
  void rateLimited_waitsForRetryAfterThenSucceeds() {
    server.then(ChatCompletionsServer.rateLimited(1)).otherwise(ChatCompletionsServer.answer("after wait"));
    ModelGateway gw = gateway().build();

    long start = System.nanoTime();
    ModelAnswer answer = gw.call(ACME, question());
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(answer.response().aiMessage().text()).isEqualTo("after wait");
    assertThat(answer.attempts()).isEqualTo(2);
    assertThat(server.requests()).isEqualTo(2);
    assertThat(waitedMillis).as("Retry-After: 1 honoured instead of the 1 ms backoff").isGreaterThanOrEqualTo(950);
    assertThat(gw.metrics().retries()).isEqualTo(1);
    assertThat(gw.metrics().providerFailuresByReason()).containsEntry(Reason.RATE_LIMITED, 1L);
  }

  @Test
  void serverError_thenSuccess_isRetried() {
    server.then(ChatCompletionsServer.status(500, "{\"error\":{\"message\":\"boom\"}}"))
        .otherwise(ChatCompletionsServer.answer("recovered"));
    ModelAnswer answer = gateway().build().call(ACME, question());

    assertThat(answer.response().aiMessage().text()).isEqualTo("recovered");
    assertThat(answer.provider()).isEqualTo("stub");
    assertThat(answer.attempts()).isEqualTo(2);
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void slowerThanTimeout_isRetriedThenReportedAsTimeout() {
    server.otherwise(ChatCompletionsServer.slow(1500, "too late"));
    ModelGateway gw = gateway().timeout(Duration.ofMillis(150)).maxRetries(1).build();

    AllProvidersFailedException e = catchThrowableOfType(
        () -> gw.call(ACME, question()), AllProvidersFailedException.class);

    assertThat(e.failures()).singleElement().satisfies(f -> {
      assertThat(f.provider()).isEqualTo("stub");
      assertThat(f.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(f.attempt()).isEqualTo(2);
      assertThat(f.isRetryable()).isTrue();
    });
    assertThat(server.requests()).isEqualTo(2);
    assertThat(Thread.currentThread().isInterrupted()).as("the timeout's interrupt does not leak to the caller").isFalse();
  }

  @Test
  void malformedJson_isReportedAsMalformedAfterRetries() {
    server.otherwise(ChatCompletionsServer.status(200, "{\"choices\": [ this is not json"));
    ModelGateway gw = gateway().build();

    AllProvidersFailedException e = catchThrowableOfType(
        () -> gw.call(ACME, question()), AllProvidersFailedException.class);

    assertThat(e.failures().get(0).reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
    assertThat(e.failures().get(0).attempt()).isEqualTo(3);
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void connectionReset_isRetriedThenSucceeds() {
    server.then(ChatCompletionsServer.reset()).otherwise(ChatCompletionsServer.answer("second time lucky"));
    ModelAnswer answer = gateway().build().call(ACME, question());

    assertThat(answer.response().aiMessage().text()).isEqualTo("second time lucky");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void badRequest_isNotRetried() {
    server.otherwise(ChatCompletionsServer.status(400, "{\"error\":{\"message\":\"bad\"}}"));
    ModelGateway gw = gateway().build();
    AllProvidersFailedException e = catchThrowableOfType(
        () -> gw.call(ACME, question()), AllProvidersFailedException.class);

    ProviderException f = e.failures().get(0);
    assertThat(f.reason()).isEqualTo(Reason.INVALID_REQUEST);
    assertThat(f.statusCode()).contains(400);
    assertThat(f.attempt()).isEqualTo(1);
    assertThat(e.isRetryable()).isFalse();
    assertThat(server.requests()).isEqualTo(1);
    assertThat(gw.metrics().fallbacks()).as("nobody to fall back to").isZero();
    assertThat(gw.metrics().providerFailuresByReason()).containsEntry(Reason.INVALID_REQUEST, 1L);
    assertThat(gw.metrics().failedCalls()).isEqualTo(1);
  }

  @Test
  void unauthorized_isNotRetried_andSaysWhatToFix() {
    server.otherwise(ChatCompletionsServer.status(401, "{\"error\":{\"message\":\"no key\"}}"));
    AllProvidersFailedException e = catchThrowableOfType(
        () -> gateway().build().call(ACME, question()), AllProvidersFailedException.class);

    assertThat(e.failures().get(0).reason()).isEqualTo(Reason.AUTHENTICATION);
    assertThat(e.getMessage()).contains("'stub'", "attempt 1", "AUTHENTICATION", "HTTP 401", "apiKey");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void providerDown_fallsBackToNextProvider() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    server.otherwise(ChatCompletionsServer.answer("from the second provider"));
    ModelGateway gw = ModelGateway.builder()
        .openAiCompatible("down", "http://127.0.0.1:" + closedPort + "/v1", "k", "m")
        .openAiCompatible("up", server.baseUrl(), "k", "m")
        .maxRetries(1).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).timeout(Duration.ofSeconds(2))
        .noDegradedResponder()
        .build();

    ModelAnswer answer = gw.call(ACME, question());

    assertThat(answer.provider()).isEqualTo("up");
    assertThat(answer.attempts()).isEqualTo(3);
    assertThat(answer.response().aiMessage().text()).isEqualTo("from the second provider");
    assertThat(gw.metrics().fallbacks()).isEqualTo(1);
    assertThat(gw.metrics().providerFailuresByReason()).containsEntry(Reason.CONNECTION, 2L);
  }

  @Test
  void everyProviderDown_degradedResponderAnswers() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ModelGateway gw = ModelGateway.builder()
        .openAiCompatible("down", "http://127.0.0.1:" + closedPort + "/v1", "k", "m")
        .maxRetries(0).build();

    ModelAnswer answer = gw.call(ACME, question());

    assertThat(answer.degraded()).isTrue();
    assertThat(answer.provider()).isEqualTo("offline");
    assertThat(answer.response().aiMessage().text()).startsWith("[offline model]");
  }

  @Test
  void degradedAnswer_throughTheChatModelInterface_carriesTheDegradedMark() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ModelGateway gw = ModelGateway.builder()
        .openAiCompatible("down", "http://127.0.0.1:" + closedPort + "/v1", "k", "m")
        .maxRetries(0).build();

    dev.langchain4j.model.chat.response.ChatResponse degraded = gw.chat(question());
    dev.langchain4j.model.chat.response.ChatResponse viaView = gw.withContext(ACME).chat(question());

    assertThat(ModelGateway.isDegraded(degraded)).isTrue();
    assertThat(ModelGateway.isDegraded(viaView)).isTrue();
    assertThat(((DegradedResponseMetadata) degraded.metadata()).responder()).isEqualTo("offline");
    assertThat(degraded.modelName()).isEqualTo("offline");
    assertThat(degraded.aiMessage().text()).startsWith("[offline model]");
  }

  @Test
  void regularAnswer_carriesNoDegradedMark() {
    ModelGateway gw = gateway().build();
    assertThat(ModelGateway.isDegraded(gw.chat(question()))).isFalse();
  }

  @Test
  void breaker_opensAfterRepeatedFailures_thenHalfOpensAndCloses() throws InterruptedException {
    server.otherwise(ChatCompletionsServer.status(503, "{}"));
    ModelGateway gw = gateway().maxRetries(0).circuitBreaker(2, Duration.ofMillis(300)).build();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> gw.call(ACME, question())).isInstanceOf(AllProvidersFailedException.class);
    }
    assertThat(server.requests()).isEqualTo(2);

    AllProvidersFailedException open = catchThrowableOfType(
        () -> gw.call(ACME, question()), AllProvidersFailedException.class);
    assertThat(open.failures().get(0).reason()).isEqualTo(Reason.CIRCUIT_OPEN);
    assertThat(open.failures().get(0).attempt()).isZero();
    assertThat(server.requests()).as("an open breaker sends nothing").isEqualTo(2);

    Thread.sleep(400);
    server.otherwise(ChatCompletionsServer.answer("healthy again"));
    assertThat(gw.call(ACME, question()).response().aiMessage().text()).isEqualTo("healthy again");
    assertThat(gw.call(ACME, question()).response().aiMessage().text()).isEqualTo("healthy again");
    assertThat(server.requests()).isEqualTo(4);
  }
}
