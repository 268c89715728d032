package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.audit.AuditEvent;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.CheckpointKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  @TempDir Path dir;
  Path log;
  Path keyFile;

  @BeforeEach
  void writeLog() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    log = dir.resolve("audit.log");
    try (AuditLog audit = AuditLog.builder(AuditStore.file(log), CheckpointKey.ed25519(pair.getPrivate(),
        pair.getPublic())).checkpointEvery(5).build()) {
      for (int i = 0; i < 12; i++) {
        audit.append(new AuditEvent(AuditEvent.Type.TOOL_CALL, "acme", "alice", "c" + i, "crm_find", Map.of("n", "" + i)));
      }
    }
    keyFile = Files.writeString(dir.resolve("audit.pub"),
        CheckpointKey.ed25519Verifier(pair.getPublic()).toVerifierText());
  }

  @Test
  void intactLog_exits0() {
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", keyFile.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("intact");
  }

  @Test
  void deletedEntry_exits1AndNamesIt() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
    lines.remove(3);
    Files.write(log, lines, StandardCharsets.UTF_8);
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", keyFile.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("DELETED at line 4 (seq 4)");
  }

  @Test
  void editedEntry_exits1() throws Exception {
    Files.writeString(log, Files.readString(log).replaceFirst("\"c3\"", "\"c9\""));
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", keyFile.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("MODIFIED at line 4");
  }

  @Test
  void missingFile_exits2() {
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", dir.resolve("none.log").toString(), "--key-file",
        keyFile.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("UNREADABLE");
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
  void tailCutButAnchorKept_exits1() throws Exception {
    MapCommandTest.Run ok = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", keyFile.toString());
    String lastEntry = ok.out().substring(ok.out().indexOf("last entry ") + "last entry ".length()).strip();
    MapCommandTest.Run anchored = MapCommandTest.run("audit", "verify", log.toString(), "--key-file",
        keyFile.toString(), "--anchor", lastEntry);
    assertThat(anchored.exit()).isEqualTo(0);
    MapCommandTest.Run beyond = MapCommandTest.run("audit", "verify", log.toString(), "--key-file",
        keyFile.toString(), "--anchor", "999:" + "0".repeat(64));
    assertThat(beyond.exit()).isEqualTo(1);
    assertThat(beyond.err()).contains("TRUNCATED");
  }

  @Test
  void badKeyFile_exits2() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.pub"), "rsa:abc");
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", log.toString(), "--key-file", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
  }
}
