package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FieldPathProperties {

  /** Any name the syntax can write: letters of any script, digits, symbols, spaces; no '.', '[', ']'. */
  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8)
        .filter(s -> s.indexOf('.') < 0 && s.indexOf('[') < 0 && s.indexOf(']') < 0);
  }

  /** Paths of 1 to 6 segments: names, indices and [*], starting with a name. */
  @Provide
  Arbitrary<FieldPath> paths() {
    Arbitrary<Object> step = Arbitraries.oneOf(names().map(n -> (Object) n),
        Arbitraries.integers().between(0, 1_000_000).map(i -> (Object) i), Arbitraries.just((Object) "*"));
    return Combinators.combine(names(), step.list().ofMaxSize(5)).as((first, rest) -> {
      FieldPath p = FieldPath.of(first);
      for (Object s : rest) {
        if (s instanceof Integer i) {
          p = p.element(i);
        } else if ("*".equals(s)) {
          p = p.anyElement();
        } else {
          p = p.child((String) s);
        }
      }
      return p;
    });
  }

  @Property(tries = 500)
  void parseOfToString_isThePath(@ForAll("paths") FieldPath p) {
    assertThat(FieldPath.parse(p.toString())).isEqualTo(p);
    assertThat(FieldPath.parse(p.toString()).hashCode()).isEqualTo(p.hashCode());
  }

  /** The concrete path of a value: every [*] replaced by some index. */
  private static FieldPath concrete(FieldPath pattern, int seed) {
    FieldPath out = FieldPath.root();
    for (int i = 0; i < pattern.depth(); i++) {
      Object s = pattern.segment(i);
      if (pattern.isWildcard(i)) {
        out = out.element(Math.floorMod(seed * 31 + i, 100));
      } else if (s instanceof Integer idx) {
        out = out.element(idx);
      } else {
        out = out.child((String) s);
      }
    }
    return out;
  }

  @Property(tries = 500)
  void aPatternMatchesEveryConcretePathOfIt_andCoversWhatLiesBelow(@ForAll("paths") FieldPath pattern,
      @ForAll int seed, @ForAll("names") String below) {
    FieldPath c = concrete(pattern, seed);
    assertThat(pattern.matches(c)).isTrue();
    assertThat(pattern.covers(c)).isTrue();
    assertThat(pattern.covers(c.child(below))).isTrue();
    assertThat(pattern.matches(c.child(below))).isFalse();
    assertThat(c.child(below).covers(c)).isFalse();
  }

  @Property(tries = 500)
  void matching_isConsistent(@ForAll("paths") FieldPath a, @ForAll("paths") FieldPath b) {
    // matches is covers at equal depth; a concrete path matches a pattern only if it has no [*]
    assertThat(a.matches(b)).isEqualTo(a.covers(b) && a.depth() == b.depth());
    if (a.matches(b) && b.matches(a)) {
      assertThat(a).isEqualTo(b);
    }
    if (!b.hasWildcard() && a.equals(b)) {
      assertThat(a.matches(b)).isTrue();
    }
    if (b.hasWildcard() && !a.hasWildcard()) {
      assertThat(a.matches(b)).isFalse();
    }
    assertThat(a.matches(b)).isEqualTo(FieldPath.parse(a.toString()).matches(FieldPath.parse(b.toString())));
  }

  @Test
  void syntax_examples() {
    assertThat(FieldPath.parse("lines[*].sku").matches(FieldPath.parse("lines[3].sku"))).isTrue();
    assertThat(FieldPath.parse("lines[*].sku").matches(FieldPath.parse("lines[3].qty"))).isFalse();
    assertThat(FieldPath.parse("lines[0].sku").matches(FieldPath.parse("lines[1].sku"))).isFalse();
    assertThat(FieldPath.parse("address").covers(FieldPath.parse("address.street"))).isTrue();
    assertThat(FieldPath.parse("address").covers(FieldPath.parse("addressLine"))).isFalse();
    assertThat(FieldPath.parse("first name").name()).isEqualTo("first name");
    assertThat(FieldPath.parse("orders[*].address.street").toString()).isEqualTo("orders[*].address.street");
    assertThat(FieldPath.parse("street").under(FieldPath.parse("orders[*].address")))
        .isEqualTo(FieldPath.parse("orders[*].address.street"));
  }

  @Test
  void malformedPaths_areRefusedWithThePosition() {
    for (String bad : List.of("", ".a", "a.", "a..b", "[0]", "a[", "a[x]", "a[-1]", "a[01]", "a]", "a[0]b",
        "a.[0]")) {
      assertThatThrownBy(() -> FieldPath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("field path");
    }
  }
}
