package io.modelbridge.security.pii.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.pii.PiiScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation snippet of docs/security-pii.md, compiled and run. */
class EvaluationDocSnippetTest {

  @Test
  void docSnippet_scoresAUsersOwnLabelledFile(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("labels.jsonl");
    Files.writeString(labels, "{\"id\":\"t1\",\"lang\":\"en\",\"text\":\"Call (415) 555-0164 today\",\"entities\":"
        + "[{\"type\":\"PHONE\",\"start\":5,\"end\":19,\"value\":\"(415) 555-0164\"}]}\n", StandardCharsets.UTF_8);
    // --- snippet start ---
    EvaluationReport report = PiiEvaluation.of(PiiScanner.defaults()).evaluate(labels);
    System.out.print(report.table());
    Score phones = report.byType(SpanMatch.EXACT).get(io.modelbridge.security.pii.PiiType.PHONE);
    for (Mismatch m : report.mismatches(SpanMatch.EXACT)) {
      System.out.println(m); // values masked
    }
    // --- snippet end ---
    assertThat(phones.labelled()).isEqualTo(1);
    assertThat(report.texts()).isEqualTo(1);
  }
}
