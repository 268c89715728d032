package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.audit.VerificationReport.Finding;
import io.modelbridge.security.audit.internal.EntryCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: verification streams in constant memory with a bounded line length, a garbage file is
 * UNREADABLE, and findings name lines that exist.
 */
class AuditVerifierStreamingTest {

  @TempDir Path dir;

  @Test
  void garbageFile_isUnreadableNotModified() throws IOException {
    Path file = Files.writeString(dir.resolve("garbage.log"), "PK\u0003\u0004 this is a zip\nand more\n");
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.UNREADABLE);
    assertThat(f.detail()).contains("not an audit log");
  }

  @Test
  void garbageFileWithOneTornLine_isUnreadable() throws IOException {
    Path file = Files.writeString(dir.resolve("garbage2.log"), "no newline at all");
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow().kind())
        .isEqualTo(Tampering.UNREADABLE);
  }

  @Test
  void forgedEntryAppendedAfterTheClosingCheckpoint_isReportedAtItsRealLine() throws IOException {
    Path file = dir.resolve("forged.log");
    List<String> lines = AuditTestLogs.write(file, 5, 3, AuditTestLogs.HMAC);
    Anchor head = AuditVerifier.verify(file, AuditTestLogs.HMAC).lastGood().orElseThrow();
    // correctly chained and hashed (anyone can compute SHA-256), but not signed by any checkpoint
    byte[] forged = new EntryCodec().encode(head.seq() + 1, head.hash(), "2026-12-02T00:00:00Z", "WRITE_BACK",
        "acme", "mallory", "c-x", "erp.updateOrder", Map.of("order", "4711")).line();
    Files.write(file, forged, StandardOpenOption.APPEND);
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.INSERTED);
    assertThat(f.line()).isEqualTo(lines.size() + 1);
    assertThat(f.seq()).isEqualTo(head.seq() + 1);
    assertThat(f.detail()).contains("follow the closing checkpoint at line " + lines.size());
  }

  @Test
  void garbageLineAppendedAfterTheClosingCheckpoint_isReportedAtItsRealLine() throws IOException {
    Path file = dir.resolve("forged2.log");
    List<String> lines = AuditTestLogs.write(file, 5, 3, AuditTestLogs.HMAC);
    Files.writeString(file, "{\"seq\":99}\n", StandardOpenOption.APPEND);
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(f.line()).isEqualTo(lines.size() + 1);
  }

  @Test
  void tailCutAfterACheckpoint_namesTheLastLineThatExists() {
    Path file = dir.resolve("cut.log");
    List<String> lines = AuditTestLogs.write(file, 6, 3, AuditTestLogs.HMAC);
    AuditTestLogs.writeLines(file, lines.subList(0, 4)); // 3 events and their checkpoint
    AuditTestLogs.writeLines(AnchorStore.besideLog(file), List.of());
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.TRUNCATED);
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.seq()).isEqualTo(5);
  }

  @Test
  void overlongLineInALog_isModifiedAtItsLineAndNotLoaded() throws IOException {
    Path file = dir.resolve("long.log");
    List<String> lines = AuditTestLogs.write(file, 4, 3, AuditTestLogs.HMAC);
    byte[] huge = new byte[3 * AuditStore.MAX_LINE_BYTES];
    Arrays.fill(huge, (byte) 'a');
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 2; i++) {
        out.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      out.write(huge);
      out.write('\n');
      for (int i = 2; i < lines.size(); i++) {
        out.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    Finding f = r.finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.detail()).contains(huge.length + " bytes", "limit");
    assertThat(r.lines()).isEqualTo(lines.size() + 1);
  }

  @Test
  void lineOfExactlyTheLimit_isReadAsALine() throws IOException {
    Path file = dir.resolve("limit.log");
    byte[] max = new byte[AuditStore.MAX_LINE_BYTES];
    Arrays.fill(max, (byte) 'b');
    Files.write(file, max);
    Files.write(file, "\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    Finding f = AuditVerifier.verify(file, AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.UNREADABLE);
    assertThat(f.detail()).doesNotContain("limit");
  }

  @Test
  void entryLongerThanTheLimit_isRefusedAndTheLogGoesOn() {
    Path file = dir.resolve("refuse.log");
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), AuditTestLogs.HMAC).build()) {
      var tooBig = log.append(new AuditEvent(AuditEvent.Type.MODEL_CALL, "t", "p", "c", "big",
          Map.of("request", "x".repeat(AuditStore.MAX_LINE_BYTES))));
      assertThat(tooBig).failsWithin(1, TimeUnit.MINUTES).withThrowableThat()
          .withMessageContaining("more than the limit of " + AuditStore.MAX_LINE_BYTES);
      assertThat(log.append(AuditTestLogs.event(1)).join()).isEqualTo(1);
    }
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).intact()).isTrue();
  }

  /** 200 MB of short lines and one 200 MB line, each verified by a fresh JVM with a 64 MB heap. */
  @Test
  void twoHundredMegabytesOfShortLinesOrOneLine_verifyInA64MegabyteHeap() throws Exception {
    long size = 200L << 20;
    Path shortLines = dir.resolve("short.log");
    byte[] block = "not an entry\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
    writeRepeated(shortLines, block, size);
    assertThat(forkedVerify(shortLines)).isEqualTo("UNREADABLE");
    Files.delete(shortLines);

    Path oneLine = dir.resolve("one-line.log");
    byte[] noNewline = new byte[1 << 16];
    Arrays.fill(noNewline, (byte) 'z');
    writeRepeated(oneLine, noNewline, size);
    Files.write(oneLine, "\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    assertThat(forkedVerify(oneLine)).isEqualTo("UNREADABLE");
    Files.delete(oneLine);
  }

  private static void writeRepeated(Path file, byte[] block, long size) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (long written = 0; written < size; written += block.length) {
        out.write(block);
      }
    }
  }

  /** Runs {@link VerifyInSmallHeap} in another JVM; returns the kind it printed, or fails with its output. */
  private static String forkedVerify(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
        System.getProperty("java.class.path"), VerifyInSmallHeap.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isEqualTo(0);
    return out.lines().reduce((a, b) -> b).orElse("");
  }
}
