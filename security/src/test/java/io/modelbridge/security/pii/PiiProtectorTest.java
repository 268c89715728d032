package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.FieldPath;
import io.modelbridge.core.CallContext;
import io.modelbridge.security.crypto.Encryptors;
import io.modelbridge.security.crypto.KeyProvider;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PiiProtectorTest {

  private final CallContext ctx = CallContext.of("acme", "jane", "support");

  @Test
  void protect_sameValueSameTokenWithinConversation() {
    PiiProtector pii = PiiProtector.defaults();
    String a = pii.protect("Mail jane@example.com, again jane@example.com, or bob@example.com", ctx);
    assertThat(a).isEqualTo("Mail <EMAIL_1>, again <EMAIL_1>, or <EMAIL_2>");
    assertThat(pii.protect("jane@example.com", ctx)).isEqualTo("<EMAIL_1>");
  }

  @Test
  void restore_otherConversationDoesNotSeeTokens() {
    PiiProtector pii = PiiProtector.defaults();
    pii.protect("jane@example.com", ctx);
    CallContext other = CallContext.of("acme", "jane", "support");
    assertThat(pii.restore("<EMAIL_1>", other)).isEqualTo("<EMAIL_1>");
    assertThat(pii.restore("<EMAIL_1>", ctx)).isEqualTo("jane@example.com");
  }

  @Test
  void restoreJson_restoresArgumentValues() {
    PiiProtector pii = PiiProtector.defaults();
    String safe = pii.protect("call +33 6 12 34 56 78", ctx);
    assertThat(safe).isEqualTo("call <PHONE_1>");
    assertThat(pii.restoreJson("{\"to\":\"<PHONE_1>\",\"n\":3,\"list\":[\"x <PHONE_1>\"]}", ctx))
        .isEqualTo("{\"to\":\"+33 6 12 34 56 78\",\"n\":3,\"list\":[\"x +33 6 12 34 56 78\"]}");
  }

  @Test
  void protectJson_personalFieldsWhateverTheirContent() {
    PiiProtector pii = PiiProtector.defaults();
    String out = pii.protectJson(
        "{\"customer\":{\"name\":\"Zhang Wei\",\"address\":{\"street\":\"1 rue de la Paix\"},\"note\":\"mail z@example.cn\"},\"total\":12}",
        Set.of(FieldPath.parse("customer.name"), FieldPath.parse("customer.address")), ctx);
    assertThat(out).isEqualTo("{\"customer\":{\"name\":\"<PERSONAL_1>\",\"address\":{\"street\":\"<PERSONAL_2>\"},"
        + "\"note\":\"mail <EMAIL_1>\"},\"total\":12}");
    assertThat(pii.restore("<PERSONAL_1>", ctx)).isEqualTo("Zhang Wei");
  }

  @Test
  void operators_maskRedactHashEncrypt() {
    byte[] key = new byte[32];
    KeyProvider keys = KeyProvider.fromBase64("k1", Map.of("k1", Base64.getEncoder().encodeToString(key)));
    PiiPolicy policy = PiiPolicy.builder()
        .operator(PiiType.CREDIT_CARD, Operator.MASK)
        .operator(PiiType.EMAIL, Operator.REDACT)
        .operator(PiiType.PHONE, Operator.HASH)
        .operator(PiiType.IBAN, Operator.ENCRYPT)
        .hashKey(new SecretKeySpec(new byte[32], "HmacSHA256"))
        .encryptor(Encryptors.aesGcm(keys))
        .build();
    PiiProtector pii = PiiProtector.builder().policy(policy).build();
    String out = pii.protect("4111 1111 1111 1111 a@example.com 13812345678 DE89 3704 0044 0532 0130 00", ctx);
    assertThat(out).startsWith("**** **** **** 1111 <EMAIL> <PHONE#");
    assertThat(out).doesNotContain("13812345678").doesNotContain("DE89");
    String enc = out.substring(out.indexOf("<IBAN!"));
    assertThat(pii.decrypt(enc, ctx)).isEqualTo("DE89 3704 0044 0532 0130 00");
    CallContext otherTenant = CallContext.of("globex", "jane", "support");
    assertThatThrownBy(() -> pii.decrypt(enc, otherTenant)).isInstanceOf(PiiException.class)
        .hasMessageNotContaining("DE89");
    // keyed hash is stable for the same value
    assertThat(pii.protect("13812345678", ctx)).isEqualTo(out.substring(out.indexOf("<PHONE#"), out.indexOf("> <IBAN") + 1));
  }

  @Test
  void policy_hashWithoutKeyIsRejected() {
    assertThatThrownBy(() -> PiiPolicy.builder().operator(PiiType.EMAIL, Operator.HASH).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("hashKey");
  }

  @Test
  void vault_concurrentProtectGivesOneTokenPerValue() {
    PiiProtector pii = PiiProtector.defaults();
    Map<String, String> tokens = new ConcurrentHashMap<>();
    IntStream.range(0, 2000).parallel().forEach(i -> {
      String email = "user" + (i % 50) + "@example.com";
      String t = pii.protect(email, ctx);
      String prev = tokens.putIfAbsent(email, t);
      assertThat(prev == null || prev.equals(t)).isTrue();
    });
    assertThat(Set.copyOf(tokens.values())).hasSize(50);
  }
}
