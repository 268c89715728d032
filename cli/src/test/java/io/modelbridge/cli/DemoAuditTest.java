package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.cli.demo.DemoAudit;
import io.modelbridge.security.audit.AuditEvent;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's audit set-up: saved key, periodic checkpoints by count and by time, verified by the CLI. */
class DemoAuditTest {

  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-02T06:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static AuditEvent event(int i) {
    return new AuditEvent(AuditEvent.Type.TOOL_CALL, "demo", "clerk-7", "c" + i, "erp_orders_find", Map.of("n", "" + i));
  }

  private static long checkpoints(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.contains("\"type\":\"CHECKPOINT\"")).count();
  }

  @Test
  void demoAuditSetUp_savesTheKeyOwnerOnly_checkpointsByTimeAndCount_andVerifiesWithTheCli() throws Exception {
    HandClock clock = new HandClock();
    DemoAudit audit = DemoAudit.open(dir, clock);
    try (audit) {
      audit.log().append(event(0)).join();
      assertThat(checkpoints(audit.logFile())).isZero();
      clock.now = clock.now.plus(DemoAudit.CHECKPOINT_INTERVAL);
      audit.log().append(event(1)).join();
      assertThat(checkpoints(audit.logFile())).isEqualTo(1); // by time
      for (int i = 2; i < 2 + DemoAudit.CHECKPOINT_EVERY; i++) {
        audit.log().append(event(i)).join();
      }
      assertThat(checkpoints(audit.logFile())).isEqualTo(2); // by count
    }
    assertThat(audit.keyFile()).isEqualTo(dir.resolve("audit.pub"));
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit.keyFile()))).isEqualTo("rw-------");
    }
    assertThat(Files.readString(audit.keyFile())).startsWith("ed25519:").doesNotContain("PRIVATE");
    List<String> args = List.of(audit.verifyCommand().replace("java -jar modelbridge-cli.jar ", "").split(" "));
    MapCommandTest.Run r = MapCommandTest.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).startsWith("INTACT: " + (2 + DemoAudit.CHECKPOINT_EVERY + 3) + " lines").contains("anchored: ");
  }

  @Test
  void demoAuditSetUp_replacesAnEarlierRunsFiles() throws Exception {
    try (DemoAudit first = DemoAudit.open(dir, Clock.systemUTC())) {
      first.log().append(event(0)).join();
    }
    String firstKey = Files.readString(dir.resolve("audit.pub"));
    try (DemoAudit second = DemoAudit.open(dir, Clock.systemUTC())) {
      second.log().append(event(1)).join();
    }
    assertThat(Files.readString(dir.resolve("audit.pub"))).isNotEqualTo(firstKey);
    MapCommandTest.Run r = MapCommandTest.run("audit", "verify", dir.resolve("audit.log").toString(), "--key-file",
        dir.resolve("audit.pub").toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
  }
}
