package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AdapterConfigTest {

  private static final ConfigKey URL = ConfigKey.required("url", ConfigKey.Type.STRING, "where the system is");
  private static final ConfigKey PAGE = ConfigKey.optional("pageSize", ConfigKey.Type.INTEGER, "100", "rows per page");
  private static final ConfigKey STRICT = ConfigKey.optional("strict", ConfigKey.Type.BOOLEAN, "false", "strict mode");
  private static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "PT30S", "timeout");
  private static final ConfigKey PIN = ConfigKey.optional("pin", ConfigKey.Type.INTEGER, "a numeric pin").asSecret();
  private static final ConfigKey POOL = ConfigKey.optional("pool", ConfigKey.Type.OBJECT, "a connection pool");
  private static final List<ConfigKey> KEYS = List.of(URL, PAGE, STRICT, TIMEOUT, PIN, POOL);

  private static InvalidAdapterConfigException invalid(AdapterConfig.Builder b) {
    try {
      b.build().validate(KEYS);
    } catch (InvalidAdapterConfigException e) {
      return e;
    }
    throw new AssertionError("expected an InvalidAdapterConfigException");
  }

  @Test
  void unknownKey_isNamed_withTheKnownKeys() {
    InvalidAdapterConfigException e = invalid(AdapterConfig.builder("crm").set("url", "x").set("colour", "red"));
    assertThat(e.key()).isEqualTo("colour");
    assertThat(e.getMessage()).contains("not a known key").contains("url").contains("pageSize");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void missingRequiredKey_isNamed_withItsDescription() {
    InvalidAdapterConfigException e = invalid(AdapterConfig.builder("crm"));
    assertThat(e.key()).isEqualTo("url");
    assertThat(e.getMessage()).contains("is required").contains("where the system is").contains("[crm/config]");
  }

  @Test
  void malformedValues_areNamed_withTheValueUnlessSecret() {
    InvalidAdapterConfigException page = invalid(AdapterConfig.builder("crm").set("url", "x").set("pageSize", "ten"));
    assertThat(page.key()).isEqualTo("pageSize");
    assertThat(page.getMessage()).contains("'ten'").contains("INTEGER");
    assertThat(invalid(AdapterConfig.builder("crm").set("url", "x").set("strict", "yes")).key()).isEqualTo("strict");
    assertThat(invalid(AdapterConfig.builder("crm").set("url", "x").set("timeout", "soon")).key()).isEqualTo("timeout");
    InvalidAdapterConfigException pin = invalid(AdapterConfig.builder("crm").set("url", "x").set("pin", "12a4"));
    assertThat(pin.key()).isEqualTo("pin");
    assertThat(pin.getMessage()).contains("(secret)").doesNotContain("12a4");
  }

  @Test
  void objectKey_givenAsText_isRejected_andWrongObjectTypeIsNamed() {
    assertThat(invalid(AdapterConfig.builder("crm").set("url", "x").set("pool", "text")).key()).isEqualTo("pool");
    AdapterConfig c = AdapterConfig.builder("crm").set("url", "x").object("pool", 42).build().validate(KEYS);
    assertThatThrownBy(() -> c.object(POOL, CharSequence.class))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("pool");
          assertThat(e.getMessage()).contains("java.lang.Integer");
        });
  }

  @Test
  void typedGetters_applyDefaults() {
    AdapterConfig c = AdapterConfig.builder("crm").set("url", "x").set("timeout", "1500").build().validate(KEYS);
    assertThat(c.integer(PAGE)).contains(100L);
    assertThat(c.bool(STRICT)).contains(false);
    assertThat(c.duration(TIMEOUT)).contains(Duration.ofMillis(1500));
    assertThat(c.integer(PIN)).isEmpty();
    assertThat(c.requireString(URL)).isEqualTo("x");
  }

  @Test
  void toString_showsKeysButNoValues() {
    AdapterConfig c = AdapterConfig.builder("crm").set("url", "jdbc:x").set("pin", "1234").build();
    assertThat(c.toString()).contains("pin").contains("url").doesNotContain("1234").doesNotContain("jdbc:x");
  }

  @Property(tries = 200)
  void integerValues_parse(@ForAll long value) {
    AdapterConfig c = AdapterConfig.builder("crm").set("url", "x").set("pageSize", " " + value + " ").build()
        .validate(KEYS);
    assertThat(c.integer(PAGE)).contains(value);
  }

  @Property(tries = 200)
  void nonNumericIntegerValues_areRejectedNamingTheKey(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String v) {
    assertThat(invalid(AdapterConfig.builder("crm").set("url", "x").set("pageSize", v)).key()).isEqualTo("pageSize");
  }
}
