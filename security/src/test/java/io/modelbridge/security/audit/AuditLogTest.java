package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir Path dir;

  @Test
  void concurrentAppends_getDistinctSequenceNumbersAndVerifyWithEd25519() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path file = dir.resolve("audit.log");
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), CheckpointKey.ed25519(pair.getPrivate(),
        pair.getPublic())).checkpointEvery(100).build()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 1000;
        Thread th = new Thread(() -> {
          for (int i = 0; i < 500; i++) {
            synchronized (futures) {
              futures.add(log.append(AuditTestLogs.event(base + i)));
            }
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
    }
    assertThat(futures).hasSize(2000);
    assertThat(futures.stream().map(CompletableFuture::join).distinct().count()).isEqualTo(2000);
    CheckpointKey auditor = CheckpointKey.parse(CheckpointKey.ed25519Verifier(pair.getPublic()).toVerifierText());
    VerificationReport report = AuditVerifier.verify(file, auditor);
    assertThat(report.intact()).as(report.toString()).isTrue();
    assertThat(report.lines()).isEqualTo(2000 + 20 + 1);
  }

  @Test
  void wholeChainRewrittenWithoutTheKey_isDetectedAtTheFirstCheckpoint() {
    Path file = dir.resolve("a.log");
    AuditTestLogs.write(file, 10, 4, AuditTestLogs.HMAC);
    // the attacker regenerates a consistent chain and checkpoints with a key of their own
    AuditTestLogs.write(file, 10, 4, CheckpointKey.hmac(AuditTestLogs.bytes(99)));
    VerificationReport report = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(report.finding().orElseThrow().kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(report.finding().orElseThrow().seq()).isEqualTo(5);
    assertThat(report.finding().orElseThrow().detail()).contains("signature does not verify");
  }

  @Test
  void tornLastEntry_isReportedOnOpenAndByTheVerifier() throws Exception {
    Path file = dir.resolve("torn.log");
    AuditTestLogs.write(file, 3, 10, AuditTestLogs.HMAC);
    Files.write(file, "{\"seq\":6,\"prev\":\"00".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    assertThatThrownBy(() -> AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build())
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("torn");
    VerificationReport report = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(report.finding().orElseThrow().kind()).isEqualTo(Tampering.TORN);
    assertThat(report.finding().orElseThrow().line()).isEqualTo(5); // 3 entries, closing checkpoint, torn line
  }

  @Test
  void reopenAfterCleanClose_continuesTheChain() {
    Path file = dir.resolve("b.log");
    AuditTestLogs.write(file, 3, 10, AuditTestLogs.HMAC);
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build()) {
      assertThat(log.append(AuditTestLogs.event(9)).join()).isEqualTo(5);
    }
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).intact()).isTrue();
  }

  @Test
  void reopenAfterUncleanClose_recordsRecovery() {
    Path file = dir.resolve("c.log");
    List<String> lines = AuditTestLogs.write(file, 3, 10, AuditTestLogs.HMAC);
    // as if the process died before closing: no closing checkpoint, so no anchor for it either
    AuditTestLogs.writeLines(file, lines.subList(0, 3));
    AuditTestLogs.writeLines(AnchorStore.besideLog(file), List.of());
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow().kind())
        .isEqualTo(Tampering.TRUNCATED);
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build()) {
      log.append(AuditTestLogs.event(4));
    }
    List<String> after = AuditTestLogs.lines(file);
    assertThat(after.get(3)).contains("\"type\":\"RECOVERY\"", "\"previousCloseClean\":\"false\"");
    VerificationReport report = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(report.intact()).as(report.proves()).isTrue();
    assertThat(report.anchored()).isTrue();
    assertThat(report.recoveryCount()).isEqualTo(1);
    assertThat(report.recoveries().get(0).line()).isEqualTo(4);
    assertThat(report.recoveries().get(0).detail()).contains("not clean", "resumed after seq 3");
  }

  @Test
  void wrongVerificationKey_isReportedAsModifiedCheckpoint() {
    Path file = dir.resolve("k.log");
    AuditTestLogs.write(file, 2, 10, AuditTestLogs.HMAC);
    VerificationReport report = AuditVerifier.verify(file, CheckpointKey.hmac(AuditTestLogs.bytes(1)));
    assertThat(report.finding().orElseThrow().detail()).contains("verification key");
  }

  @Test
  void missingFile_isUnreadable() {
    VerificationReport report = AuditVerifier.verify(dir.resolve("nope.log"), AuditTestLogs.HMAC);
    assertThat(report.finding().orElseThrow().kind()).isEqualTo(Tampering.UNREADABLE);
  }

  @Test
  void verifyOnlyKey_cannotWrite() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThatThrownBy(() -> AuditLog.builder(AuditStore.file(dir.resolve("x.log")),
        CheckpointKey.ed25519Verifier(pair.getPublic())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signing");
  }

  /** A clock the test moves by hand. */
  static final class HandClock extends java.time.Clock {
    volatile java.time.Instant now = java.time.Instant.parse("2026-12-02T06:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void checkpointInterval_signsTheEntriesOnceTheIntervalHasPassed() {
    Path file = dir.resolve("t.log");
    HandClock clock = new HandClock();
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).clock(clock)
        .checkpointInterval(java.time.Duration.ofMinutes(1)).build()) {
      log.append(AuditTestLogs.event(1)).join();
      log.append(AuditTestLogs.event(2)).join();
      assertThat(AuditTestLogs.lines(file)).hasSize(2);
      clock.now = clock.now.plusSeconds(61);
      log.append(AuditTestLogs.event(3)).join();
      List<String> lines = AuditTestLogs.lines(file);
      assertThat(lines).hasSize(4);
      assertThat(lines.get(3)).contains("\"type\":\"CHECKPOINT\"", "\"closing\":\"false\"", "\"covers\":\"3\"");
      assertThat(AuditTestLogs.lines(AnchorStore.besideLog(file))).hasSize(1).allMatch(r -> r.contains("\"seq\":4"));
      log.append(AuditTestLogs.event(4)).join(); // within the next interval: no checkpoint
      assertThat(AuditTestLogs.lines(file)).hasSize(5);
    }
    VerificationReport report = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(report.intact()).as(report.proves()).isTrue();
    assertThat(report.anchorsChecked()).isEqualTo(2);
  }

  @Test
  void checkpointInterval_mustBePositive() {
    assertThatThrownBy(() -> AuditLog.builder(AuditStore.file(dir.resolve("z.log")), AuditTestLogs.HMAC)
        .checkpointInterval(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkpointInterval must be positive, was PT0S");
  }
}
