package io.modelbridge.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.hook.ToolOutcome.Status;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever JSON a model sends, governed dispatch answers with text and never throws. */
class GovernedToolsProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> QUERY_FIELDS = Set.of("minCredit", "since", "active", "touchedAfter",
      "nameStarts");

  private final GovernedTools tools = GovernedTools.builder().adapter(new InMemoryCustomerAdapter()).build();

  @Property(tries = 400)
  void arbitraryArguments_executeOrComeBackAsInvalid(@ForAll("jsonObjects") JsonNode args) {
    ToolOutcome o = tools.execute(GovernedToolsTest.VIEWER, ToolExecutionRequest.builder().id("p")
        .name("crm_customers_query").arguments(args.toString()).build());
    assertThat(o.status()).isIn(Status.EXECUTED, Status.INVALID_ARGUMENTS);
    assertThat(o.result()).isNotBlank();
    boolean unknownKey = false;
    for (var it = args.fieldNames(); it.hasNext(); ) {
      unknownKey |= !QUERY_FIELDS.contains(it.next());
    }
    if (unknownKey) {
      assertThat(o.status()).isEqualTo(Status.INVALID_ARGUMENTS);
    }
  }

  @Property(tries = 200)
  void arbitraryText_neverThrows(@ForAll String text) {
    ToolOutcome o = tools.execute(GovernedToolsTest.VIEWER, ToolExecutionRequest.builder().id("p")
        .name("crm_customers_get").arguments(text).build());
    assertThat(o.status()).isIn(Status.EXECUTED, Status.INVALID_ARGUMENTS, Status.FAILED);
  }

  @Property(tries = 200)
  void wellTypedArguments_alwaysExecute(@ForAll("validQueries") JsonNode args) {
    ToolOutcome o = tools.execute(GovernedToolsTest.VIEWER, ToolExecutionRequest.builder().id("p")
        .name("crm_customers_query").arguments(args.toString()).build());
    assertThat(o.status()).as(o.result()).isEqualTo(Status.EXECUTED);
  }

  @Provide
  Arbitrary<JsonNode> jsonObjects() {
    Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(QUERY_FIELDS.toArray(String[]::new)),
        Arbitraries.strings().ofMaxLength(12));
    return Arbitraries.maps(keys, values(2)).ofMaxSize(6).map(GovernedToolsProperties::object);
  }

  @Provide
  Arbitrary<JsonNode> validQueries() {
    Arbitrary<JsonNode> minCredit = Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6"))
        .ofScale(2).map(F::numberNode);
    Arbitrary<JsonNode> since = Arbitraries.integers().between(0, 40_000)
        .map(d -> F.textNode(java.time.LocalDate.ofEpochDay(d).toString()));
    Arbitrary<JsonNode> active = Arbitraries.of(true, false).map(F::booleanNode);
    Arbitrary<JsonNode> name = Arbitraries.strings().ofMaxLength(20).map(F::textNode);
    return Combinators.combine(minCredit.injectNull(0.3), since.injectNull(0.3), active.injectNull(0.3),
        name.injectNull(0.3)).as((m, s, a, n) -> {
          ObjectNode o = F.objectNode();
          if (m != null) {
            o.set("minCredit", m);
          }
          if (s != null) {
            o.set("since", s);
          }
          if (a != null) {
            o.set("active", a);
          }
          if (n != null) {
            o.set("nameStarts", n);
          }
          return o;
        });
  }

  private Arbitrary<JsonNode> values(int depth) {
    Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(15).map(F::textNode),
        Arbitraries.of("2024-02-29", "2023-02-29", "12.5", "1e400", "2024-05-01T12:00:00Z", "NaN", "")
            .map(F::textNode),
        Arbitraries.longs().map(F::numberNode),
        Arbitraries.of(Double.POSITIVE_INFINITY, Double.NaN, 9.223372036854775807E18, -9.3E18, 1e300, 4.0)
            .map(F::numberNode),
        Arbitraries.of("1e400", "123456789012345678901234567890", "-0.0", "1E+999999999")
            .map(t -> F.numberNode(new BigDecimal(t))),
        Arbitraries.doubles().map(F::numberNode),
        Arbitraries.bigDecimals().map(F::numberNode),
        Arbitraries.of(true, false).map(F::booleanNode),
        Arbitraries.just(F.nullNode()));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonNode> arrays = values(depth - 1).list().ofMaxSize(3).map(l -> {
      ArrayNode a = F.arrayNode();
      l.forEach(a::add);
      return a;
    });
    Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), values(depth - 1))
        .ofMaxSize(3).map(GovernedToolsProperties::object);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, scalars), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, objects));
  }

  private static JsonNode object(Map<String, JsonNode> m) {
    ObjectNode o = new ObjectMapper().createObjectNode();
    m.forEach(o::set);
    return o;
  }
}
