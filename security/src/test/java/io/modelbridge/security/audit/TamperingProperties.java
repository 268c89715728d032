package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.audit.VerificationReport.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Any single modification, deletion, insertion, reordering or truncation is detected and classified. */
class TamperingProperties {

  private Path dir;

  @BeforeProperty
  void makeDir() throws IOException {
    dir = Files.createTempDirectory("audit-props");
  }

  @AfterProperty
  void removeDir() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private List<String> pristine(Path file, int events, int every) {
    List<String> lines = AuditTestLogs.write(file, events, every, AuditTestLogs.HMAC);
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).intact()).isTrue();
    return lines;
  }

  private Finding tampered(Path file, List<String> lines) {
    AuditTestLogs.writeLines(file, lines);
    VerificationReport report = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(report.intact()).isFalse();
    return report.finding().orElseThrow();
  }

  @Property(tries = 100)
  void modificationIsDetected(@ForAll @IntRange(min = 1, max = 40) int events,
      @ForAll @IntRange(min = 1, max = 7) int every, @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll @IntRange(min = 0, max = 100_000) int at, @ForAll @IntRange(min = 0, max = 35) int replacement) {
    Path file = dir.resolve("m.log");
    List<String> lines = pristine(file, events, every);
    int i = where % lines.size();
    String line = lines.get(i);
    int pos = at % line.length();
    char c = "abcdefghijklmnopqrstuvwxyz0123456789".charAt(replacement);
    Assume.that(line.charAt(pos) != c);
    lines.set(i, line.substring(0, pos) + c + line.substring(pos + 1));
    Finding f = tampered(file, lines);
    assertThat(f.kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(f.line()).isEqualTo(i + 1);
  }

  @Property(tries = 100)
  void deletionIsDetected(@ForAll @IntRange(min = 1, max = 40) int events,
      @ForAll @IntRange(min = 1, max = 7) int every, @ForAll @IntRange(min = 0, max = 10_000) int where) {
    Path file = dir.resolve("d.log");
    List<String> lines = pristine(file, events, every);
    int i = where % lines.size();
    lines.remove(i);
    Finding f = tampered(file, lines);
    if (i == lines.size()) { // the closing checkpoint itself: the tail is cut
      assertThat(f.kind()).isEqualTo(Tampering.TRUNCATED);
    } else {
      assertThat(f.kind()).isEqualTo(Tampering.DELETED);
      assertThat(f.seq()).isEqualTo(i + 1);
      assertThat(f.line()).isEqualTo(i + 1);
    }
  }

  @Property(tries = 100)
  void insertionIsDetected(@ForAll @IntRange(min = 1, max = 40) int events,
      @ForAll @IntRange(min = 1, max = 7) int every, @ForAll @IntRange(min = 0, max = 10_000) int from,
      @ForAll @IntRange(min = 0, max = 10_000) int to) {
    Path file = dir.resolve("i.log");
    List<String> lines = pristine(file, events, every);
    int j = from % lines.size();
    String copy = lines.get(j);
    lines.add(to % (lines.size() + 1), copy);
    Finding f = tampered(file, lines);
    assertThat(f.kind()).isEqualTo(Tampering.INSERTED);
    assertThat(f.seq()).isEqualTo(j + 1);
  }

  @Property(tries = 100)
  void forgedEntryFromAnotherChainIsDetected(@ForAll @IntRange(min = 2, max = 30) int events,
      @ForAll @IntRange(min = 0, max = 10_000) int where) {
    Path file = dir.resolve("f.log");
    List<String> lines = pristine(file, events, 5);
    // a well-formed, self-hashed entry with the right sequence number but written by another writer
    List<String> forged = AuditTestLogs.write(dir.resolve("other.log"), events + 10, 1000,
        CheckpointKey.hmac(AuditTestLogs.bytes(9)));
    int i = where % lines.size();
    lines.add(i, forged.get(i));
    Finding f = tampered(file, lines);
    assertThat(f.kind()).isIn(Tampering.INSERTED, Tampering.MODIFIED);
    // at the genesis both copies chain; the duplicate is named at the genuine one right after the forgery
    assertThat(f.line()).isLessThanOrEqualTo(i + 2);
  }

  @Property(tries = 100)
  void reorderingIsDetected(@ForAll @IntRange(min = 1, max = 40) int events,
      @ForAll @IntRange(min = 1, max = 7) int every, @ForAll @IntRange(min = 0, max = 10_000) int a,
      @ForAll @IntRange(min = 0, max = 10_000) int b) {
    Path file = dir.resolve("r.log");
    List<String> lines = pristine(file, events, every);
    int i = a % lines.size();
    int k = b % lines.size();
    Assume.that(i != k);
    int lo = Math.min(i, k);
    int hi = Math.max(i, k);
    String tmp = lines.get(lo);
    lines.set(lo, lines.get(hi));
    lines.set(hi, tmp);
    Finding f = tampered(file, lines);
    assertThat(f.kind()).isEqualTo(Tampering.REORDERED);
    assertThat(f.line()).isEqualTo(lo + 1);
  }

  @Property(tries = 100)
  void truncationIsDetected(@ForAll @IntRange(min = 1, max = 40) int events,
      @ForAll @IntRange(min = 1, max = 7) int every, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
    Path file = dir.resolve("t.log");
    List<String> lines = pristine(file, events, every);
    int keep = lines.size() - 1 - (cut % lines.size());
    Finding f = tampered(file, lines.subList(0, keep));
    assertThat(f.kind()).isEqualTo(Tampering.TRUNCATED);
    assertThat(f.seq()).isEqualTo(keep + 1);
  }

  @Property(tries = 100)
  void cutInsideAnEntryIsTorn(@ForAll @IntRange(min = 1, max = 40) int events,
      @ForAll @IntRange(min = 1, max = 100_000) int cut) throws IOException {
    Path file = dir.resolve("c.log");
    pristine(file, events, 3);
    byte[] all = Files.readAllBytes(file);
    int end = 1 + cut % (all.length - 1);
    Assume.that(all[end - 1] != '\n');
    Files.write(file, java.util.Arrays.copyOf(all, end));
    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(r.finding().orElseThrow().kind()).isEqualTo(Tampering.TORN);
  }

  /** Issue 11: with the default anchors, no cut at a line boundary, reopened or not, verifies intact. */
  @Property(tries = 60)
  void anyCutOfAnAnchoredMultiSessionLog_isNeverIntact(@ForAll @IntRange(min = 1, max = 4) int sessions,
      @ForAll @IntRange(min = 1, max = 12) int events, @ForAll @IntRange(min = 1, max = 5) int every,
      @ForAll @IntRange(min = 1, max = 10_000) int cut, @ForAll boolean reopen) {
    Path file = dir.resolve("s.log");
    AuditTestLogs.write(file, events, every, AuditTestLogs.HMAC);
    for (int s = 1; s < sessions; s++) {
      AuditTestLogs.session(file, 100 * s, events + s, every);
    }
    List<String> lines = AuditTestLogs.lines(file);
    assertThat(AuditVerifier.verify(file, AuditTestLogs.HMAC).intact()).isTrue();
    int keep = lines.size() - 1 - (cut % lines.size());
    AuditTestLogs.writeLines(file, lines.subList(0, keep));
    if (reopen) {
      AuditTestLogs.session(file, 999, 1, every);
    }
    VerificationReport r = AuditVerifier.verify(file, AuditTestLogs.HMAC);
    assertThat(r.intact()).as("cut to %d of %d lines, reopen %s: %s", keep, lines.size(), reopen, r.proves())
        .isFalse();
    assertThat(r.finding().orElseThrow().kind()).isEqualTo(Tampering.TRUNCATED);
  }
}
