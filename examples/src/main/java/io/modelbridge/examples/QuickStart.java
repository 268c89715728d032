package io.modelbridge.examples;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.security.audit.AuditHook;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.CheckpointKey;
import io.modelbridge.security.pii.PiiHook;
import java.nio.file.Path;
import java.util.List;

/**
 * An existing plain Java order application made LLM-aware with ModelBridge: its open orders go to a
 * model through the gateway, personal data is pseudonymized before the prompt leaves the JVM and restored
 * in the answer, and the call is recorded in a tamper-evident audit log. Offline by default: with no
 * endpoint configured the built-in offline model answers. The README's usage snippet is this class.
 */
public final class QuickStart {

  private QuickStart() {}

  /** The application's own data, as it exists today: its open orders as CSV with a header. */
  static List<String> openOrders() {
    return List.of(
        "order_id;customer;phone;due;status",
        "10248;jane.doe@example.com;+33 6 12 34 56 78;2026-11-20;late",
        "10249;li.wei@example.cn;+86 138 0013 8000;2026-12-02;on time");
  }

  /**
   * Asks the model about the open orders.
   *
   * @param auditFile where the audit log is written
   * @param auditKey the secret that signs the log's checkpoints (from a keystore or KMS in production)
   * @return the gateway's answer, with personal data restored
   */
  public static ModelAnswer askAboutLateOrders(Path auditFile, byte[] auditKey) {
    // snippet-start
    try (AuditLog audit = AuditLog.builder(AuditStore.file(auditFile), CheckpointKey.hmac(auditKey)).build()) {
      ModelGateway gateway = ModelGateway.builder()
          .offline()                                 // or .openAiCompatible(...) / .ollama(...) first
          .hook(PiiHook.defaults())                  // pseudonymize before the prompt leaves the JVM
          .hook(AuditHook.builder(audit).build())    // hash-chained record of every call
          .build();
      CallContext clerk = CallContext.of("acme", "clerk-7", "order-desk");
      ChatRequest request = ChatRequest.builder()
          .messages(UserMessage.from("Which orders are late?\n" + String.join("\n", openOrders())))
          .build();
      return gateway.call(clerk, request);            // answer, provider, attempts, cached, degraded
    }
    // snippet-end
  }

  /**
   * Runs the example and prints the answer.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws Exception {
    Path auditFile = java.nio.file.Files.createTempDirectory("modelbridge-quickstart").resolve("audit.log");
    ModelAnswer answer = askAboutLateOrders(auditFile, "change-me-32-bytes-of-secret-key".getBytes());
    System.out.println(answer.response().aiMessage().text());
    System.out.println("provider=" + answer.provider() + " audit=" + auditFile);
  }
}
