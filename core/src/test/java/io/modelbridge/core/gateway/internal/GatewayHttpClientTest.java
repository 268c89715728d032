package io.modelbridge.core.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class GatewayHttpClientTest {

  @Test
  void retryAfter_inSeconds() {
    assertThat(GatewayHttpClient.parseRetryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void retryAfter_asHttpDate_isTheTimeUntilThen() {
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    assertThat(GatewayHttpClient.parseRetryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
  }

  @Test
  void retryAfter_inThePast_isZero_andGarbageIsIgnored() {
    assertThat(GatewayHttpClient.parseRetryAfter("Tue, 01 Jan 2019 00:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(GatewayHttpClient.parseRetryAfter("soon")).isNull();
    assertThat(GatewayHttpClient.parseRetryAfter("-3")).isNull();
  }
}
