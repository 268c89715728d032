package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.tools.ToolPolicy;
import io.modelbridge.security.crypto.AssociatedData;
import io.modelbridge.security.crypto.Encryptor;
import io.modelbridge.security.crypto.Encryptors;
import io.modelbridge.security.crypto.KeyProvider;
import io.modelbridge.security.policy.PolicyRule;
import io.modelbridge.security.policy.ToolAccessPolicy;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/security-crypto-audit.md, compiled and run. */
class DocSnippetsTest {

  @TempDir Path dir;

  @Test
  void snippetsCompileAndWork() throws Exception {
    String spec = "k2:" + Base64.getEncoder().encodeToString(AuditTestLogs.bytes(2)) + ",k1:"
        + Base64.getEncoder().encodeToString(AuditTestLogs.bytes(1));
    KeyProvider keys = KeyProvider.fromSpec(spec); // the doc reads it with fromEnvironment("MODELBRIDGE_KEYS")
    Encryptor aead = Encryptors.aesGcm(keys);
    AssociatedData aad = AssociatedData.of("acme", "customer.email");
    String ct = aead.encryptToString("jane@example.com", aad);
    String pt = aead.decryptToString(ct, aad);
    assertThat(pt).isEqualTo("jane@example.com");
    Encryptor lookup = Encryptors.deterministicAesGcm(keys);
    assertThat(lookup.encryptToString("x", aad)).isEqualTo(lookup.encryptToString("x", aad));

    Path file = dir.resolve("audit.log");
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    CheckpointKey signing = CheckpointKey.ed25519(pair.getPrivate(), pair.getPublic());
    ToolPolicy policy;
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), signing)
        .checkpointEvery(1000)
        .checkpointInterval(java.time.Duration.ofMinutes(1))
        .build()) {
      CallHook hook = AuditHook.builder(log).encryptor(Encryptors.aesGcm(keys)).build();
      assertThat(hook.name()).isEqualTo("AuditHook");
      long seq = log.append(AuditEvent.of(AuditEvent.Type.WRITE_BACK, CallContext.currentOrAnonymous(),
          "erp.updateOrder", Map.of("order", "4711"))).join();
      assertThat(seq).isEqualTo(1);
      policy = ToolAccessPolicy.builder()
          .rule(PolicyRule.builder("clerks-update-orders").tenants("acme").principals("clerk-*")
              .systems("erp").operations("*.update").effects(Effect.IDEMPOTENT_WRITE)
              .classifications("business").build())
          .rule(PolicyRule.builder("nobody-touches-payroll").deny().systems("payroll").build())
          .auditLog(log)
          .build();
      assertThat(policy).isNotNull();
    }
    String auditorKey = CheckpointKey.ed25519Verifier(pair.getPublic()).toVerifierText();
    VerificationReport report = AuditVerifier.verify(file, CheckpointKey.parse(auditorKey));
    assertThat(report.intact()).isTrue();
    assertThat(report.anchored()).isTrue();
    assertThat(report.proves()).startsWith("anchored: every entry chains");
    assertThat(auditorKey).startsWith("ed25519:");
  }
}
