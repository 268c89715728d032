package io.modelbridge.security.pii.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelbridge.security.pii.PiiScanner;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer on a tiny hand-made file whose counts were worked out by hand, with a scanner made only of two
 * pattern recognizers (so the built-in recognizers cannot move the expected numbers).
 *
 * <p>{@code pii/eval/tiny.jsonl}, with the scanner below (EMAIL = {@code \w+@\w+\.test}, PHONE =
 * {@code N\d+}):
 * <pre>
 * a en  labels EMAIL 5..15, EMAIL 19..29      found EMAIL 5..15, EMAIL 19..29   -> EMAIL tp 2
 * b en  label  PHONE 6..11 ("12345")          found PHONE 5..11 ("N12345"), PHONE 20..24
 *                                              exact: PHONE fp 2, fn 1; overlap: PHONE tp 1, fp 1
 * c fr  no label                              found PHONE 9..12                 -> PHONE fp 1
 * d fr  labels CARD 4..9, EMAIL 14..20        found PHONE 4..9, EMAIL 13..23
 *                                              exact: CARD fn 1, PHONE fp 1, EMAIL fp 1 fn 1
 *                                              overlap: CARD fn 1, PHONE fp 1, EMAIL tp 1
 * </pre>
 */
class PiiEvaluationTest {

  private static final PiiScanner TOY = PiiScanner.builder().withoutBuiltIns()
      .add(Recognizer.pattern(PiiType.EMAIL, Pattern.compile("\\w+@\\w+\\.test"), s -> true, 0.9))
      .add(Recognizer.pattern(PiiType.PHONE, Pattern.compile("N\\d+"), s -> true, 0.8))
      .build();

  @TempDir Path dir;

  private static Path tiny() throws URISyntaxException {
    return Path.of(PiiEvaluationTest.class.getResource("/pii/eval/tiny.jsonl").toURI());
  }

  @Test
  void tinyFile_exactCountsAreTheHandWorkedOnes() throws Exception {
    EvaluationReport r = PiiEvaluation.of(TOY).evaluate(tiny());
    assertThat(r.texts()).isEqualTo(4);
    assertThat(r.labels()).isEqualTo(5);
    assertThat(r.byType(SpanMatch.EXACT)).containsExactly(
        entry("CARD", new Score(0, 0, 1)),
        entry("EMAIL", new Score(2, 1, 1)),
        entry("PHONE", new Score(0, 4, 1)));
    assertThat(r.byLanguage(SpanMatch.EXACT)).containsExactly(
        java.util.Map.entry("en", new Score(2, 2, 1)),
        java.util.Map.entry("fr", new Score(0, 3, 2)));
    Score all = r.overall(SpanMatch.EXACT);
    assertThat(all).isEqualTo(new Score(2, 5, 3));
    assertThat(all.precision()).isCloseTo(2 / 7.0, within(1e-12));
    assertThat(all.recall()).isCloseTo(2 / 5.0, within(1e-12));
    assertThat(all.f1()).isCloseTo(2 * (2 / 7.0) * (2 / 5.0) / (2 / 7.0 + 2 / 5.0), within(1e-12));
  }

  @Test
  void tinyFile_overlapCountsAValueFoundWithWrongBoundariesOnce() throws Exception {
    EvaluationReport r = PiiEvaluation.of(TOY).evaluate(tiny());
    assertThat(r.byType(SpanMatch.OVERLAP)).containsExactly(
        entry("CARD", new Score(0, 0, 1)),
        entry("EMAIL", new Score(3, 0, 0)),
        entry("PHONE", new Score(1, 3, 0)));
    assertThat(r.overall(SpanMatch.OVERLAP)).isEqualTo(new Score(4, 3, 1));
    assertThat(r.score(SpanMatch.OVERLAP, "fr", PiiType.of("CARD"))).isEqualTo(new Score(0, 0, 1));
    assertThat(r.score(SpanMatch.OVERLAP, "de", PiiType.EMAIL)).isEqualTo(Score.EMPTY);
  }

  @Test
  void wrongType_countsAsFalsePositiveOfTheFoundTypeAndFalseNegativeOfTheLabel() throws Exception {
    EvaluationReport r = PiiEvaluation.of(TOY).evaluate(tiny());
    List<String> d = r.mismatches(SpanMatch.OVERLAP).stream().filter(m -> m.textId().equals("d"))
        .map(m -> m.kind() + " " + m.span() + " " + m.overlapping().map(Label::toString).orElse("-")).toList();
    assertThat(d).containsExactly("FALSE_NEGATIVE CARD 4..9 PHONE 4..9", "FALSE_POSITIVE PHONE 4..9 CARD 4..9");
  }

  @Test
  void mismatch_toStringMasksTheValue() throws Exception {
    EvaluationReport r = PiiEvaluation.of(TOY).evaluate(tiny());
    Mismatch m = r.mismatches(SpanMatch.EXACT).stream().filter(x -> x.textId().equals("b")
        && x.kind() == Mismatch.Kind.FALSE_NEGATIVE).findFirst().orElseThrow();
    assertThat(m.value()).isEqualTo("12345");
    assertThat(m.toString()).doesNotContain("12345").contains("PHONE 6..11").contains("in b");
    assertThat(r.toString()).doesNotContain("ann@");
  }

  @Test
  void table_hasARowPerTypePerLanguageAndTheTotal() throws Exception {
    String table = PiiEvaluation.of(TOY).evaluate(tiny()).table();
    assertThat(table.lines()).hasSize(2 + 3 + 2 + 1);
    assertThat(table).contains("| EMAIL | 3 | 3 | 0.667 | 0.667 | 0.667 | 1.000 | 1.000 | 1.000 |")
        .contains("| language fr | 2 | 3 | 0.000 | 0.000 | 0.000 |")
        .contains("| **all** | 5 | 7 | 0.286 | 0.400 |");
  }

  @Test
  void score_emptySlicesFollowTheDocumentedConventions() {
    assertThat(Score.EMPTY.precision()).isEqualTo(1.0);
    assertThat(Score.EMPTY.recall()).isEqualTo(1.0);
    assertThat(new Score(0, 3, 0).recall()).isEqualTo(1.0);
    assertThat(new Score(0, 3, 0).precision()).isZero();
    assertThat(new Score(0, 3, 2).f1()).isZero();
    assertThatThrownBy(() -> new Score(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tp=-1");
  }

  @Test
  void labelsAreMatchedOneToOne_aFindingCoveringTwoLabelsCountsOnce() {
    LabelledText t = new LabelledText("x", "en", "N1 N2", List.of(new Label(PiiType.PHONE, 0, 2),
        new Label(PiiType.PHONE, 3, 5)));
    PiiScanner wide = PiiScanner.builder().withoutBuiltIns()
        .add(Recognizer.pattern(PiiType.PHONE, Pattern.compile("N1 N2"), s -> true, 0.8)).build();
    EvaluationReport r = PiiEvaluation.of(wide).evaluate(List.of(t));
    assertThat(r.overall(SpanMatch.OVERLAP)).isEqualTo(new Score(1, 0, 1));
    assertThat(r.overall(SpanMatch.EXACT)).isEqualTo(new Score(0, 1, 2));
  }

  @Test
  void read_keepsIdLanguageAndDefaults() throws IOException {
    List<LabelledText> texts = new ArrayList<>();
    PiiEvaluation.read(new StringReader("\uFEFF{\"text\":\"abc\",\"entities\":[{\"type\":\"X\",\"start\":1,\"end\":2}]}\n"
        + "{\"id\":7,\"lang\":\"zh\",\"text\":\"\",\"entities\":[]}"), "mem", texts::add);
    assertThat(texts).hasSize(2);
    assertThat(texts.get(0).id()).isEqualTo("line 1");
    assertThat(texts.get(0).language()).isEqualTo("und");
    assertThat(texts.get(0).labels()).containsExactly(new Label(PiiType.of("X"), 1, 2));
    assertThat(texts.get(1).id()).isEqualTo("7");
    assertThat(texts.get(1).language()).isEqualTo("zh");
  }

  @Test
  void read_valueOffByOneCodeUnit_namesTheLineAndNotTheValue() {
    // offsets counted in code points put the value one unit early after an emoji (two UTF-16 units)
    String line = "{\"text\":\"\uD83D\uDCDE 0612345678\",\"entities\":[{\"type\":\"PHONE\",\"start\":2,\"end\":12,"
        + "\"value\":\"0612345678\"}]}";
    assertThatThrownBy(() -> read("{\"text\":\"ok\",\"entities\":[]}\n" + line))
        .isInstanceOf(InvalidLabelsException.class)
        .hasMessageContaining("mem line 2 entity 0")
        .hasMessageContaining("UTF-16")
        .hasMessageNotContaining("0612345678")
        .satisfies(e -> assertThat(((InvalidLabelsException) e).line()).isEqualTo(2));
  }

  @Test
  void read_badLinesAreRefusedWithWhatToFix() {
    assertThatThrownBy(() -> read("{\"text\":\"secret 06\",")).isInstanceOf(InvalidLabelsException.class)
        .hasMessageContaining("mem line 1: not one well-formed JSON object").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> read("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> read("{\"text\":\"a\"}")).hasMessageContaining("\"entities\" must be an array");
    assertThatThrownBy(() -> read("{\"entities\":[]}")).hasMessageContaining("\"text\" must be a string");
    assertThatThrownBy(() -> read("{\"text\":\"abc\",\"entities\":[{\"type\":\"phone\",\"start\":0,\"end\":1}]}"))
        .hasMessageContaining("PII type name");
    assertThatThrownBy(() -> read("{\"text\":\"abc\",\"entities\":[{\"type\":\"PHONE\",\"start\":0,\"end\":4}]}"))
        .hasMessageContaining("ends beyond the text (length 3)");
    assertThatThrownBy(() -> read("{\"text\":\"abc\",\"entities\":[{\"type\":\"PHONE\",\"start\":2,\"end\":1}]}"))
        .hasMessageContaining("non-empty");
    assertThatThrownBy(() -> read("{\"text\":\"abc\",\"entities\":[{\"type\":\"PHONE\",\"start\":0.5,\"end\":1}]}"))
        .hasMessageContaining("must be integers");
    assertThatThrownBy(() -> read("{\"text\":\"abcd\",\"entities\":[{\"type\":\"PHONE\",\"start\":0,\"end\":3},"
        + "{\"type\":\"EMAIL\",\"start\":2,\"end\":4}]}")).hasMessageContaining("overlap");
    assertThatThrownBy(() -> read("{\"text\":\"a\",\"text\":\"b\",\"entities\":[]}"))
        .hasMessageContaining("not one well-formed JSON object");
  }

  @Test
  void evaluate_missingFileIsAnIoError() {
    assertThatThrownBy(() -> PiiEvaluation.of(TOY).evaluate(dir.resolve("absent.jsonl")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void evaluate_fileAndListGiveTheSameReport() throws Exception {
    Path f = dir.resolve("copy.jsonl");
    Files.copy(tiny(), f);
    EvaluationReport fromFile = PiiEvaluation.of(TOY).evaluate(f);
    EvaluationReport fromList = PiiEvaluation.of(TOY).evaluate(PiiEvaluation.read(f));
    assertThat(fromList.table()).isEqualTo(fromFile.table());
    assertThat(Files.readString(f, StandardCharsets.UTF_8)).contains("ann@x.test");
  }

  private static void read(String content) throws IOException {
    PiiEvaluation.read(new StringReader(content), "mem", t -> { });
  }

  private static java.util.Map.Entry<PiiType, Score> entry(String type, Score s) {
    return java.util.Map.entry(PiiType.of(type), s);
  }
}
