package io.modelbridge.adapters.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelbridge.adapters.spi.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A value written into a request body and read back from a response body is the same value: the mapping
 * loses no precision (money), no trailing zeros, no characters, no time.
 */
class JsonValuesProperties {

  private final ObjectMapper mapper = JsonValues.mapper();

  private Object throughTheWire(FieldType type, Object value) throws Exception {
    var body = JsonNodeFactory.instance.objectNode();
    body.set("v", JsonValues.toJson(type.coerce(value).value()));
    JsonNode back = mapper.readTree(mapper.writeValueAsBytes(body)).get("v");
    return JsonValues.fromJson(type, back).orElseThrow();
  }

  @Property(tries = 300)
  void decimals_keepValueAndScale(@ForAll("money") BigDecimal amount) throws Exception {
    assertThat(throughTheWire(FieldType.DECIMAL, amount)).isEqualTo(amount);
  }

  @Property(tries = 300)
  void integers_roundTrip(@ForAll long n) throws Exception {
    assertThat(throughTheWire(FieldType.INTEGER, n)).isEqualTo(n);
  }

  @Property(tries = 300)
  void text_roundTrips(@ForAll String text) throws Exception {
    assertThat(throughTheWire(FieldType.STRING, text)).isEqualTo(text);
  }

  @Property(tries = 200)
  void datesAndInstants_roundTrip(@ForAll("dates") LocalDate date, @ForAll("instants") Instant instant)
      throws Exception {
    assertThat(throughTheWire(FieldType.DATE, date)).isEqualTo(date);
    assertThat(throughTheWire(FieldType.TIMESTAMP, instant)).isEqualTo(instant);
  }

  @Property(tries = 200)
  void wrongTypes_areRefusedNotGuessed(@ForAll("notNumbers") String text) {
    assertThat(FieldType.DECIMAL.coerce(text).accepted()).isFalse();
    assertThat(FieldType.INTEGER.coerce(text).accepted()).isFalse();
    assertThat(JsonValues.fromJson(FieldType.DECIMAL, JsonNodeFactory.instance.textNode(text))).isEmpty();
  }

  @Provide
  Arbitrary<BigDecimal> money() {
    return Arbitraries.integers().between(0, 6).flatMap(scale ->
        Arbitraries.bigDecimals().between(new BigDecimal("-1e15"), new BigDecimal("1e15")).ofScale(scale));
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.integers().between(-200_000, 200_000).map(d -> LocalDate.of(2000, 1, 1).plusDays(d));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Provide
  Arbitrary<String> notNumbers() {
    return Arbitraries.strings().withChars("abcxyz ,;/").ofMinLength(1).ofMaxLength(8).filter(s -> !s.isBlank());
  }
}
