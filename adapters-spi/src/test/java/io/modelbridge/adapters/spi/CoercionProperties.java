package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the SPI's coercion: exact round trips, and no value in any reason. */
class CoercionProperties {

  @Property
  void integer_textAndNumberForms_giveTheSameLong(@ForAll long n) {
    assertThat(FieldType.INTEGER.coerce(n).value()).isEqualTo(n);
    assertThat(FieldType.INTEGER.coerce(Long.toString(n)).value()).isEqualTo(n);
    assertThat(FieldType.INTEGER.coerce(BigInteger.valueOf(n)).value()).isEqualTo(n);
    assertThat(FieldType.INTEGER.coerce(new BigDecimal(n).setScale(2)).value()).isEqualTo(n);
  }

  @Property
  void integer_outsideLongRange_isRefused(@ForAll @IntRange(min = 1, max = 1_000_000) int beyond) {
    BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(beyond));
    assertThat(FieldType.INTEGER.coerce(big.toString()).accepted()).isFalse();
    assertThat(FieldType.INTEGER.coerce(big.negate().subtract(BigInteger.ONE).toString()).accepted()).isFalse();
    assertThat(FieldType.INTEGER.coerce(new BigDecimal(big)).accepted()).isFalse();
  }

  @Property
  void decimal_anyBigDecimal_survivesExactly_asValueAndAsText(@ForAll("decimals") BigDecimal d) {
    assertThat(FieldType.DECIMAL.coerce(d).value()).isEqualTo(d); // equals: same digits, same scale
    Object fromText = FieldType.DECIMAL.coerce(d.toString()).value();
    assertThat(fromText).isEqualTo(d);
    assertThat(FieldType.DECIMAL.coerce(d.toPlainString()).value()).satisfies(v ->
        assertThat(((BigDecimal) v).compareTo(d)).isZero());
  }

  @Property
  void decimal_fromDouble_isItsShortestDecimal(@ForAll double d) {
    Coercion c = FieldType.DECIMAL.coerce(d);
    if (Double.isFinite(d)) {
      assertThat(((BigDecimal) c.value()).doubleValue()).isEqualTo(d == -0.0 ? 0.0 : d);
      assertThat(c.value()).isEqualTo(new BigDecimal(Double.toString(d)));
    } else {
      assertThat(c.accepted()).isFalse();
    }
  }

  @Property
  void date_anyDay_roundTripsThroughIsoText(@ForAll("days") LocalDate day) {
    assertThat(FieldType.DATE.coerce(day.toString()).value()).isEqualTo(day);
  }

  @Property
  void timestamp_anyInstantAtAnyOffset_isThatInstant(@ForAll("instants") Instant at,
      @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
    assertThat(FieldType.TIMESTAMP.coerce(at.toString()).value()).isEqualTo(at);
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    String withOffset = at.atOffset(offset).toString();
    assertThat(FieldType.TIMESTAMP.coerce(withOffset).value()).as(withOffset).isEqualTo(at);
  }

  /** Hostile text of every shape: the verdict is given, never an exception, and no reason quotes the value. */
  @Property(tries = 2000)
  void anyText_getsAVerdict_andNoReasonRepeatsIt(@ForAll("hostile") String text) {
    String marked = "Zq" + text;
    for (FieldType t : FieldType.values()) {
      for (String v : new String[] {marked, text}) {
        Coercion c = t.coerce(v);
        if (!c.accepted()) {
          assertThat(c.reason()).doesNotContain("Zq");
        }
      }
    }
  }

  @Property
  void bind_listsEveryProblem_withItsField(@ForAll @LongRange(min = 0, max = 1000) long qty,
      @ForAll boolean dropRequired, @ForAll boolean addUnknown, @ForAll boolean badDate) {
    OperationDescriptor op = new OperationDescriptor("orders.create", "orders", OperationKind.CREATE,
        Effect.WRITE, true, java.util.List.of(FieldSchema.required("qty", FieldType.INTEGER),
            FieldSchema.optional("due", FieldType.DATE)), "");
    java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
    if (!dropRequired) {
      args.put("qty", Long.toString(qty));
    }
    if (addUnknown) {
      args.put("colour", "red");
    }
    args.put("due", badDate ? "2023-02-30" : "2024-02-29");
    ArgumentBinding b = op.bind(args);
    int expected = (dropRequired ? 1 : 0) + (addUnknown ? 1 : 0) + (badDate ? 1 : 0);
    assertThat(b.problems()).hasSize(expected);
    assertThat(b.valid()).isEqualTo(expected == 0);
    if (expected == 0) {
      assertThat(b.arguments()).containsEntry("qty", qty).containsEntry("due", LocalDate.of(2024, 2, 29));
    }
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    return Arbitraries.bigIntegers().between(new BigInteger("-1" + "0".repeat(60)), new BigInteger("1" + "0".repeat(60)))
        .flatMap(u -> Arbitraries.integers().between(-200, 200).map(s -> new BigDecimal(u, s)));
  }

  @Provide
  Arbitrary<LocalDate> days() {
    return Arbitraries.longs().between(LocalDate.of(1000, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(Instant.parse("1000-01-02T00:00:00Z").getEpochSecond(),
        Instant.parse("9999-12-30T00:00:00Z").getEpochSecond())
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789+-.eE:TZ ").ofMaxLength(30),
        Arbitraries.of("42", " 42 ", "4.2e1", "42.0", "2023-02-30", "2020-02-29", "2024-01-01T00:00:00Z",
            "2024-01-01T01:00:00+01:00", "true", "yes", "NaN", "Infinity", "-0", "\u0000", "\uD800", "１２"));
  }
}
