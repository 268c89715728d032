package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.SourceRef;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingTest {

  static final String ORDER_YAML = String.join("\n",
      "name: erp-orders",
      "entity: order",
      "key: [orderId]",
      "codeTables:",
      "  status: {'01': NEW, '03': SHIPPED}",
      "fields:",
      "  - {target: orderId, from: ORDER_NO, type: integer, required: true}",
      "  - {target: customer.name, from: KUNDE.NAME, personal: true}",
      "  - {target: status, from: STAT, codeTable: status}",
      "  - {target: orderedAt, from: DATUM, type: datetime, formats: ['dd.MM.yyyy HH:mm'], zone: Europe/Berlin}",
      "  - {target: deliveryDate, from: LIEFERDATUM, type: date, formats: ['dd.MM.yyyy']}",
      "  - {target: express, from: EXPRESS, type: boolean, default: 'N'}",
      "  - {target: weightKg, from: GEWICHT_G, type: decimal, unit: {from: g, to: kg, factors: {g: 0.001, kg: 1}}}",
      "  - {target: currency, constant: EUR}",
      "  - {target: 'lines[*].quantity', from: 'POS[*].MENGE', type: integer}",
      "  - {target: 'lines[*].unitPrice', from: 'POS[*].PREIS', type: decimal, locale: de, scale: 2}",
      "  - {target: total, expr: 'round(sum(lines[*].unitPrice) * 1, 2)', type: decimal, scale: 2}",
      "rules:",
      "  - {name: has-lines, check: 'count(lines[*].quantity) >= 1'}",
      "");

  static Map<String, Object> order() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ORDER_NO", "10248");
    m.put("KUNDE", Map.of("NAME", "Maria Anders"));
    m.put("STAT", "03");
    m.put("DATUM", "05.03.2024 14:30");
    m.put("LIEFERDATUM", "07.03.2024");
    m.put("GEWICHT_G", 1500);
    m.put("POS", List.of(Map.of("MENGE", "2", "PREIS", "1.234,50"), Map.of("MENGE", 1L, "PREIS", "0,99")));
    return m;
  }

  @Test
  void yamlMapping_mapsEveryFeature() {
    Mapping m = Mapping.fromYaml(ORDER_YAML);
    MappingOutcome out = m.map(order());
    assertThat(out).isInstanceOf(MappingOutcome.Delivered.class);
    CanonicalEntity e = ((MappingOutcome.Delivered) out).entity();
    assertThat(e.key()).isEqualTo("10248");
    assertThat(e.fields()).containsEntry("orderId", 10248L)
        .containsEntry("status", "SHIPPED")
        .containsEntry("orderedAt", "2024-03-05T13:30:00Z")
        .containsEntry("deliveryDate", "2024-03-07")
        .containsEntry("express", false)
        .containsEntry("weightKg", new BigDecimal("1.5"))
        .containsEntry("currency", "EUR")
        .containsEntry("total", new BigDecimal("1235.49"));
    assertThat(e.fields().get("customer")).isEqualTo(Map.of("name", "Maria Anders"));
    assertThat(e.fields().get("lines")).isEqualTo(List.of(
        Map.of("quantity", 2L, "unitPrice", new BigDecimal("1234.50")),
        Map.of("quantity", 1L, "unitPrice", new BigDecimal("0.99"))));
  }

  @Test
  void builderAndYaml_produceTheSameSpec() {
    Mapping fromBuilder = Mapping.builder("m", "customer").key("id")
        .field("id", f -> f.from("ID").required())
        .field("active", f -> f.from("ACTIVE").type(ValueType.BOOLEAN))
        .rule(Rule.of("id-short", "length(id) <= 5"))
        .build();
    Mapping fromYaml = Mapping.fromYaml("name: m\nentity: customer\nkey: [id]\nfields:\n"
        + "  - {target: id, from: ID, required: true}\n  - {target: active, from: ACTIVE, type: boolean}\n"
        + "rules:\n  - {name: id-short, check: 'length(id) <= 5'}\n");
    assertThat(fromYaml.spec()).isEqualTo(fromBuilder.spec());
    Mapping derived = fromYaml.toBuilder().field("region", f -> f.constant("EU")).build();
    assertThat(derived.spec().fields()).hasSize(3);
    assertThat(fromYaml.spec().fields()).hasSize(2);
  }

  @Test
  void badRecord_isRejectedWithKeyPathRuleAndMaskedPersonalValue() {
    Mapping m = Mapping.fromYaml(ORDER_YAML);
    Map<String, Object> bad = order();
    bad.put("STAT", "99");
    bad.put("KUNDE", Map.of("NAME", List.of("not", "text")));
    bad.put("DATUM", "yesterday");
    MappingOutcome out = m.map(bad);
    assertThat(out).isInstanceOf(MappingOutcome.Rejected.class);
    Rejection r = ((MappingOutcome.Rejected) out).rejection();
    assertThat(r.sourceKey()).isEqualTo("10248");
    assertThat(r.violations()).extracting(Violation::path, Violation::rule, Violation::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("status", "codeTable", "99"),
            org.assertj.core.groups.Tuple.tuple("customer.name", "type", "(object or list)"),
            org.assertj.core.groups.Tuple.tuple("orderedAt", "type", "yesterday"));
    assertThat(r.violations()).allSatisfy(v -> assertThat(v.sourceKey()).isEqualTo("10248"));
  }

  @Test
  void personalValues_neverAppearInViolations() {
    Mapping m = Mapping.builder("m", "customer").key("id")
        .field("id", f -> f.from("id"))
        .field("birthDate", f -> f.from("born").type(ValueType.DATE).personal())
        .field("email", f -> f.from("mail").personal())
        .rule(Rule.of("mail-format", "matches(email, '[^@]+@[^@]+')"))
        .build();
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("id", "7", "born", "31.02.1970", "mail", "maria.at.example")))
        .rejection();
    assertThat(r.violations()).hasSize(1);
    assertThat(r.violations().get(0).toString()).doesNotContain("1970").contains("***");
    Rejection r2 = ((MappingOutcome.Rejected) m.map(Map.of("id", "7", "mail", "maria.at.example"))).rejection();
    assertThat(r2.violations().get(0).rule()).isEqualTo("mail-format");
    assertThat(r2.violations().toString()).doesNotContain("maria").contains("***");
  }

  @Test
  void coercions_acceptLocalesBooleansAndZones() {
    Mapping m = Mapping.builder("c", "x")
        .field("de", f -> f.from("de").type(ValueType.DECIMAL).locale("de"))
        .field("fr", f -> f.from("fr").type(ValueType.DECIMAL).locale("fr"))
        .field("en", f -> f.from("en").type(ValueType.DECIMAL).locale("en"))
        .field("b1", f -> f.from("b1").type(ValueType.BOOLEAN))
        .field("b2", f -> f.from("b2").type(ValueType.BOOLEAN))
        .field("b3", f -> f.from("b3").type(ValueType.BOOLEAN))
        .field("t1", f -> f.from("t1").type(ValueType.DATETIME))
        .field("t2", f -> f.from("t2").type(ValueType.DATETIME).zone("America/New_York"))
        .field("d1", f -> f.from("d1").type(ValueType.DATE))
        .build();
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("de", "1.234,56");
    in.put("fr", "1 234,56");
    in.put("en", "1,234.56");
    in.put("b1", "oui");
    in.put("b2", "Nein");
    in.put("b3", 1);
    in.put("t1", "2024-03-05T14:30:00+01:00");
    in.put("t2", java.time.LocalDateTime.of(2024, 7, 1, 8, 0));
    in.put("d1", "20240305");
    CanonicalEntity e = ((MappingOutcome.Delivered) m.map(in)).entity();
    assertThat(e.fields()).containsEntry("de", new BigDecimal("1234.56")).containsEntry("fr", new BigDecimal("1234.56"))
        .containsEntry("en", new BigDecimal("1234.56")).containsEntry("b1", true).containsEntry("b2", false)
        .containsEntry("b3", true).containsEntry("t1", "2024-03-05T13:30:00Z")
        .containsEntry("t2", "2024-07-01T12:00:00Z").containsEntry("d1", "2024-03-05");
  }

  @Test
  void ambiguousNumberWithoutLocale_isRejectedNotGuessed() {
    Mapping m = Mapping.builder("c", "x").field("n", f -> f.from("n").type(ValueType.DECIMAL)).build();
    assertThat(m.map(Map.of("n", "1.234,56")).delivered()).isFalse();
    Mapping i = Mapping.builder("c", "x").field("n", f -> f.from("n").type(ValueType.INTEGER)).build();
    assertThat(i.map(Map.of("n", "2.5")).delivered()).isFalse();
  }

  @Test
  void currencyConversion_usesOnlyTheMappingsRates() {
    Mapping m = Mapping.builder("c", "x")
        .field("cur", f -> f.from("cur"))
        .field("amountEur", f -> f.from("amount").type(ValueType.DECIMAL).scale(2).currency(new CurrencyRule(
            Optional.empty(), Optional.of("cur"), "EUR", Map.of("USD", new BigDecimal("0.92")))))
        .build();
    assertThat(((MappingOutcome.Delivered) m.map(Map.of("amount", "100", "cur", "USD"))).entity().fields())
        .containsEntry("amountEur", new BigDecimal("92.00"));
    assertThat(((MappingOutcome.Delivered) m.map(Map.of("amount", "100", "cur", "EUR"))).entity().fields())
        .containsEntry("amountEur", new BigDecimal("100.00"));
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("amount", "100", "cur", "CHF"))).rejection();
    assertThat(r.violations().get(0).rule()).isEqualTo("currency");
    assertThat(r.violations().get(0).value()).isEqualTo("CHF");
  }

  @Test
  void unitFromField_andUnknownUnitIsRejected() {
    Mapping m = Mapping.builder("u", "x")
        .field("kg", f -> f.from("w").type(ValueType.DECIMAL).unit(new UnitRule(Optional.empty(), Optional.of("unit"),
            "kg", Map.of("g", new BigDecimal("0.001"), "kg", BigDecimal.ONE, "lb", new BigDecimal("0.45359237")))))
        .build();
    assertThat(((MappingOutcome.Delivered) m.map(Map.of("w", "2", "unit", "lb"))).entity().fields())
        .containsEntry("kg", new BigDecimal("0.90718474"));
    assertThat(m.map(Map.of("w", "2", "unit", "stone")).delivered()).isFalse();
  }

  @Test
  void deliveredView_skipsRejectedRecordsIntoTheSink() {
    Mapping m = Mapping.builder("m", "x").key("id").field("id", f -> f.from("id").type(ValueType.INTEGER)).build();
    List<Rejection> rejected = new java.util.ArrayList<>();
    var it = m.delivered(List.of(SourceRecord.of(Map.of("id", "1")), SourceRecord.of(Map.of("id", "x")),
        SourceRecord.of(Map.of("id", "3"))).iterator(), rejected::add);
    List<String> keys = new java.util.ArrayList<>();
    it.forEachRemaining(e -> keys.add(e.key()));
    assertThat(keys).containsExactly("1", "3");
    assertThat(rejected).extracting(Rejection::sourceKey).containsExactly("x");
  }

  @Test
  void adapterRecord_keepsProvenance() {
    Mapping m = Mapping.builder("m", "customer").field("id", f -> f.from("customer_id")).build();
    SourceRef ref = new SourceRef("erp", "customers", Map.of("customer_id", "ALFKI"), Optional.of("v7"),
        Instant.parse("2024-01-01T00:00:00Z"));
    CanonicalEntity e = ((MappingOutcome.Delivered) m.map(new AdapterRecord(ref, Map.of("customer_id", "ALFKI"))))
        .entity();
    assertThat(e.source()).contains(ref);
    assertThat(e.version()).contains("v7");
    assertThat(e.fetchedAt()).contains(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(e.key()).isEqualTo("ALFKI");
  }

  @Test
  void jsonNodeAndPojoSources_mapLikeMaps() throws Exception {
    Mapping m = Mapping.builder("m", "x").field("a", f -> f.from("a.b").type(ValueType.DECIMAL)).build();
    var node = new ObjectMapper().readTree("{\"a\":{\"b\":12.50}}");
    assertThat(((MappingOutcome.Delivered) m.map(node)).entity().fields()).containsEntry("a", new BigDecimal("12.5"));
    record Inner(BigDecimal b) {}
    record Outer(Inner a) {}
    assertThat(((MappingOutcome.Delivered) m.map(SourceRecord.ofPojo(new Outer(new Inner(new BigDecimal("3"))))))
        .entity().fields()).containsEntry("a", new BigDecimal("3"));
  }

  @Test
  void reverse_writesSourceShapeWithSourceCodesAndUnits() {
    Mapping m = Mapping.fromYaml(ORDER_YAML);
    CanonicalEntity e = ((MappingOutcome.Delivered) m.map(order())).entity();
    Map<String, Object> back = m.reverse(e);
    assertThat(back).containsEntry("ORDER_NO", 10248L).containsEntry("STAT", "03")
        .containsEntry("GEWICHT_G", new BigDecimal("1500"))
        .doesNotContainKey("total").doesNotContainKey("currency");
    assertThat(back.get("KUNDE")).isEqualTo(Map.of("NAME", "Maria Anders"));
    assertThat(((MappingOutcome.Delivered) m.map(back)).entity().fields()).isEqualTo(e.fields());
    assertThat(m.reverseCoverage().get("total")).contains("not written back");
  }

  @Test
  void invalidMappings_failAtCompileTimeNamingTheSetting(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Mapping.fromYaml("name: m\nentity: x\nfields:\n  - {target: a, form: b}\n"))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("unknown setting 'form'");
    assertThatThrownBy(() -> Mapping.fromYaml("name: m\nentity: x\nfields:\n  - {target: a, expr: '1 +'}\n"))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("field 'a'");
    assertThatThrownBy(() -> Mapping.fromYaml("name: m\nentity: x\nfields:\n  - {target: a, from: b, type: money}\n"))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("unknown type 'money'");
    assertThatThrownBy(() -> Mapping.fromYaml("name: m\nentity: x\nfields:\n  - {target: a, from: b, codeTable: t}\n"))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("code table 't'");
    assertThatThrownBy(() -> Mapping.fromJson("{not json"))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> Mapping.fromYaml("name: m\nentity: x\nschema: nowhere.json\nfields:\n  - {target: a, from: b}\n"))
        .isInstanceOf(MappingDefinitionException.class).hasMessageContaining("schema 'nowhere.json'");
    Files.writeString(dir.resolve("s.json"), "{\"type\": \"object\", \"required\": [\"a\"]}");
    Files.writeString(dir.resolve("withschema.yaml"), "name: m\nentity: x\nschema: s.json\nfields:\n  - {target: a, from: b}\n");
    Mapping relative = Mapping.load(dir.resolve("withschema.yaml"));
    assertThat(relative.map(Map.of("c", 1)).delivered()).isFalse();
    assertThat(relative.map(Map.of("b", 1)).delivered()).isTrue();
    Path file = dir.resolve("m.json");
    Files.writeString(file, "{\"name\":\"m\",\"entity\":\"x\",\"fields\":[{\"target\":\"a\",\"from\":\"b\"}]}");
    assertThat(Mapping.load(file).name()).isEqualTo("m");
  }
}
