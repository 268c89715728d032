package io.modelbridge.mapping.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.mapping.ExpressionException;
import java.math.BigDecimal;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

class ExpressionProperties {

  @Property(tries = 2000)
  void parse_neverThrowsAnythingButExpressionException(@ForAll("junk") String text) {
    try {
      Expr e = ExprParser.parse(text);
      try {
        e.eval(Map.of("a", 1, "b", "x", "c", java.util.List.of(1, 2)));
      } catch (ExpressionException ok) {
        // evaluation errors are reported as such
      }
    } catch (ExpressionException ok) {
      assertThat(ok.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> junk() {
    StringArbitrary tokens = Arbitraries.strings().withChars("()+-*/%<>=!&|,.'\"[]*abcxyz019 _$")
        .ofMaxLength(60);
    return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(40),
        Arbitraries.integers().between(1, 300).map(n -> "(".repeat(n) + "1" + ")".repeat(n)),
        Arbitraries.integers().between(1, 300).map(n -> "not ".repeat(n) + "true"),
        Arbitraries.integers().between(1, 300).map(n -> "-".repeat(n) + "1"));
  }

  @Property(tries = 1000)
  void printThenParse_isAFixedPoint(@ForAll("expressions") String text) {
    Expr e = ExprParser.parse(text);
    String printed = Expr.text(e);
    assertThat(Expr.text(ExprParser.parse(printed))).isEqualTo(printed);
    Map<String, Object> root = Map.of("a", 3, "b", "7.5", "s", "Hi", "flag", true);
    Object direct = evalOrError(e, root);
    Object reparsed = evalOrError(ExprParser.parse(printed), root);
    assertThat(String.valueOf(reparsed)).isEqualTo(String.valueOf(direct));
  }

  private static Object evalOrError(Expr e, Object root) {
    try {
      Object v = e.eval(root);
      return v instanceof BigDecimal ? ((BigDecimal) v).stripTrailingZeros().toPlainString() : v;
    } catch (ExpressionException ex) {
      return "error";
    }
  }

  @Provide
  Arbitrary<String> expressions() {
    return expr(4);
  }

  private Arbitrary<String> expr(int depth) {
    Arbitrary<String> leaf = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 1000).map(String::valueOf),
        Arbitraries.of("a", "b", "s", "flag", "missing", "true", "false", "null", "'x\\'y'", "2.50"));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> expr(depth - 1));
    return Arbitraries.oneOf(leaf,
        net.jqwik.api.Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "==", "!=", "<", ">=", "and", "or"), sub)
            .as((l, op, r) -> "(" + l + " " + op + " " + r + ")"),
        sub.map(s -> "(not " + s + ")"),
        sub.map(s -> "-" + s),
        net.jqwik.api.Combinators.combine(Arbitraries.of("round", "coalesce", "concat", "upper", "abs"), sub)
            .as((f, a) -> f + "(" + a + ")"));
  }

  @Example
  void precedenceAndThreeValuedLogic() {
    assertThat(ExprParser.parse("1 + 2 * 3").eval(Map.of())).isEqualTo(new BigDecimal("7"));
    assertThat(ExprParser.parse("discount <= 0.3 * price").eval(Map.of("discount", new BigDecimal("0.4"), "price", 1)))
        .isEqualTo(false);
    assertThat(ExprParser.parse("discount <= 0.3 * price").eval(Map.of("discount", 0.2, "price", 1)))
        .isEqualTo(true);
    assertThat(ExprParser.parse("missing > 1").eval(Map.of())).isNull();
    assertThat(ExprParser.parse("false and missing > 1").eval(Map.of())).isEqualTo(false);
    assertThat(ExprParser.parse("true or missing > 1").eval(Map.of())).isEqualTo(true);
    assertThat(ExprParser.parse("concat(upper('a'), lower(\"B\"), 1)").eval(Map.of())).isEqualTo("Ab1");
    assertThat(ExprParser.parse("coalesce(x, y, 'z')").eval(Map.of("y", "Y"))).isEqualTo("Y");
    assertThat(ExprParser.parse("sum(l[*].q) == 3").eval(Map.of("l", java.util.List.of(Map.of("q", 1), Map.of("q", 2)))))
        .isEqualTo(true);
    assertThat(ExprParser.parse("qty*price").eval(Map.of("qty", 2, "price", 3))).isEqualTo(new BigDecimal("6"));
  }
}
