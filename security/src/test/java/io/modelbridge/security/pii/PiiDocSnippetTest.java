package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.security.crypto.Encryptors;
import io.modelbridge.security.crypto.KeyProvider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The snippet of docs/security-pii.md, compiled and run. */
class PiiDocSnippetTest {

  @Test
  void docSnippet_compilesAndWorks() {
    byte[] aesKey = new byte[32];
    byte[] hmacKey = new byte[32];
    new SecureRandom().nextBytes(aesKey);
    new SecureRandom().nextBytes(hmacKey);
    // --- snippet start ---
    PiiScanner scanner = PiiScanner.builder()
        .add(Recognizer.pattern(PiiType.of("EMPLOYEE_ID"), Pattern.compile("EMP-[0-9]{6}+"), id -> true, 0.9))
        .build();
    PiiPolicy policy = PiiPolicy.builder()
        .defaultOperator(Operator.PSEUDONYMIZE)
        .operator(PiiType.CREDIT_CARD, Operator.MASK)
        .operator(PiiType.US_SSN, Operator.HASH)
        .operator(PiiType.IBAN, Operator.ENCRYPT)
        .hashKey(new SecretKeySpec(hmacKey, "HmacSHA256"))
        .encryptor(Encryptors.aesGcm(
            KeyProvider.fromBase64("2026-11", Map.of("2026-11", Base64.getEncoder().encodeToString(aesKey)))))
        .build();
    PiiProtector pii = PiiProtector.builder().scanner(scanner).policy(policy).build();
    HookChain hooks = HookChain.of(List.of(new PiiHook(pii, Set.of("customer.name", "address"))));

    CallContext ctx = CallContext.of("acme", "agent-7", "order-desk");
    String safe = pii.protect("EMP-004211 (jane.doe@example.com) asks about card 4111 1111 1111 1111", ctx);
    // "<EMPLOYEE_ID_1> (<EMAIL_1>) asks about card **** **** **** 1111"
    String answer = pii.restore("I have written to <EMAIL_1>.", ctx);
    // "I have written to jane.doe@example.com."
    // --- snippet end ---
    assertThat(safe).isEqualTo("<EMPLOYEE_ID_1> (<EMAIL_1>) asks about card **** **** **** 1111");
    assertThat(answer).isEqualTo("I have written to jane.doe@example.com.");
    assertThat(hooks.hooks()).hasSize(1);
  }
}
