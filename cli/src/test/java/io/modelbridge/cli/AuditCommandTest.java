package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.audit.AnchorStore;
import io.modelbridge.security.audit.AuditEvent;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.CheckpointKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify} through picocli's {@code Main} on real files: every status and its exit code. */
class AuditCommandTest {

  @TempDir Path dir;
  Path log;
  Path keyFile;
  KeyPair pair;
  int firstSession;

  @BeforeEach
  void writeLog() throws Exception {
    pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    log = dir.resolve("audit.log");
    session(0, 12);
    firstSession = lines().size();
    keyFile = Files.writeString(dir.resolve("audit.pub"),
        CheckpointKey.ed25519Verifier(pair.getPublic()).toVerifierText());
  }

  private void session(int first, int events) {
    try (AuditLog audit = AuditLog.builder(AuditStore.file(log), CheckpointKey.ed25519(pair.getPrivate(),
        pair.getPublic())).checkpointEvery(5).build()) {
      for (int i = first; i < first + events; i++) {
        audit.append(new AuditEvent(AuditEvent.Type.TOOL_CALL, "acme", "alice", "c" + i, "crm_find", Map.of("n", "" + i)));
      }
    }
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  private MapCommandTest.Run verify(String... more) {
    List<String> args = new ArrayList<>(List.of("audit", "verify", log.toString(), "--key-file", keyFile.toString()));
    args.addAll(List.of(more));
    return MapCommandTest.run(args.toArray(String[]::new));
  }

  @Test
  void intactLogWithItsDefaultAnchors_exits0() {
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).startsWith("INTACT: 15 lines").contains("anchored: ", "all 3 anchored entries");
  }

  @Test
  void intactLogWithoutAnchors_exits3AnchorsMissing() throws Exception {
    Files.delete(AnchorStore.besideLog(log));
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("INTACT", "prefix integrity only (no anchor)", "a cut at a checkpoint cannot be detected");
    assertThat(r.err()).startsWith("ANCHORS MISSING");
  }

  @Test
  void intactLogWithoutAnchorsAccepted_exits0AndSaysPrefixIntegrityOnly() throws Exception {
    MapCommandTest.Run r = verify("--no-anchors");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("prefix integrity only");
  }

  @Test
  void logCutBackToAnEarlierSessionsClosingCheckpoint_exits1Truncated() throws Exception {
    session(100, 3);
    Files.write(log, lines().subList(0, firstSession), StandardCharsets.UTF_8);
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("TRUNCATED at line " + firstSession);
    assertThat(verify("--no-anchors").exit()).isEqualTo(0); // what the anchors are for
  }

  @Test
  void logCutAndReopened_exits1TruncatedAndPrintsTheRecovery() throws Exception {
    Files.write(log, lines().subList(0, 7), StandardCharsets.UTF_8);
    session(100, 2);
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("RECOVERY at line 8 (seq 8)");
    assertThat(r.err()).startsWith("TRUNCATED");
  }

  @Test
  void deletedEntry_exits1AndNamesIt() throws Exception {
    List<String> lines = lines();
    lines.remove(3);
    Files.write(log, lines, StandardCharsets.UTF_8);
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("DELETED at line 4 (seq 4)");
  }

  @Test
  void editedEntry_exits1Modified() throws Exception {
    Files.writeString(log, Files.readString(log).replaceFirst("\"c3\"", "\"c9\""));
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("MODIFIED at line 4");
  }

  @Test
  void forgedAnchor_exits1Modified() throws Exception {
    Path anchors = AnchorStore.besideLog(log);
    Files.writeString(anchors, Files.readString(anchors).replaceFirst("\"seq\":6,", "\"seq\":7,"));
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("MODIFIED").contains("record 1", "does not verify");
  }

  @Test
  void forgedEntryAppendedAfterTheClosingCheckpoint_exits1AtItsRealLine() throws Exception {
    String last = lines().get(lines().size() - 1);
    String hash = last.substring(last.length() - 66, last.length() - 2);
    byte[] forged = new io.modelbridge.security.audit.internal.EntryCodec().encode(firstSession + 1, hash,
        "2026-12-02T00:00:00Z", "WRITE_BACK", "acme", "mallory", "c-x", "erp.updateOrder", Map.of()).line();
    Files.write(log, forged, StandardOpenOption.APPEND);
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("INSERTED at line " + (firstSession + 1) + " (seq " + (firstSession + 1) + ")");
  }

  @Test
  void garbageFile_exits2Unreadable() throws Exception {
    Files.writeString(log, "%PDF-1.7\nnot an audit log\n");
    Files.delete(AnchorStore.besideLog(log));
    MapCommandTest.Run r = verify();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("UNREADABLE").contains("not an audit log");
  }

  @Test
  void oneVeryLongLine_exits2Unreadable() throws Exception {
    Files.write(log, "x".repeat(3 << 20).getBytes(StandardCharsets.US_ASCII));
    MapCommandTest.Run r = verify("--no-anchors");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("UNREADABLE");
  }

  @Test
  void missingFile_exits2() {
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", dir.resolve("none.log").toString(), "--key-file",
        keyFile.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("UNREADABLE");
  }

  @Test
  void missingAnchorFile_exits2() {
    MapCommandTest.Run r = verify("--anchors", dir.resolve("elsewhere.anchors").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("UNREADABLE", "does not exist");
  }

  @Test
  void otherKey_exits1() throws Exception {
    Path other = Files.writeString(dir.resolve("other.pub"), CheckpointKey.ed25519Verifier(
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()).toVerifierText());
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", other.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("verification key");
  }

  @Test
  void anchorKeptOnTheCommandLine_catchesACutEvenWithoutTheAnchorFile() throws Exception {
    MapCommandTest.Run ok = verify();
    String lastEntry = ok.out().lines().findFirst().orElseThrow().replaceAll(".*last entry ", "").strip();
    Files.delete(AnchorStore.besideLog(log));
    MapCommandTest.Run anchored = verify("--anchor", lastEntry);
    assertThat(anchored.exit()).as(anchored.err()).isEqualTo(0);
    assertThat(anchored.out()).contains("all 1 anchored entries");
    Files.write(log, lines().subList(0, 6), StandardCharsets.UTF_8);
    MapCommandTest.Run cut = verify("--anchor", lastEntry);
    assertThat(cut.exit()).isEqualTo(1);
    assertThat(cut.err()).contains("TRUNCATED");
  }

  @Test
  void badKeyFile_exits2() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.pub"), "rsa:abc");
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
  }
}
