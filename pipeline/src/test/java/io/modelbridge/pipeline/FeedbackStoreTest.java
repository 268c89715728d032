package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.pipeline.feedback.Feedback;
import io.modelbridge.pipeline.feedback.Feedback.Outcome;
import io.modelbridge.pipeline.feedback.FeedbackException;
import io.modelbridge.pipeline.feedback.FeedbackReport;
import io.modelbridge.pipeline.feedback.FeedbackStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback in a real JSON-lines file, read back by a new store, and the acceptance report per version. */
class FeedbackStoreTest {

  @TempDir Path dir;

  static Feedback fb(String version, Outcome o) {
    return new Feedback("retail", version, "recommend-accessories", "c-" + o, o, Instant.parse("2026-11-23T07:00:00Z"));
  }

  @Test
  void recordedFeedback_survivesReopenAndIsReportedPerVersion() {
    Path file = dir.resolve("feedback.jsonl");
    FeedbackStore store = FeedbackStore.file(file);
    store.record(fb("1.0.0", Outcome.ACCEPTED));
    store.record(fb("1.0.0", Outcome.REJECTED));
    store.record(fb("1.1.0", Outcome.ACCEPTED));
    store.record(fb("1.1.0", Outcome.ACCEPTED));
    store.record(fb("1.1.0", Outcome.EDITED));

    FeedbackStore reopened = FeedbackStore.file(file);
    assertThat(reopened.all()).hasSize(5).first().isEqualTo(fb("1.0.0", Outcome.ACCEPTED));
    FeedbackReport report = reopened.report();
    assertThat(report.rows()).extracting(FeedbackReport.Row::packVersion).containsExactly("1.0.0", "1.1.0");
    assertThat(report.rows().get(0).acceptance()).isEqualTo(0.5);
    assertThat(report.rows().get(1).edited()).isEqualTo(1);
    assertThat(report.describe()).contains("retail").contains("67%").contains("50%");
  }

  @Test
  void missingFile_isEmpty_andACorruptLine_isNamed() throws Exception {
    Path file = dir.resolve("f.jsonl");
    assertThat(FeedbackStore.file(file).all()).isEmpty();
    Files.writeString(file, "{\"packId\":\"x\"}\n");
    assertThatThrownBy(() -> FeedbackStore.file(file).all()).isInstanceOf(FeedbackException.class)
        .hasMessageContaining("line 1");
  }
}
