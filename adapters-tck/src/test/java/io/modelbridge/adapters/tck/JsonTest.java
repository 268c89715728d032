package io.modelbridge.adapters.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.tck.internal.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parse_readsEveryJsonValue() {
    Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}} ");
    assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"),
        true, false, null), "b", Map.of("c", "x\"é\n")));
  }

  @Test
  void parse_rejectsMalformedText_namingTheOffset() {
    for (String bad : List.of("", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "\"\u0001\"", "{\"a\":\"\\x\"}", "{} x",
        "01", "{\"a\":1,\"a\":2}", "tru")) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed JSON at offset");
    }
  }
}
