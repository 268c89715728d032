package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's one rule set, case by case, as documented on {@link FieldType#coerce(Object)}. */
class CoercionTest {

  private static Object ok(FieldType t, Object v) {
    Coercion c = t.coerce(v);
    assertThat(c.accepted()).as("%s accepts %s (%s)", t, v, v.getClass().getSimpleName()).isTrue();
    return c.value();
  }

  private static String no(FieldType t, Object v) {
    Coercion c = t.coerce(v);
    assertThat(c.accepted()).as("%s refuses %s (%s)", t, v, v.getClass().getSimpleName()).isFalse();
    return c.reason();
  }

  @Test
  void integer_acceptsIntegralNumbersAndIntegerText() {
    assertThat(ok(FieldType.INTEGER, 42)).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, (short) 42)).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, "42")).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, "+42")).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, "-0042")).isEqualTo(-42L);
    assertThat(ok(FieldType.INTEGER, 42.0)).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, new BigDecimal("4.2E+1"))).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, new BigDecimal("42.000"))).isEqualTo(42L);
    assertThat(ok(FieldType.INTEGER, BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(ok(FieldType.INTEGER, String.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(ok(FieldType.INTEGER, "0".repeat(40) + "7")).isEqualTo(7L);
  }

  @Test
  void integer_refusesFractionsOtherTextsAndOverflow() {
    assertThat(no(FieldType.INTEGER, 42.5)).contains("fraction");
    assertThat(no(FieldType.INTEGER, "42.5")).contains("whole number");
    assertThat(no(FieldType.INTEGER, "4e2")).contains("whole number");
    assertThat(no(FieldType.INTEGER, "4.2e1")).contains("whole number");
    assertThat(no(FieldType.INTEGER, " 42 ")).contains("spaces");
    assertThat(no(FieldType.INTEGER, "")).contains("whole number");
    assertThat(no(FieldType.INTEGER, "٤٢")).contains("whole number"); // Arabic-Indic digits are not ASCII digits
    assertThat(no(FieldType.INTEGER, "9223372036854775808")).contains("out of the range");
    assertThat(no(FieldType.INTEGER, "9".repeat(5000))).contains("out of the range");
    assertThat(no(FieldType.INTEGER, new BigDecimal("1E+1000000000"))).contains("out of the range");
    assertThat(no(FieldType.INTEGER, new BigDecimal("1E-1000000000"))).contains("fraction");
    assertThat(no(FieldType.INTEGER, BigInteger.ONE.shiftLeft(63))).contains("out of the range");
    assertThat(no(FieldType.INTEGER, 1e20)).contains("out of the range");
    assertThat(no(FieldType.INTEGER, Double.NaN)).contains("finite");
    assertThat(no(FieldType.INTEGER, true)).contains("not a boolean");
    assertThat(no(FieldType.INTEGER, List.of(1))).contains("not a list");
  }

  @Test
  void decimal_isExact_neverThroughDouble() {
    assertThat(ok(FieldType.DECIMAL, new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
    assertThat(ok(FieldType.DECIMAL, "12345678901234567.89")).isEqualTo(new BigDecimal("12345678901234567.89"));
    assertThat(ok(FieldType.DECIMAL, "-1.25E+1")).isEqualTo(new BigDecimal("-1.25E+1"));
    assertThat(ok(FieldType.DECIMAL, 0.1)).isEqualTo(new BigDecimal("0.1"));
    assertThat(ok(FieldType.DECIMAL, 0.1f)).isEqualTo(new BigDecimal("0.1"));
    assertThat(ok(FieldType.DECIMAL, 42)).isEqualTo(new BigDecimal("42"));
    assertThat(ok(FieldType.DECIMAL, new BigInteger("123456789012345678901234567890")))
        .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(no(FieldType.DECIMAL, Double.POSITIVE_INFINITY)).contains("finite");
    assertThat(no(FieldType.DECIMAL, ".5")).contains("decimal number");
    assertThat(no(FieldType.DECIMAL, "1,5")).contains("decimal number");
    assertThat(no(FieldType.DECIMAL, "NaN")).contains("decimal number");
    assertThat(no(FieldType.DECIMAL, " 1.5")).contains("spaces");
    assertThat(no(FieldType.DECIMAL, new BigDecimal("1E+1000000"))).contains("1000 digits");
    assertThat(no(FieldType.DECIMAL, "1e999999999")).contains("1000 digits");
  }

  @Test
  void boolean_onlyTrueAndFalse() {
    assertThat(ok(FieldType.BOOLEAN, true)).isEqualTo(true);
    assertThat(ok(FieldType.BOOLEAN, "false")).isEqualTo(false);
    for (Object bad : List.of("yes", "TRUE", "1", "", 1, 0L)) {
      assertThat(no(FieldType.BOOLEAN, bad)).contains("true or false");
    }
    assertThat(no(FieldType.BOOLEAN, " true")).contains("spaces");
  }

  @Test
  void date_isStrictIso() {
    assertThat(ok(FieldType.DATE, "2020-02-29")).isEqualTo(LocalDate.of(2020, 2, 29));
    assertThat(ok(FieldType.DATE, LocalDate.of(2024, 1, 1))).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(no(FieldType.DATE, "2023-02-30")).contains("not in the calendar");
    assertThat(no(FieldType.DATE, "2023-02-29")).contains("not in the calendar");
    assertThat(no(FieldType.DATE, "2023-04-31")).contains("not in the calendar");
    assertThat(no(FieldType.DATE, "31.02.2020")).contains("uuuu-MM-dd");
    assertThat(no(FieldType.DATE, "2024-1-5")).contains("uuuu-MM-dd");
    assertThat(no(FieldType.DATE, "2024-01-01T00:00:00Z")).contains("uuuu-MM-dd");
    assertThat(no(FieldType.DATE, LocalDateTime.of(2024, 1, 1, 0, 0))).contains("not a LocalDateTime");
  }

  @Test
  void timestampArgument_sameInstantWhateverTheOffset() {
    Instant midnight = Instant.parse("2024-01-01T00:00:00Z");
    assertThat(ok(FieldType.TIMESTAMP, "2024-01-01T00:00:00Z")).isEqualTo(midnight);
    assertThat(ok(FieldType.TIMESTAMP, "2024-01-01T01:00:00+01:00")).isEqualTo(midnight);
    assertThat(ok(FieldType.TIMESTAMP, "2023-12-31T19:00-05:00")).isEqualTo(midnight);
    assertThat(ok(FieldType.TIMESTAMP, "2024-01-01T00:00:00.000000001Z")).isEqualTo(midnight.plusNanos(1));
    assertThat(ok(FieldType.TIMESTAMP, OffsetDateTime.of(2024, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1))))
        .isEqualTo(midnight);
    assertThat(no(FieldType.TIMESTAMP, "2024-01-01T00:00:00")).contains("no offset");
    assertThat(no(FieldType.TIMESTAMP, "2024-02-30T00:00:00Z")).contains("not in the calendar");
    assertThat(no(FieldType.TIMESTAMP, "2024-01-01T24:00:00Z")).contains("not in the calendar");
    assertThat(no(FieldType.TIMESTAMP, "2024-01-01t00:00:00z")).contains("instant written");
    assertThat(no(FieldType.TIMESTAMP, "2024-01-01")).contains("instant written");
    assertThat(no(FieldType.TIMESTAMP, 1_704_067_200_000L)).contains("not a number");
  }

  @Test
  void string_keepsTextExactly_andRefusesOtherKinds() {
    assertThat(ok(FieldType.STRING, " 42 ")).isEqualTo(" 42 ");
    assertThat(ok(FieldType.STRING, new StringBuilder("x"))).isEqualTo("x");
    assertThat(no(FieldType.STRING, 42)).contains("a text").contains("not a number");
    assertThat(no(FieldType.STRING, Map.of())).contains("not an object");
  }

  @Test
  void coercion_refusesNull_andExplainsMisuse() {
    assertThatThrownBy(() -> FieldType.STRING.coerce(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("left out");
    assertThatThrownBy(() -> FieldType.INTEGER.coerce("x").value()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> FieldType.INTEGER.coerce(1).reason()).isInstanceOf(IllegalStateException.class);
    assertThat(FieldType.STRING.coerce("jane@example.com").toString()).doesNotContain("jane");
  }

  @Test
  void everyAcceptedValue_hasTheTypesJavaType() {
    List<Object> samples = List.of("42", 42, 42.0, "4.2e1", " 42 ", "true", true, "2020-02-29",
        "2024-01-01T01:00:00+01:00", new BigDecimal("1.50"), LocalDate.of(2024, 1, 1), Instant.EPOCH);
    for (FieldType t : FieldType.values()) {
      for (Object v : samples) {
        Coercion c = t.coerce(v);
        if (c.accepted()) {
          assertThat(c.value()).isInstanceOf(t.javaType());
        }
      }
    }
  }
}
