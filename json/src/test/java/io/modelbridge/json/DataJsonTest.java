package io.modelbridge.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DataJsonTest {

  @Test
  void decimalBeyondDouble_keepsEveryDigit() throws Exception {
    JsonNode n = DataJson.tree("{\"total\":12345678901234567.89}");
    assertThat(n.get("total").decimalValue()).isEqualByComparingTo("12345678901234567.89");
    assertThat(DataJson.write(n)).isEqualTo("{\"total\":12345678901234567.89}");
  }

  @Test
  void trailingZeros_areKept() throws Exception {
    assertThat(DataJson.write(DataJson.tree("[1.50,120.0,0.000]"))).isEqualTo("[1.50,120.0,0.000]");
  }

  @Test
  void bigDecimalWithExponentScale_isWrittenPlainly() {
    assertThat(DataJson.write(Map.of("price", new BigDecimal("1.2E+2")))).isEqualTo("{\"price\":120}");
  }

  @Test
  void readIntoObject_givesBigDecimalNeverDouble() throws Exception {
    Object v = DataJson.mapper().readValue("{\"a\":0.1}", Map.class).get("a");
    assertThat(v).isInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void hugeInteger_isBigInteger() throws Exception {
    Object v = DataJson.mapper().readValue("{\"a\":123456789012345678901234567890}", Map.class).get("a");
    assertThat(v).isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void duplicateKey_isRefusedWithItsLocation() {
    assertThatThrownBy(() -> DataJson.tree("{\"a\":1,\n\"a\":2}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'a'")
        .satisfies(e -> assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(2));
  }

  @Test
  void duplicateKeyInYaml_isRefused() {
    assertThatThrownBy(() -> DataJson.yaml().readTree("a: 1\nb: 2\na: 3\n"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void yamlDecimal_isExact() throws Exception {
    assertThat(DataJson.yaml().readTree("x: 12345678901234567.89\n").get("x").decimalValue())
        .isEqualTo(new BigDecimal("12345678901234567.89"));
  }

  @Test
  void trailingTokens_areRefused() {
    assertThatThrownBy(() -> DataJson.mapper().readValue("{\"a\":1} {\"b\":2}", Map.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void nan_isRefusedOnRead() {
    assertThatThrownBy(() -> DataJson.tree("{\"a\":NaN}")).isInstanceOf(JsonProcessingException.class);
  }

  @Property
  void anyBigDecimal_roundTripsWithItsScale(@ForAll BigDecimal value) throws Exception {
    String json = DataJson.write(Map.of("v", value));
    BigDecimal back = DataJson.tree(json).get("v").decimalValue();
    assertThat(back).isEqualByComparingTo(value);
    if (value.scale() >= 0) {
      assertThat(back.scale()).isEqualTo(value.scale());
    }
  }

  @Test
  void javaTimeValues_areWrittenAsIsoText() {
    assertThat(DataJson.write(Map.of("d", java.time.LocalDate.of(2020, 2, 29))))
        .isEqualTo("{\"d\":\"2020-02-29\"}");
    assertThat(DataJson.mapper().valueToTree(java.util.List.of(java.time.Instant.parse("2024-01-02T03:04:05.123Z"),
        java.time.OffsetDateTime.parse("2024-01-02T03:04:05+01:00"))).toString())
        .isEqualTo("[\"2024-01-02T03:04:05.123Z\",\"2024-01-02T03:04:05+01:00\"]");
  }

  @Test
  void toNodeAndToJava_keepNumbersExact() {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("price", new BigDecimal("120.00"));
    data.put("big", new BigInteger("123456789012345678901234567890"));
    data.put("n", 7);
    data.put("d", 0.1d);
    data.put("list", java.util.List.of("a", true));
    data.put("none", null);
    JsonNode n = DataJson.toNode(data);
    assertThat(DataJson.write(n))
        .isEqualTo("{\"price\":120.00,\"big\":123456789012345678901234567890,\"n\":7,\"d\":0.1,"
            + "\"list\":[\"a\",true],\"none\":null}");
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) DataJson.toJava(n);
    assertThat(back.get("price")).isEqualTo(new BigDecimal("120.00"));
    assertThat(back.get("n")).isEqualTo(7L);
    assertThat(back.get("d")).isEqualTo(new BigDecimal("0.1"));
    assertThat(back).containsEntry("none", null).containsEntry("list", java.util.List.of("a", true));
  }

  @Property
  void anyBigDecimal_survivesToNodeAndToJava(@ForAll BigDecimal value) {
    assertThat(DataJson.toJava(DataJson.toNode(value))).isEqualTo(value);
  }
}
