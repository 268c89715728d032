package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class MappingProperties {

  static final Mapping ORDERS = Mapping.fromYaml(MappingTest.ORDER_YAML);

  static final Mapping REVERSIBLE = Mapping.builder("rev", "product").key("id")
      .field("id", f -> f.from("ID").type(ValueType.INTEGER).required())
      .field("name", f -> f.from("NAME"))
      .field("status", f -> f.from("ST").codes(Map.of("A", "ACTIVE", "D", "DISCONTINUED")))
      .field("price", f -> f.from("PRICE").type(ValueType.DECIMAL).locale("de"))
      .field("weightKg", f -> f.from("W_G").type(ValueType.DECIMAL).unit(new UnitRule(Optional.of("g"),
          Optional.empty(), "kg", Map.of("g", new BigDecimal("0.001")))))
      .field("available", f -> f.from("AVAIL").type(ValueType.BOOLEAN))
      .field("since", f -> f.from("SINCE").type(ValueType.DATE).formats("dd.MM.yyyy"))
      .field("updated", f -> f.from("UPD").type(ValueType.DATETIME).zone("Europe/Paris"))
      .field("tags[*].code", f -> f.from("TAGS[*].C"))
      .rule(Rule.of("price-positive", "price >= 0"))
      .build();

  @Property(tries = 500)
  void arbitraryRecords_neverThrowAndCountsAddUp(@ForAll @Size(max = 20) List<@net.jqwik.api.From("records") Map<String, Object>> records) {
    List<SourceRecord> in = new ArrayList<>();
    records.forEach(r -> in.add(SourceRecord.of(r)));
    BatchResult result = ORDERS.mapAll(in);
    assertThat(result.counts().in()).isEqualTo(records.size());
    assertThat(result.delivered().size() + result.rejected().size()).isEqualTo(records.size());
    for (Rejection r : result.rejected()) {
      assertThat(r.violations()).isNotEmpty();
      // every bad input is anticipated by a coercion: none falls through to the internal safety net
      assertThat(r.violations()).extracting(Violation::rule).doesNotContain("internal");
      // the personal customer name never appears in a reason
      r.violations().forEach(v -> {
        if (v.path().startsWith("customer.name")) {
          assertThat(v.value()).isIn("", "***");
        }
        assertThat(v.value().length()).isLessThan(120);
      });
    }
    List<CanonicalEntity> streamed = new ArrayList<>();
    List<Rejection> dead = new ArrayList<>();
    Counts counts = ORDERS.mapStream(in.iterator(), streamed::add, dead::add);
    assertThat(counts).isEqualTo(result.counts());
  }

  @Property(tries = 300)
  void jsonTreeSources_giveTheSameOutcomesAsMaps(@ForAll("records") Map<String, Object> record) {
    com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(record);
    MappingOutcome fromMap = ORDERS.map(record);
    MappingOutcome fromTree = ORDERS.map(tree);
    assertThat(fromTree.delivered()).isEqualTo(fromMap.delivered());
    if (fromMap instanceof MappingOutcome.Delivered) {
      assertThat(((MappingOutcome.Delivered) fromTree).entity().fields())
          .isEqualTo(((MappingOutcome.Delivered) fromMap).entity().fields());
    } else {
      assertThat(((MappingOutcome.Rejected) fromTree).rejection().violations()).extracting(Violation::rule)
          .doesNotContain("internal");
    }
  }

  @Provide
  Arbitrary<Map<String, Object>> records() {
    Arbitrary<Object> anyValue = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
        Arbitraries.strings().all().ofMinLength(1000).ofMaxLength(5000).map(s -> (Object) s),
        Arbitraries.of("03", "01", "1.234,56", "05.03.2024 14:30", "07.03.2024", "Y", "oui", "\u0000", "\uD83D\uDE00",
            "e\u0301", "-0", "NaN", "1e400", " ").map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY).map(d -> (Object) d),
        Arbitraries.bigDecimals().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just((Object) List.of(Map.of("MENGE", "x"), "notamap")),
        Arbitraries.just((Object) Map.of("NAME", 42)),
        Arbitraries.just((Object) List.of()));
    Arbitrary<String> names = Arbitraries.of("ORDER_NO", "KUNDE", "STAT", "DATUM", "LIEFERDATUM", "EXPRESS",
        "GEWICHT_G", "POS", "other", "\u00e9\u00e8");
    return Arbitraries.maps(names, anyValue).ofMaxSize(10).map(m -> new LinkedHashMap<>(m));
  }

  @Property(tries = 500)
  void mapThenReverseThenMap_roundTrips(@ForAll("products") Map<String, Object> source) {
    MappingOutcome first = REVERSIBLE.map(source);
    assertThat(first).isInstanceOf(MappingOutcome.Delivered.class);
    CanonicalEntity e = ((MappingOutcome.Delivered) first).entity();
    Map<String, Object> back = REVERSIBLE.reverse(e);
    MappingOutcome second = REVERSIBLE.map(back);
    assertThat(second).isInstanceOf(MappingOutcome.Delivered.class);
    assertThat(((MappingOutcome.Delivered) second).entity().fields()).isEqualTo(e.fields());
  }

  @Provide
  Arbitrary<Map<String, Object>> products() {
    Arbitrary<Long> ids = Arbitraries.longs().between(1, 1_000_000);
    Arbitrary<String> names = Arbitraries.strings().ofMaxLength(40).filter(s -> !s.isBlank());
    Arbitrary<String> status = Arbitraries.of("A", "D");
    Arbitrary<String> prices = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000000"))
        .ofScale(2).map(d -> d.toPlainString().replace('.', ','));
    Arbitrary<Integer> grams = Arbitraries.integers().between(0, 100_000);
    Arbitrary<String> bools = Arbitraries.of("Y", "N", "ja", "nein", "1", "0", "true");
    Arbitrary<String> dates = Arbitraries.integers().between(0, 20000)
        .map(d -> java.time.LocalDate.ofEpochDay(d).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")));
    Arbitrary<String> times = Arbitraries.longs().between(0, 4_000_000_000L)
        .map(s -> java.time.LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC).toString());
    Arbitrary<List<Map<String, Object>>> tags = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5)
        .map(c -> (Map<String, Object>) Map.<String, Object>of("C", c)).list().ofMaxSize(4);
    return Combinators.combine(ids, names, status, prices, grams, bools, dates, times)
        .as((id, n, st, p, g, b, d, t) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ID", id);
          m.put("NAME", n);
          m.put("ST", st);
          m.put("PRICE", p);
          m.put("W_G", g);
          m.put("AVAIL", b);
          m.put("SINCE", d);
          m.put("UPD", t);
          return m;
        }).flatMap(m -> tags.map(tg -> {
          Map<String, Object> copy = new LinkedHashMap<>(m);
          copy.put("TAGS", tg);
          return copy;
        }));
  }
}
