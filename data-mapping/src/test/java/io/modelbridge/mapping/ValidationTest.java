package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationTest {

  static final String CUSTOMER_SCHEMA = "io/modelbridge/mapping/canonical/customer.schema.json";

  @Test
  void schemaViolation_namesPathAndKeywordAndMasksPersonalValues() {
    Mapping m = Mapping.builder("crm", "customer").key("customerId").schema(CUSTOMER_SCHEMA)
        .field("customerId", f -> f.from("id"))
        .field("name", f -> f.from("name"))
        .field("contactName", f -> f.from("contact").personal())
        .field("supportRepId", f -> f.from("rep").type(ValueType.ANY))
        .build();
    assertThat(m.map(Map.of("id", "C1", "name", "Acme", "contact", "Jane Roe", "rep", 3)).delivered()).isTrue();
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("id", "C2", "contact", "x".repeat(300), "rep", "three")))
        .rejection();
    assertThat(r.violations()).extracting(Violation::rule)
        .contains("schema:required", "schema:maxLength", "schema:type");
    Violation tooLong = r.violations().stream().filter(v -> v.rule().equals("schema:maxLength")).findFirst().orElseThrow();
    assertThat(tooLong.path()).isEqualTo("contactName");
    assertThat(tooLong.value()).isEqualTo("***");
    assertThat(tooLong.sourceKey()).isEqualTo("C2");
    Violation type = r.violations().stream().filter(v -> v.rule().equals("schema:type")).findFirst().orElseThrow();
    assertThat(type.value()).isEqualTo("three");
  }

  @Test
  void personalFlagOfTheCanonicalSchema_masksValuesTheMappingDidNotMark() {
    Mapping m = Mapping.builder("crm", "customer").key("customerId").schema(CUSTOMER_SCHEMA)
        .field("customerId", f -> f.from("id"))
        .field("name", f -> f.from("name"))
        .field("email", f -> f.from("mail"))
        .build();
    assertThat(m.personalFields()).contains("email", "address.street", "contactName");
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("id", "C1", "name", "Acme", "mail", "x".repeat(300) + "@a.b")))
        .rejection();
    assertThat(r.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("email");
      assertThat(v.value()).isEqualTo("***");
      assertThat(v.message()).doesNotContain("xxx");
    });
  }

  @Test
  void rules_rangeRequiredIfAndCrossField() {
    Validator v = Validator.ofRules(List.of(
        Rule.of("quantity-range", "between(quantity, 1, 1000)"),
        Rule.when("shipped-needs-date", "status == 'SHIPPED'", "present(shippedAt)"),
        new Rule("discount-cap", "discount <= 0.3 * price", Optional.empty(), "discount at most 30% of price")),
        Set.of());
    assertThat(v.validate("k", Map.of("quantity", 5, "status", "NEW", "discount", 1, "price", 10))).isEmpty();
    List<Violation> bad = v.validate("k", Map.of("quantity", 0, "status", "SHIPPED", "discount", 4, "price", 10));
    assertThat(bad).extracting(Violation::rule)
        .containsExactly("quantity-range", "shipped-needs-date", "discount-cap");
    assertThat(bad.get(2).message()).isEqualTo("discount at most 30% of price");
    assertThat(bad.get(2).value()).isEqualTo("discount=4, price=10");
    assertThat(bad.get(0).path()).isEqualTo("quantity");
  }

  @Test
  void rules_workOnJsonAnswersToo() throws Exception {
    Validator v = Validator.ofRules(List.of(Rule.of("total", "total == sum(lines[*].amount)")), Set.of());
    var answer = new ObjectMapper().readTree("{\"total\": 30, \"lines\": [{\"amount\": 10}, {\"amount\": 20.0}]}");
    assertThat(v.validate("answer-1", answer)).isEmpty();
    var wrong = new ObjectMapper().readTree("{\"total\": 31, \"lines\": [{\"amount\": 10}, {\"amount\": 20.0}]}");
    assertThat(v.validate("answer-1", wrong)).hasSize(1);
  }

  @Test
  void ruleOnWrongTypes_isAViolationNotAnException() {
    Validator v = Validator.ofRules(List.of(Rule.of("cap", "discount <= 0.3 * price")), Set.of("discount"));
    List<Violation> out = v.validate("k", Map.of("discount", "lots", "price", new BigDecimal("10")));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).message()).contains("cannot evaluate");
    assertThat(out.get(0).value()).contains("discount=***").doesNotContain("lots");
  }

  @Test
  void invalidRule_failsWhenCompiled() {
    assertThatThrownBy(() -> Validator.ofRules(List.of(Rule.of("bad", "a <")), Set.of()))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("rule 'bad'");
  }
}
