package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.security.audit.VerificationReport.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: a multi-session log cut back to an earlier checkpoint must not verify intact when anchored. */
class AuditTruncationTest {

  @TempDir Path dir;

  /** Two closed sessions; returns the line count of the first one. */
  private int twoSessions(Path file) {
    AuditTestLogs.write(file, 5, 3, AuditTestLogs.HMAC);
    int first = AuditTestLogs.lines(file).size();
    AuditTestLogs.session(file, 100, 5, 3);
    return first;
  }

  @Test
  void multiSessionLogCutBackToAnEarlierClosingCheckpoint_isTruncatedByTheDefaultAnchors() {
    Path file = dir.resolve("a.log");
    int first = twoSessions(file);
    List<String> lines = AuditTestLogs.lines(file);
    AuditTestLogs.writeLines(file, lines.subList(0, first)); // ends with session 1's valid closing checkpoint

    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    Finding f = r.finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.TRUNCATED);
    assertThat(f.line()).isEqualTo(first); // the last line there is, not one past the end
    assertThat(f.seq()).isEqualTo(first + 1);
    assertThat(f.detail()).contains("the anchors name seq " + lines.size());
  }

  @Test
  void multiSessionLogCutBackToAnEarlierClosingCheckpoint_withoutAnchors_saysItProvesPrefixIntegrityOnly()
      throws Exception {
    Path file = dir.resolve("b.log");
    int first = twoSessions(file);
    AuditTestLogs.writeLines(file, AuditTestLogs.lines(file).subList(0, first));
    Files.delete(AnchorStore.besideLog(file));

    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(r.intact()).isTrue();
    assertThat(r.anchored()).isFalse();
    assertThat(r.proves()).startsWith("prefix integrity only (no anchor)")
        .contains("a cut at a checkpoint cannot be detected");
  }

  @Test
  void logCutAtAClosingCheckpointAndReopened_writesRecoveryAndVerifiesTruncated() {
    Path file = dir.resolve("c.log");
    int first = twoSessions(file);
    int total = AuditTestLogs.lines(file).size();
    AuditTestLogs.writeLines(file, AuditTestLogs.lines(file).subList(0, first));
    AuditTestLogs.session(file, 200, 2, 3); // the application reopens the cut log

    List<String> after = AuditTestLogs.lines(file);
    assertThat(after.get(first)).contains("\"type\":\"RECOVERY\"", "\"anchoredSeq\":\"" + total + "\"");
    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(r.recoveryCount()).isEqualTo(1);
    assertThat(r.recoveries().get(0).line()).isEqualTo(first + 1);
    assertThat(r.recoveries().get(0).detail()).contains("entries were cut");
    Finding f = r.finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.TRUNCATED);
    assertThat(f.detail()).contains("was cut back", "RECOVERY at line " + (first + 1));
  }

  @Test
  void forgedAnchorRecord_isModified() throws Exception {
    Path file = dir.resolve("d.log");
    AuditTestLogs.write(file, 7, 3, AuditTestLogs.HMAC);
    Path anchors = AnchorStore.besideLog(file);
    List<String> records = AuditTestLogs.lines(anchors);
    // an attacker who cut the log lowers the last anchor to match: without the key, the signature fails
    records.set(records.size() - 1, records.get(records.size() - 1).replaceFirst("\"seq\":\\d+", "\"seq\":3"));
    AuditTestLogs.writeLines(anchors, records);
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(f.detail()).contains("record " + records.size(), "signature", "does not verify");
  }

  @Test
  void garbageAnchorFile_isUnreadable() throws Exception {
    Path file = dir.resolve("e.log");
    AuditTestLogs.write(file, 2, 3, AuditTestLogs.HMAC);
    Files.writeString(AnchorStore.besideLog(file), "hello\n");
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.UNREADABLE);
    assertThat(f.detail()).contains("record 1", "not an anchor record");
  }

  @Test
  void anchorsKeptElsewhere_catchACutOfBothTheLogAndItsDefaultAnchorFile() throws Exception {
    Path file = dir.resolve("f.log");
    Path elsewhere = Files.createDirectory(dir.resolve("other-disk")).resolve("f.anchors");
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).checkpointEvery(3)
        .anchors(AnchorStore.file(elsewhere)).build()) {
      for (int i = 0; i < 7; i++) {
        log.append(AuditTestLogs.event(i));
      }
    }
    assertThat(Files.exists(AnchorStore.besideLog(file))).isFalse();
    List<String> lines = AuditTestLogs.lines(file);
    AuditTestLogs.writeLines(file, lines.subList(0, 4)); // seq 4 is a valid (not closing) checkpoint
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).anchored()).isFalse();
    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC,
        Optional.of(AnchorStore.file(elsewhere)), Optional.empty());
    assertThat(r.finding().orElseThrow().kind()).isEqualTo(Tampering.TRUNCATED);
  }

  @Test
  void jdbcLogWithAnchorsInAnotherDatabase_cutBackToAClosingCheckpointIsTruncated() throws Exception {
    JdbcDataSource logDb = new JdbcDataSource();
    logDb.setURL("jdbc:h2:mem:audit_cut_log;DB_CLOSE_DELAY=-1");
    JdbcDataSource anchorDb = new JdbcDataSource();
    anchorDb.setURL("jdbc:h2:mem:audit_cut_anchors;DB_CLOSE_DELAY=-1");
    for (int session = 0; session < 2; session++) {
      try (AuditLog log = AuditLog.builder(AuditStore.jdbc(logDb, "audit"), AuditTestLogs.HMAC).checkpointEvery(3)
          .anchors(AnchorStore.jdbc(anchorDb, "audit_anchors")).build()) {
        for (int i = 0; i < 4; i++) {
          log.append(AuditTestLogs.event(session * 10 + i));
        }
      }
    }
    VerificationReport before = AuditVerifier.verify(AuditStore.jdbc(logDb, "audit"), AuditTestLogs.HMAC,
        AnchorStore.jdbc(anchorDb, "audit_anchors"));
    assertThat(before.intact()).as(before.proves()).isTrue();
    assertThat(before.anchored()).isTrue();
    try (Connection c = logDb.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM audit WHERE pos > 6"); // session 1: 4 events, 1 checkpoint, closing
    }
    assertThat(AuditVerifier.verify(AuditStore.jdbc(logDb, "audit"), AuditTestLogs.HMAC).intact()).isTrue();
    VerificationReport after = AuditVerifier.verify(AuditStore.jdbc(logDb, "audit"), AuditTestLogs.HMAC,
        AnchorStore.jdbc(anchorDb, "audit_anchors"));
    assertThat(after.finding().orElseThrow().kind()).isEqualTo(Tampering.TRUNCATED);
  }

  @Test
  void storeWithoutDefaultAnchors_builderMustChoose() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:audit_choose;DB_CLOSE_DELAY=-1");
    assertThatThrownBy(() -> AuditLog.builder(AuditStore.jdbc(ds, "audit"), AuditTestLogs.HMAC).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(".anchors(", ".withoutAnchors()");
    AuditLog.builder(AuditStore.jdbc(ds, "audit"), AuditTestLogs.HMAC).withoutAnchors().build().close();
  }
}
