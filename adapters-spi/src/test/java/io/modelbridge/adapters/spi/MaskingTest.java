package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void mask_keepsShapeAndAFewLastCharacters() {
    assertThat(Masking.mask("jane.doe@example.com")).isEqualTo("****.***@******e.com")
        .doesNotContain("jane");
    assertThat(Masking.mask("4111 1111 1111 1111")).isEqualTo("**** **** **** 1111");
  }

  @Test
  void show_masksPersonal_shortensLong_escapesControls() {
    assertThat(Masking.show("Jane Doe", true)).isEqualTo(Masking.MASK);
    assertThat(Masking.show(new BigDecimal("1.20E+2"), false)).isEqualTo("120");
    assertThat(Masking.show("a\u0000b", false)).isEqualTo("a\\u0000b");
    assertThat(Masking.show("x".repeat(100), false)).startsWith("x".repeat(60)).endsWith("(100 chars)");
    assertThat(Masking.show(null, false)).isEmpty();
  }
}
