package io.modelbridge.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.NotPermittedException;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP adapter against a real HTTP server on loopback ({@link CrmServer}). */
class HttpAdapterTest {

  static final String SPEC = resource("/crm-api.yaml");

  CrmServer crm;
  SystemAdapter adapter;

  @BeforeEach
  void start() throws IOException {
    crm = new CrmServer();
    crm.seed(25);
    adapter = create(Map.of());
  }

  @AfterEach
  void stop() {
    adapter.close();
    crm.close();
  }

  SystemAdapter create(Map<String, String> overrides) {
    AdapterConfig.Builder config = AdapterConfig.builder("crm")
        .set("baseUrl", crm.baseUrl())
        .set("spec", SPEC)
        .set("retry.delay", "PT0.01S")
        .set("retry.maxDelay", "PT2S")
        .object("secretProvider", (SecretProvider) name ->
            name.equals("api-token") ? Optional.of(CrmServer.TOKEN) : Optional.empty());
    config.setAll(overrides);
    return AdapterRegistry.discover().create("http", config.build());
  }

  static String resource(String name) {
    try (InputStream in = HttpAdapterTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static OperationRequest op(String name, Map<String, Object> args) {
    return OperationRequest.of(name, args);
  }

  @Test
  void query_walksEveryCursorPage_fetchingLazily() {
    try (RecordStream stream = adapter.execute(op("customers.list", Map.of()))) {
      assertThat(crm.hits("GET", "/api/customers")).isZero();
      AdapterRecord first = stream.next();
      assertThat(crm.hits("GET", "/api/customers")).as("only the first page is fetched").isEqualTo(1);
      assertThat(first.fields()).containsEntry("id", "C001").containsEntry("city", "Genève")
          .containsEntry("credit", new BigDecimal("1.50")).containsEntry("since", LocalDate.of(2020, 1, 15))
          .containsEntry("active", true).containsEntry("version", 1L);
      assertThat(first.source().key()).containsEntry("id", "C001");
      assertThat(first.source().version()).contains("1");
      List<AdapterRecord> rest = stream.toList();
      assertThat(rest).hasSize(24);
      assertThat(rest.get(23).get("id")).contains("C025");
    }
    assertThat(crm.hits("GET", "/api/customers")).as("25 records at 10 per page").isEqualTo(3);
  }

  @Test
  void query_passesFilterAsQueryParameter_encoded() {
    List<AdapterRecord> genf = adapter.execute(op("customers.list", Map.of("city", "Genève"))).toList();
    assertThat(genf).hasSize(13).allSatisfy(r -> assertThat(r.get("city")).contains("Genève"));
  }

  @Test
  void query_closedEarly_fetchesNoFurtherPage() {
    try (RecordStream stream = adapter.execute(op("customers.list", Map.of()))) {
      for (int i = 0; i < 10; i++) {
        stream.next();
      }
    }
    assertThat(crm.hits("GET", "/api/customers")).isEqualTo(1);
  }

  @Test
  void query_pageNumbers_endAtFirstEmptyPage() {
    List<AdapterRecord> all = adapter.execute(op("customers.pages", Map.of())).toList();
    assertThat(all).hasSize(25);
    assertThat(all.stream().map(r -> r.fields().get("id")).distinct()).hasSize(25);
    assertThat(crm.hits("GET", "/api/customers-paged")).as("7 pages of 4, the 8th empty").isEqualTo(8);
  }

  @Test
  void get_returnsEtagAsVersion() {
    AdapterRecord r = adapter.execute(op("customers.get", Map.of("id", "C007"))).toList().get(0);
    assertThat(r.source().version()).contains("1");
    assertThat(r.source().locator()).isEqualTo("crm/customers/C007");
    assertThat(r.get("email")).contains("c007@example.com");
  }

  @Test
  void update_withCurrentVersion_succeedsAndReturnsNewVersion() {
    AdapterRecord updated = adapter.execute(op("customers.update", Map.of("id", "C007", "city", "Bern"))
        .expecting("1")).toList().get(0);
    assertThat(updated.source().version()).contains("2");
    assertThat(updated.get("city")).contains("Bern");
    assertThat(crm.customer("C007").at("/address/city").asText()).isEqualTo("Bern");
  }

  @Test
  void update_withStaleVersion_isVersionConflictWithCurrentVersion() {
    adapter.execute(op("customers.update", Map.of("id", "C007", "city", "Bern")).expecting("1")).close();
    assertThatThrownBy(() -> adapter.execute(op("customers.update", Map.of("id", "C007", "city", "Basel"))
        .expecting("1")))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo("1");
          assertThat(e.currentVersion()).contains("2");
          assertThat(e.key()).isEqualTo("C007");
          assertThat(e.isRetryable()).isFalse();
        });
    assertThat(crm.customer("C007").at("/address/city").asText()).isEqualTo("Bern");
  }

  @Test
  void update_withoutVersion_isRejectedNamingExpectedVersion() {
    assertThatThrownBy(() -> adapter.execute(op("customers.update", Map.of("id", "C007", "city", "Bern"))))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("expectedVersion"));
  }

  @Test
  void tooManyRequests_honoursRetryAfter_thenSucceeds() {
    crm.enqueue("/api/flaky/C001", 429, Map.of("Retry-After", "1"), "{\"title\":\"slow down\"}");
    crm.enqueue("/api/flaky/C001", 200, Map.of("ETag", "\"9\""), "{\"id\":\"C001\",\"name\":\"x\"}");
    long start = System.nanoTime();
    AdapterRecord r = adapter.execute(op("flaky.get", Map.of("id", "C001"))).toList().get(0);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(crm.hits("GET", "/api/flaky/C001")).isEqualTo(2);
    assertThat(r.source().version()).contains("9");
    assertThat(waited).as("Retry-After: 1 is honoured, not the 10 ms backoff").isGreaterThan(Duration.ofMillis(900));
  }

  @Test
  void retryAfterAsHttpDate_isHonoured() {
    String inTwoSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
    crm.enqueue("/api/flaky/C001", 503, Map.of("Retry-After", inTwoSeconds), "");
    crm.enqueue("/api/flaky/C001", 200, Map.of(), "{\"id\":\"C001\",\"name\":\"x\"}");
    long start = System.nanoTime();
    adapter.execute(op("flaky.get", Map.of("id", "C001"))).close();
    assertThat(crm.hits("GET", "/api/flaky/C001")).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
  }

  @Test
  void slowAnswers_timeOut_areRetried_thenUnavailable() {
    crm.enqueueSlow("/api/flaky/C001", 200, Map.of(), "{}", 1500);
    crm.enqueueSlow("/api/flaky/C001", 200, Map.of(), "{}", 1500);
    SystemAdapter impatient = create(Map.of("timeout.request", "PT0.2S", "retry.maxAttempts", "2"));
    try (impatient) {
      assertThatThrownBy(() -> impatient.execute(op("flaky.get", Map.of("id", "C001"))))
          .isInstanceOfSatisfying(SystemUnavailableException.class, e -> assertThat(e.getMessage())
              .contains("2 attempt(s)").contains("HttpTimeoutException"));
    }
    assertThat(crm.hits("GET", "/api/flaky/C001")).isEqualTo(2);
  }

  @Test
  void retryAfterLongerThanMaxDelay_failsAtOnce() {
    crm.enqueue("/api/flaky/C001", 429, Map.of("Retry-After", "3600"), "");
    assertThatThrownBy(() -> adapter.execute(op("flaky.get", Map.of("id", "C001"))))
        .isInstanceOf(SystemUnavailableException.class)
        .hasMessageContaining("HTTP 429").hasMessageContaining("3600s");
    assertThat(crm.hits("GET", "/api/flaky/C001")).isEqualTo(1);
  }

  @Test
  void serverErrors_areRetriedUpToMaxAttempts_thenUnavailable() {
    for (int i = 0; i < 5; i++) {
      crm.enqueue("/api/broken", 500, Map.of(), "{}");
    }
    SystemAdapter three = create(Map.of("retry.maxAttempts", "3"));
    try (three) {
      assertThatThrownBy(() -> three.execute(op("broken.list", Map.of())).toList())
          .isInstanceOfSatisfying(SystemUnavailableException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("HTTP 500").contains("3 attempt(s)");
          });
    }
    assertThat(crm.hits("GET", "/api/broken")).isEqualTo(3);
  }

  @Test
  void serverErrorThenSuccess_isRetriedTransparently() {
    crm.enqueue("/api/broken", 503, Map.of(), "");
    crm.enqueue("/api/broken", 200, Map.of(), "{\"data\":[{\"id\":\"X1\"}]}");
    assertThat(adapter.execute(op("broken.list", Map.of())).toList()).hasSize(1);
    assertThat(crm.hits("GET", "/api/broken")).isEqualTo(2);
  }

  @Test
  void create_isNotRetriedOn500_becauseThePostMayHaveBeenProcessed() {
    crm.enqueue("/api/customers", 500, Map.of(), "{}");
    assertThatThrownBy(() -> adapter.execute(op("customers.create", Map.of("name", "New"))))
        .isInstanceOf(SystemUnavailableException.class).hasMessageContaining("1 attempt(s)");
    assertThat(crm.hits("POST", "/api/customers")).isEqualTo(1);
  }

  @Test
  void wrongCredentials_areNotPermitted_andNotRetried() {
    SystemAdapter wrong = create(Map.of("auth.secretName", "other"));
    try (wrong) {
      assertThatThrownBy(() -> wrong.execute(op("customers.get", Map.of("id", "C001"))))
          .isInstanceOf(NotPermittedException.class).hasMessageContaining("'other'");
    }
    crm.enqueue("/api/customers/C001", 401, Map.of(), "{\"title\":\"Unauthorized\"}");
    assertThatThrownBy(() -> adapter.execute(op("customers.get", Map.of("id", "C001"))))
        .isInstanceOf(NotPermittedException.class).hasMessageContaining("HTTP 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CrmServer.TOKEN));
    assertThat(crm.hits("GET", "/api/customers/C001")).isEqualTo(1);
  }

  @Test
  void secret_isSentInTheAuthHeader_andNeverShown() {
    adapter.execute(op("customers.get", Map.of("id", "C001"))).close();
    assertThat(crm.authHeaders()).contains("Bearer " + CrmServer.TOKEN);
    assertThat(adapter.toString()).doesNotContain(CrmServer.TOKEN);
  }

  @Test
  void unprocessableEntity_isInputRejected_namingTheFieldFromTheProblemBody() {
    assertThatThrownBy(() -> adapter.execute(op("customers.update", Map.of("id", "C002", "name", " "))
        .expecting("1")))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> {
          assertThat(e.field()).isEqualTo("name");
          assertThat(e.getMessage()).contains("HTTP 422").contains("Validation failed");
        });
  }

  @Test
  void missingRecord_isRecordNotFound() {
    assertThatThrownBy(() -> adapter.execute(op("customers.get", Map.of("id", "NOPE"))))
        .isInstanceOfSatisfying(RecordNotFoundException.class, e -> assertThat(e.key()).isEqualTo("NOPE"));
  }

  @Test
  void malformedJson_isAClearNonRetryableError_withoutTheBody() {
    crm.enqueue("/api/broken", 200, Map.of("Content-Type", "text/html"), "<html>Erika Mustermann</html>");
    assertThatThrownBy(() -> adapter.execute(op("broken.list", Map.of())).toList())
        .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("broken.list").contains("not valid JSON").contains("line 1")
              .contains("text/html").doesNotContain("Erika");
        });
  }

  @Test
  void wrongShape_namesThePointer() {
    crm.enqueue("/api/broken", 200, Map.of(), "{\"data\":{\"id\":\"1\"}}");
    assertThatThrownBy(() -> adapter.execute(op("broken.list", Map.of())).toList())
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("no JSON array at '/data'");
    crm.enqueue("/api/broken", 200, Map.of(), "{\"data\":[{\"id\":\"1\",\"credit\":\"lots\"}]}");
    assertThatThrownBy(() -> adapter.execute(op("broken.list", Map.of())).toList())
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("'credit'").hasMessageContaining("DECIMAL");
  }

  @Test
  void create_thenDelete_roundTrip() {
    AdapterRecord created = adapter.execute(op("customers.create",
        Map.of("name", "Neue Kundin", "city", "Zürich", "credit", new BigDecimal("10.00")))).toList().get(0);
    String id = (String) created.fields().get("id");
    assertThat(crm.customer(id).at("/address/city").asText()).as("city goes to its pointer").isEqualTo("Zürich");
    assertThat(created.source().version()).contains("1");
    adapter.execute(op("customers.delete", Map.of("id", id)).expecting("1")).close();
    assertThat(crm.customer(id)).isNull();
  }

  @Test
  void dryRun_sendsNothing() {
    List<AdapterRecord> preview = adapter.execute(op("customers.update", Map.of("id", "C003", "city", "Oslo"))
        .expecting("1").asDryRun()).toList();
    assertThat(preview).singleElement().satisfies(r -> assertThat(r.get("city")).contains("Oslo"));
    assertThat(crm.hits("PUT", "/api/customers/C003")).isZero();
  }

  @Test
  void arguments_areValidatedBeforeAnyRequest() {
    assertThatThrownBy(() -> adapter.execute(op("customers.get", Map.of("id", "C1", "drop", "table"))))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("drop"));
    assertThatThrownBy(() -> adapter.execute(op("customers.get", Map.of())))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("id"));
    assertThatThrownBy(() -> adapter.execute(op("customers.update", Map.of("id", "C1", "credit", "lots"))))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("credit"));
    assertThatThrownBy(() -> adapter.execute(op("customers.nothing", Map.of())))
        .isInstanceOf(InputRejectedException.class).hasMessageContaining("customers.get");
  }

  @Test
  void pathArguments_areEncodedAsOneSegment() {
    crm.addCustomer("A/B C", "Slash", "Rome", "1");
    AdapterRecord r = adapter.execute(op("customers.get", Map.of("id", "A/B C"))).toList().get(0);
    assertThat(r.source().keyString()).isEqualTo("A/B C");
  }

  @Test
  void descriptor_derivesInputsAndEffects() {
    var d = adapter.descriptor();
    assertThat(d.systemId()).isEqualTo("crm");
    var update = d.operation("customers.update").orElseThrow();
    assertThat(update.effect()).isEqualTo(Effect.IDEMPOTENT_WRITE);
    assertThat(update.approvalRequired()).isTrue();
    assertThat(update.inputField("id").orElseThrow().required()).isTrue();
    assertThat(update.inputField("version")).as("the version travels as If-Match, not as input").isEmpty();
    assertThat(d.operation("customers.create").orElseThrow().effect()).isEqualTo(Effect.WRITE);
    assertThat(d.operation("customers.list").orElseThrow().effect()).isEqualTo(Effect.READ);
    assertThat(d.entity("customers").orElseThrow().personalFields()).containsExactly("name", "email");
  }

  @Test
  void closed_adapterIsUnavailable() {
    adapter.close();
    adapter.close();
    assertThatThrownBy(() -> adapter.execute(op("customers.get", Map.of("id", "C001"))))
        .isInstanceOf(SystemUnavailableException.class).hasMessageContaining("closed");
    assertThat(adapter.health().status()).isEqualTo(Health.Status.DOWN);
  }

  @Test
  void health_isUpWhenTheServerAnswers_downWhenItIsGone() {
    assertThat(adapter.health().status()).isEqualTo(Health.Status.UP);
    crm.close();
    assertThat(adapter.health().status()).isEqualTo(Health.Status.DOWN);
  }

  @Test
  void unreachableServer_isUnavailableAfterRetries() {
    crm.close();
    assertThatThrownBy(() -> adapter.execute(op("customers.get", Map.of("id", "C001"))))
        .isInstanceOfSatisfying(SystemUnavailableException.class,
            e -> assertThat(e.getMessage()).contains("4 attempt(s)").contains("ConnectException"));
  }
}
