package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.pii.eval.EvaluationReport;
import io.modelbridge.security.pii.eval.Label;
import io.modelbridge.security.pii.eval.LabelledText;
import io.modelbridge.security.pii.eval.PiiEvaluation;
import io.modelbridge.security.pii.eval.Score;
import io.modelbridge.security.pii.eval.SpanMatch;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scorer from outside its package (public API only), on text of every kind a string allows: lone
 * surrogates, controls, CJK, full-width forms, digit soup with separators.
 */
class PiiEvaluationProperties {

  private static final PiiEvaluation EVAL = PiiEvaluation.of(PiiScanner.defaults());

  @Property(tries = 300)
  void labelsEqualToTheScannersOwnFindings_scorePerfectlyUnderBothMatchings(@ForAll("hostile") String text) {
    List<Label> own = new ArrayList<>();
    for (Finding f : PiiScanner.defaults().scan(text)) {
      own.add(new Label(f.type(), f.start(), f.end()));
    }
    EvaluationReport r = EVAL.evaluate(List.of(new LabelledText("p", "und", text, own)));
    for (SpanMatch m : SpanMatch.values()) {
      assertThat(r.overall(m)).isEqualTo(new Score(own.size(), 0, 0));
      assertThat(r.mismatches(m)).isEmpty();
    }
  }

  @Property(tries = 300)
  void anyLabels_countsAddUpAndOverlapIsNeverStricter(@ForAll("labelled") LabelledText t) {
    EvaluationReport r = EVAL.evaluate(List.of(t));
    int found = PiiScanner.defaults().scan(t.text()).size();
    Score exact = r.overall(SpanMatch.EXACT);
    Score overlap = r.overall(SpanMatch.OVERLAP);
    for (Score s : List.of(exact, overlap)) {
      assertThat(s.labelled()).isEqualTo(t.labels().size());
      assertThat(s.found()).isEqualTo(found);
      assertThat(s.precision()).isBetween(0.0, 1.0);
      assertThat(s.recall()).isBetween(0.0, 1.0);
    }
    assertThat(overlap.truePositives()).isGreaterThanOrEqualTo(exact.truePositives());
    assertThat(r.mismatches(SpanMatch.EXACT)).hasSize(exact.falsePositives() + exact.falseNegatives());
    assertThat(r.byType(SpanMatch.EXACT).values().stream().reduce(Score.EMPTY, Score::plus)).isEqualTo(exact);
    assertThat(r.byLanguage(SpanMatch.OVERLAP).values().stream().reduce(Score.EMPTY, Score::plus))
        .isEqualTo(overlap);
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withChars("0123456789 +-.()/:@").ofMaxLength(24),
        Arbitraries.of("+49 (0)171 2345678", "((415) 555-0164)", "请联系13812345678谢谢", "１３８１２３４５６７８",
            "jane.doe@example.com", "4111 1111 1111 1111", "2001:db8::5a74。", "IP：50.234.19.164", "\uD800",
            "\uDC00x", "\u0000", "DE89 3704 0044 0532 0130 00", "11010519491231002X", "2023-06-26 13:45"));
    return pieces.list().ofMaxSize(6).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<LabelledText> labelled() {
    return hostile().filter(s -> !s.isEmpty()).flatMap(text -> {
      Arbitrary<Integer> cut = Arbitraries.integers().between(0, text.length());
      Arbitrary<PiiType> type = Arbitraries.of(PiiType.PHONE, PiiType.EMAIL, PiiType.IBAN, PiiType.of("OTHER"));
      return Combinators.combine(cut.list().ofMaxSize(8), type.list().ofSize(8)).as((cuts, types) -> {
        // sorted distinct cut points, paired up, give non-overlapping non-empty spans
        List<Integer> points = cuts.stream().distinct().sorted().toList();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i += 2) {
          labels.add(new Label(types.get(i / 2), points.get(i), points.get(i + 1)));
        }
        return new LabelledText("p", "und", text, labels);
      });
    });
  }
}
