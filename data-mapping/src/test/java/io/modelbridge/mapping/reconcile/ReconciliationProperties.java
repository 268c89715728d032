package io.modelbridge.mapping.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.mapping.CanonicalEntity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReconciliationProperties {

  @Property(tries = 200)
  void reconcilingASetWithItself_reportsNothing(@ForAll("sets") TreeMap<String, Map<String, Object>> set) {
    List<CanonicalEntity> a = entities(set);
    List<Difference> diffs = new ArrayList<>();
    ReconciliationReport r = Reconciler.builder().build().reconcileSorted(a.iterator(), entities(set).iterator(), diffs::add);
    assertThat(diffs).isEmpty();
    assertThat(r.consistent()).isTrue();
    assertThat(r.matched()).isEqualTo(set.size());
  }

  @Property(tries = 200)
  void reconcilingWithAMutatedCopy_reportsExactlyTheMutations(
      @ForAll("sets") TreeMap<String, Map<String, Object>> set, @ForAll("seeds") long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    TreeMap<String, Map<String, Object>> copy = new TreeMap<>();
    set.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
    Set<Difference> expected = new HashSet<>();
    for (String k : new ArrayList<>(set.keySet())) {
      int action = rnd.nextInt(6);
      if (action == 0) {
        copy.remove(k);
        expected.add(new Difference.MissingRight(k));
      } else if (action == 1) {
        copy.get(k).put("amount", ((BigDecimal) set.get(k).get("amount")).add(BigDecimal.ONE));
        expected.add(new Difference.FieldMismatch(k, "amount", ((BigDecimal) set.get(k).get("amount")).toPlainString(),
            ((BigDecimal) set.get(k).get("amount")).add(BigDecimal.ONE).toPlainString()));
      } else if (action == 2) {
        copy.get(k).remove("name");
        expected.add(new Difference.FieldMismatch(k, "name",
            io.modelbridge.adapters.spi.Masking.show(set.get(k).get("name"), false), "absent"));
      }
    }
    int added = rnd.nextInt(3);
    for (int i = 0; i < added; i++) {
      String k = "new-" + i;
      copy.put(k, Map.of("name", "n"));
      expected.add(new Difference.MissingLeft(k));
    }
    List<Difference> diffs = new ArrayList<>();
    // small runs so that most tries spill to temp files and exercise the external merge
    List<CanonicalEntity> left = entities(set);
    List<CanonicalEntity> right = entities(copy);
    java.util.Collections.shuffle(left, rnd);
    java.util.Collections.shuffle(right, rnd);
    Reconciler.builder().runSize(1 + rnd.nextInt(8)).build().reconcile(left.iterator(), right.iterator(), diffs::add);
    assertThat(diffs).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<CanonicalEntity> entities(TreeMap<String, Map<String, Object>> set) {
    List<CanonicalEntity> out = new ArrayList<>();
    set.forEach((k, v) -> out.add(new CanonicalEntity("x", k, v, Optional.empty())));
    return out;
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<TreeMap<String, Map<String, Object>>> sets() {
    Arbitrary<Map<String, Object>> values = net.jqwik.api.Combinators.combine(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000")).ofScale(2))
        .as((name, amount) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          m.put("amount", amount);
          return m;
        });
    return Arbitraries.maps(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8), values)
        .ofMaxSize(40).map(TreeMap::new);
  }
}
