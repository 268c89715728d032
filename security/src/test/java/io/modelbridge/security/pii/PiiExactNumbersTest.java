package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.FieldPath;
import io.modelbridge.core.CallContext;
import java.math.BigDecimal;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Issue 11, "Integrity of values": pseudonymizing and restoring JSON never changes a number. */
class PiiExactNumbersTest {

  private static final CallContext CTX = CallContext.of("acme", "alice", "c1");

  @Test
  void restoreJson_decimalBeyondDouble_keepsItsDigits() {
    assertThat(PiiProtector.defaults().restoreJson("{\"total\":12345678901234567.89}", CTX))
        .isEqualTo("{\"total\":12345678901234567.89}");
  }

  @Test
  void protectJson_keepsScaleAndWritesPlainly() {
    PiiProtector pii = PiiProtector.defaults();
    String out = pii.protectJson("{\"price\":120,\"rate\":1.50,\"tiny\":0.000001,\"big\":1E+3,"
        + "\"huge\":123456789012345678901234567890,\"mail\":\"jane@example.com\"}", Set.of(), CTX);
    assertThat(out).startsWith("{\"price\":120,\"rate\":1.50,\"tiny\":0.000001,\"big\":1000,"
        + "\"huge\":123456789012345678901234567890,\"mail\":\"<");
    assertThat(pii.restoreJson(out, CTX)).contains("\"mail\":\"jane@example.com\"", "\"rate\":1.50");
  }

  @Property(tries = 300)
  void anyDecimal_survivesProtectAndRestore(@ForAll BigDecimal value) {
    PiiProtector pii = PiiProtector.defaults();
    String json = "{\"v\":" + value.toPlainString() + ",\"who\":\"jane@example.com\"}";
    String back = pii.restoreJson(pii.protectJson(json, Set.of(FieldPath.parse("who")), CTX), CTX);
    String expected = value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    assertThat(back).isEqualTo("{\"v\":" + expected + ",\"who\":\"jane@example.com\"}");
  }
}
