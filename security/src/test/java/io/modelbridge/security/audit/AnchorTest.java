package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorTest {

  @TempDir Path dir;

  private List<Anchor> writeWithAnchors(Path file, int events) {
    List<Anchor> anchors = new ArrayList<>();
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).checkpointEvery(4)
        .onCheckpoint(anchors::add).build()) {
      for (int i = 0; i < events; i++) {
        log.append(AuditTestLogs.event(i)).join();
      }
    }
    return anchors;
  }

  @Test
  void tailCutThenReopened_isCaughtByTheExternalAnchorEvenWithoutTheAnchorFile() throws Exception {
    Path file = dir.resolve("a.log");
    List<Anchor> anchors = writeWithAnchors(file, 12);
    Anchor last = anchors.get(anchors.size() - 1);
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).lastGood()).contains(last);

    List<String> lines = AuditTestLogs.lines(file);
    AuditTestLogs.writeLines(file, lines.subList(0, 6)); // cut, then the application reopens and closes
    java.nio.file.Files.delete(AnchorStore.besideLog(file)); // and the anchor file is gone too
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build()) {
      log.append(AuditTestLogs.event(99));
    }
    java.nio.file.Files.delete(AnchorStore.besideLog(file));
    VerificationReport alone = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(alone.intact()).isTrue();
    assertThat(alone.anchored()).isFalse();
    assertThat(alone.proves()).startsWith("prefix integrity only").contains("a cut at a checkpoint cannot be detected");
    assertThat(alone.recoveryCount()).isEqualTo(1);
    VerificationReport withAnchor = AuditVerifier.verify(file, AuditTestLogs.HMAC, Optional.of(last));
    // the reopened log reuses seq numbers after the cut, so the anchor's seq holds another entry now
    assertThat(withAnchor.finding().orElseThrow().kind()).isEqualTo(Tampering.TRUNCATED);
  }

  @Test
  void rewriteByAKeyHolder_isCaughtByTheExternalAnchor() {
    Path file = dir.resolve("b.log");
    Anchor first = writeWithAnchors(file, 8).get(0);
    // same key, same length, other content: every hash and signature is valid again
    try (AuditLog log = AuditLog.builder(AuditStore.file(dir.resolve("c.log")), AuditTestLogs.HMAC)
        .checkpointEvery(4).build()) {
      for (int i = 100; i < 108; i++) {
        log.append(AuditTestLogs.event(i));
      }
    }
    VerificationReport r = AuditVerifier.verify(dir.resolve("c.log"), AuditTestLogs.HMAC, Optional.of(first));
    assertThat(r.finding().orElseThrow().kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(r.finding().orElseThrow().seq()).isEqualTo(first.seq());
  }

  @Test
  void anchorBeyondTheEnd_isTruncated() {
    Path file = dir.resolve("d.log");
    writeWithAnchors(file, 3);
    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC,
        Optional.of(new Anchor(500, "0".repeat(64))));
    assertThat(r.finding().orElseThrow().kind()).isEqualTo(Tampering.TRUNCATED);
    assertThat(Anchor.parse(new Anchor(5, "a".repeat(64)).toString())).isEqualTo(new Anchor(5, "a".repeat(64)));
  }
}
