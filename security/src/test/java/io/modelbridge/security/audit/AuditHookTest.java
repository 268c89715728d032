package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.security.crypto.AssociatedData;
import io.modelbridge.security.crypto.Encryptor;
import io.modelbridge.security.crypto.Encryptors;
import io.modelbridge.security.crypto.KeyProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditHookTest {

  @TempDir Path dir;
  final ObjectMapper json = new ObjectMapper();
  final Encryptor encryptor = Encryptors.aesGcm(KeyProvider.fromBase64("k1",
      Map.of("k1", Base64.getEncoder().encodeToString(AuditTestLogs.bytes(3)))));
  final CallContext ctx = CallContext.of("acme", "alice", "support");

  @Test
  void modelAndToolCalls_areRecordedWithWhoWhatWhenAndToolDataEncrypted() throws Exception {
    Path file = dir.resolve("audit.log");
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build()) {
      AuditHook hook = AuditHook.builder(log).encryptor(encryptor).build();
      ModelCall call = new ModelCall(ctx, ChatRequest.builder().messages(UserMessage.from("mail <EMAIL_1>")).build());
      hook.afterResponse(call, new ModelAnswer(ChatResponse.builder().aiMessage(AiMessage.from("done")).build(),
          "offline", false, false, 1, Duration.ofMillis(3)));
      ToolCall tool = new ToolCall(ctx, "t1", "crm_update_customer", "{\"email\":\"jane@example.com\"}",
          Map.of("system", "crm", "effect", "WRITE", "policy.decision", "allow", "approval", "approved"));
      hook.afterToolCall(tool, ToolOutcome.executed("{\"ok\":true}"));
    }
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).intact()).isTrue();
    List<String> lines = AuditTestLogs.lines(file);
    assertThat(String.join("\n", lines)).doesNotContain("jane@example.com");
    JsonNode model = json.readTree(lines.get(0));
    assertThat(model.path("type").asText()).isEqualTo("MODEL_CALL");
    assertThat(model.path("tenant").asText()).isEqualTo("acme");
    assertThat(model.path("principal").asText()).isEqualTo("alice");
    assertThat(model.path("correlation").asText()).isEqualTo(ctx.correlationId());
    assertThat(model.path("data").path("request").asText()).contains("<EMAIL_1>");
    assertThat(model.path("data").path("answer").asText()).isEqualTo("done");
    JsonNode write = json.readTree(lines.get(1));
    assertThat(write.path("type").asText()).isEqualTo("WRITE_BACK");
    assertThat(write.path("action").asText()).isEqualTo("crm_update_customer");
    assertThat(write.path("data").path("attr.policy.decision").asText()).isEqualTo("allow");
    assertThat(write.path("data").path("attr.approval").asText()).isEqualTo("approved");
    String args = write.path("data").path("arguments").asText();
    assertThat(args).startsWith("enc:");
    assertThat(encryptor.decryptToString(args.substring(4), AssociatedData.of("acme", "audit.arguments")))
        .contains("jane@example.com");
  }

  @Test
  void withoutEncryptor_toolArgumentsAreStoredAsHashOnly() {
    Path file = dir.resolve("h.log");
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build()) {
      AuditHook.builder(log).build().afterToolCall(new ToolCall(ctx, "", "crm_find", "{\"email\":\"x@y.example\"}",
          Map.of("effect", "READ")), ToolOutcome.notExecuted(ToolOutcome.Status.DENIED_BY_POLICY, "denied", "rule r"));
    }
    String line = AuditTestLogs.lines(file).get(0);
    assertThat(line).doesNotContain("x@y.example").contains("\"arguments\":\"sha256:", "DENIED_BY_POLICY",
        "\"type\":\"TOOL_CALL\"");
  }

  @Test
  void closedLog_refusesNewCalls() {
    AuditLog log = AuditLog.builder(AuditStore.file(dir.resolve("c.log")), AuditTestLogs.HMAC).build();
    AuditHook hook = AuditHook.builder(log).build();
    log.close();
    assertThatThrownBy(() -> hook.beforeToolCall(new ToolCall(ctx, "", "t", "{}", Map.of())))
        .isInstanceOf(CallRefusedException.class)
        .hasMessageContaining("audit log");
  }
}
