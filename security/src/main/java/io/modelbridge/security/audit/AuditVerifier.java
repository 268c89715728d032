package io.modelbridge.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.audit.VerificationReport.Finding;
import io.modelbridge.security.audit.VerificationReport.Recovery;
import io.modelbridge.security.audit.internal.EntryCodec;
import io.modelbridge.security.audit.internal.FileAuditStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an audit log end to end: every entry's hash, the chain of hashes, consecutive sequence numbers,
 * every checkpoint's signature and what it covers, that the log ends with a closing checkpoint, and, given
 * anchors ({@link AnchorStore}, {@link Anchor}), that it holds every anchored entry with its anchored hash.
 * Names the first bad entry and the kind of {@link Tampering}, and lists the RECOVERY entries.
 *
 * <p>What is proven: without anchors, <b>prefix integrity only</b>: the entries present are the writer's, in
 * order, up to a closing checkpoint; a log cut back to one of its checkpoints (an earlier session's closing
 * checkpoint, or cut and reopened) cannot be detected. With anchors, such a cut shows as
 * {@link Tampering#TRUNCATED}; {@link VerificationReport#proves()} says which case a report is in.
 *
 * <p>Streams in constant memory: lines are read one at a time, at most {@link AuditStore#MAX_LINE_BYTES}
 * each (a longer line is reported at its line and never loaded); the anchors are held in memory, one small
 * record per checkpoint.
 */
public final class AuditVerifier {

  /** How many RECOVERY entries a report lists (it counts them all). */
  public static final int MAX_REPORTED_RECOVERIES = 100;

  private AuditVerifier() {}

  /**
   * Verifies a log file, against its default anchor file {@code <file>.anchors} when that exists
   * ({@link AnchorStore#besideLog}); without it the report is unanchored ({@link VerificationReport#anchored()}).
   *
   * @param key the checkpoint verification key (Ed25519 public key or HMAC secret)
   * @return the report; {@link Tampering#UNREADABLE} if the file cannot be read or is not an audit log
   */
  public static VerificationReport verify(Path file, CheckpointKey key) {
    return verify(file, key, Optional.empty());
  }

  /**
   * Verifies a log file against its default anchor file (when it exists) and an externally kept
   * {@link Anchor}: the entry with the anchor's seq must be present with the anchor's hash, else
   * {@link Tampering#TRUNCATED} (missing, or the log was cut and continued) or {@link Tampering#MODIFIED}
   * (another hash).
   *
   * @return the report; {@link Tampering#UNREADABLE} if the file cannot be read or is not an audit log
   */
  public static VerificationReport verify(Path file, CheckpointKey key, Optional<Anchor> anchor) {
    Objects.requireNonNull(file, "file cannot be null");
    Path beside = AnchorStore.besideLog(file);
    return verify(file, key, Files.exists(beside) ? Optional.of(AnchorStore.file(beside)) : Optional.empty(), anchor);
  }

  /**
   * Verifies a log file against exactly the anchors given: those of {@code anchors} and {@code anchor}, not
   * the default anchor file. With neither, it proves prefix integrity only ({@link VerificationReport#proves()}).
   * The anchor store is read once and closed.
   *
   * @return the report; {@link Tampering#UNREADABLE} if the log or the anchors cannot be read,
   *     {@link Tampering#MODIFIED} if an anchor's signature does not verify
   */
  public static VerificationReport verify(Path file, CheckpointKey key, Optional<AnchorStore> anchors,
      Optional<Anchor> anchor) {
    Objects.requireNonNull(file, "file cannot be null");
    Objects.requireNonNull(anchors, "anchors cannot be null");
    return verifyFile(file, new Run(key, anchor, anchors));
  }

  private static VerificationReport verifyFile(Path file, Run run) {
    if (run.finding != null) {
      return run.finish();
    }
    try (InputStream in = Files.newInputStream(file)) {
      FileAuditStore.readLines(in, run);
    } catch (IOException e) {
      return run.unreadable("cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    return run.finish();
  }

  /**
   * Verifies the log held by a store (for example a JDBC table), without anchors: prefix integrity only.
   *
   * @return the report; {@link Tampering#UNREADABLE} if the store cannot be read
   */
  public static VerificationReport verify(AuditStore store, CheckpointKey key) {
    return verify(store, key, Optional.empty());
  }

  /**
   * Verifies the log held by a store and checks an externally kept {@link Anchor}, as
   * {@link #verify(Path, CheckpointKey, Optional)} does.
   */
  public static VerificationReport verify(AuditStore store, CheckpointKey key, Optional<Anchor> anchor) {
    return verifyStore(store, new Run(key, anchor, Optional.empty()));
  }

  /**
   * Verifies the log held by a store against the anchors of {@code anchors} (read once and closed).
   *
   * @return the report; {@link Tampering#UNREADABLE} if the store or the anchors cannot be read
   */
  public static VerificationReport verify(AuditStore store, CheckpointKey key, AnchorStore anchors) {
    Objects.requireNonNull(anchors, "anchors cannot be null");
    return verifyStore(store, new Run(key, Optional.empty(), Optional.of(anchors)));
  }

  private static VerificationReport verifyStore(AuditStore store, Run run) {
    Objects.requireNonNull(store, "store cannot be null");
    if (run.finding != null) {
      return run.finish();
    }
    try {
      store.readAll(run);
    } catch (AuditException e) {
      return run.unreadable(e.getMessage());
    }
    return run.finish();
  }

  private static final class Run implements AuditStore.LineConsumer {
    private final CheckpointKey key;
    private final EntryCodec codec = new EntryCodec();
    private final EntryCodec.Scan scan = new EntryCodec.Scan();
    private long lineNo;
    private long parsedLines;
    private long expected = 1;
    private final byte[] prevHash = EntryCodec.GENESIS.getBytes(StandardCharsets.US_ASCII);
    private long lastCheckpoint;
    private long lastCheckpointLine;
    private boolean lastCheckpointClosing;
    private long firstUnsignedLine;
    private long firstUnsignedSeq;
    private boolean endsClosed;
    private Finding finding;
    /** A sequence anomaly waiting for the rest of the log to be classified: 'S' seq, 'C' chain. */
    private char anomaly;
    private long anomalyLine;
    private long anomalySeq;
    private long anomalyExpected;
    private long occurrences;
    private long laterExpectedLine = -1;

    /** Anchors to check, sorted by seq (stable: one seq may be anchored twice after a cut and reopen). */
    private final List<Anchor> anchors = new ArrayList<>();
    private int nextAnchor;
    private Finding anchorFinding;
    private final List<Recovery> recoveries = new ArrayList<>();
    private long recoveryCount;

    Run(CheckpointKey key, Optional<Anchor> anchor, Optional<AnchorStore> store) {
      this.key = Objects.requireNonNull(key, "key cannot be null");
      Objects.requireNonNull(anchor, "anchor cannot be null").ifPresent(anchors::add);
      store.ifPresent(this::load);
      anchors.sort(Comparator.comparingLong(Anchor::seq));
    }

    /**
     * Reads the anchors; a bad record is left out and reported at the end unless the log itself shows a
     * problem first (that one is more useful to an operator).
     */
    private void load(AnchorStore store) {
      long[] n = {0};
      try {
        store.readAll(record -> {
          n[0]++;
          try {
            anchors.add(AnchorRecords.parse(record, key).anchor());
          } catch (IllegalArgumentException e) {
            if (anchorFinding != null) {
              return;
            }
            anchorFinding = e.getMessage().startsWith("not an anchor record")
                ? new Finding(Tampering.UNREADABLE, 0, 0, "record " + n[0] + " of the " + store + " is "
                    + e.getMessage())
                : new Finding(Tampering.MODIFIED, 0, 0, "record " + n[0] + " of the " + store + ": "
                    + e.getMessage());
          }
        });
      } catch (AuditException e) {
        finding = new Finding(Tampering.UNREADABLE, 0, 0, "the anchors cannot be read: " + e.getMessage());
        anchors.clear();
      } finally {
        store.close();
      }
    }

    VerificationReport unreadable(String detail) {
      finding = new Finding(Tampering.UNREADABLE, lineNo, 0, detail);
      return report();
    }

    private boolean looking() {
      return finding == null && anomaly == 0;
    }

    @Override
    public void tooLong(long bytes, boolean terminated) {
      lineNo++;
      if (looking()) {
        finding = new Finding(Tampering.MODIFIED, lineNo, expected, "the line is " + bytes + " bytes, longer than "
            + "the " + AuditStore.MAX_LINE_BYTES + "-byte limit of an audit entry: it is not an entry and was "
            + "not read");
      }
    }

    @Override
    public void line(byte[] buf, int off, int len, boolean terminated) {
      lineNo++;
      if (!terminated && looksLikeAnEntry(buf, off, len)) {
        if (looking()) {
          finding = new Finding(Tampering.TORN, lineNo, expected, "the last entry is incomplete (" + len
              + " bytes without a newline): the writer crashed mid-write or the file was cut");
        }
        return;
      }
      if (!codec.scan(buf, off, len, scan)) {
        if (looking()) {
          finding = new Finding(Tampering.MODIFIED, lineNo, expected, "the line is not an audit entry");
        }
        return;
      }
      long seq = scan.seq;
      parsedLines++;
      if (anomaly != 0) {
        if (seq == anomalySeq) {
          occurrences++;
        }
        if (seq == anomalyExpected && laterExpectedLine < 0) {
          laterExpectedLine = lineNo;
        }
        return;
      }
      if (finding != null) {
        return;
      }
      if (!scan.hashValid) {
        finding = new Finding(Tampering.MODIFIED, lineNo, seq, "the entry's content does not match its hash");
        return;
      }
      if (seq != expected || !Arrays.equals(buf, scan.prevOffset, scan.prevOffset + 64, prevHash, 0, 64)) {
        anomaly = seq != expected ? 'S' : 'C';
        anomalyLine = lineNo;
        anomalySeq = seq;
        anomalyExpected = expected;
        // every line before this one chained with seq 1..expected-1: a smaller seq was seen exactly once
        occurrences = 1 + (seq >= 1 && seq < expected ? 1 : 0);
        return;
      }
      endsClosed = false;
      if (scan.checkpoint) {
        checkpoint(buf, off, len, seq);
        if (finding != null) {
          return;
        }
      } else if (firstUnsignedLine == 0) {
        firstUnsignedLine = lineNo;
        firstUnsignedSeq = seq;
      }
      if (scan.recovery) {
        recovery(buf, off, len, seq);
      }
      System.arraycopy(buf, scan.hashOffset, prevHash, 0, 64);
      expected = seq + 1;
      checkAnchors(seq);
    }

    private static final byte[] ENTRY_START = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);

    /** Whether a partial line starts as an entry does (or is a start of that). */
    private static boolean looksLikeAnEntry(byte[] buf, int off, int len) {
      return Arrays.equals(buf, off, off + Math.min(len, ENTRY_START.length), ENTRY_START, 0,
          Math.min(len, ENTRY_START.length));
    }

    private void checkAnchors(long seq) {
      while (nextAnchor < anchors.size() && anchors.get(nextAnchor).seq() == seq && finding == null) {
        Anchor a = anchors.get(nextAnchor++);
        if (!a.hash().equals(new String(prevHash, StandardCharsets.US_ASCII))) {
          Recovery last = recoveries.isEmpty() ? null : recoveries.get(recoveries.size() - 1);
          finding = last != null
              ? new Finding(Tampering.TRUNCATED, lineNo, seq, "the anchors name another entry at seq " + seq
                  + ": the log was cut back before seq " + seq + " and continued (" + last + ")")
              : new Finding(Tampering.MODIFIED, lineNo, seq, "the entry does not have the hash of its anchor: the "
                  + "chain up to seq " + seq + " was rewritten");
        }
      }
    }

    private void recovery(byte[] buf, int off, int len, long seq) {
      recoveryCount++;
      if (recoveries.size() < MAX_REPORTED_RECOVERIES) {
        String detail;
        try {
          JsonNode data = DataJson.mapper().readTree(buf, off, len).path("data");
          detail = data.path("reason").asText("reopened; the previous close was "
              + (data.path("previousCloseClean").asText().equals("true") ? "clean" : "not clean: entries after "
              + "the last checkpoint before it may be lost"))
              + " (resumed after seq " + data.path("resumedAfterSeq").asText("?") + ")";
        } catch (IOException e) {
          detail = "reopened (its data cannot be read)";
        }
        recoveries.add(new Recovery(lineNo, seq, detail));
      }
    }

    private void checkpoint(byte[] buf, int off, int len, long seq) {
      String problem;
      boolean closing = false;
      try {
        JsonNode data = DataJson.mapper().readTree(buf, off, len).path("data");
        long covers = Long.parseLong(data.path("covers").asText("-1"));
        closing = data.path("closing").asText().equals("true");
        byte[] sig = Base64.getDecoder().decode(data.path("sig").asText());
        String prev = new String(prevHash, StandardCharsets.US_ASCII);
        if (covers != seq - 1 || !data.path("coversHash").asText().equals(prev)) {
          problem = "the checkpoint covers seq " + covers + " but follows seq " + (seq - 1)
              + " with another hash";
        } else if (!key.verify(CheckpointKey.payload(covers, prev, closing), sig)) {
          problem = "the checkpoint signature does not verify: the chain up to seq " + covers
              + " was rewritten, or the verification key is not the writer's";
        } else {
          problem = null;
        }
      } catch (IOException | IllegalArgumentException e) {
        problem = "the checkpoint cannot be read: " + e.getClass().getSimpleName();
      }
      if (problem != null) {
        finding = new Finding(Tampering.MODIFIED, lineNo, seq, problem);
        return;
      }
      lastCheckpoint = seq;
      lastCheckpointLine = lineNo;
      lastCheckpointClosing = closing;
      firstUnsignedLine = 0;
      endsClosed = closing;
    }

    VerificationReport finish() {
      if (finding == null && anomaly != 0) {
        finding = classify();
      }
      if (parsedLines == 0 && lineNo > 0 && (finding == null || finding.kind() == Tampering.MODIFIED)) {
        finding = new Finding(Tampering.UNREADABLE, 1, 0, "no line is an audit entry: this is not an audit log");
      }
      if (finding == null && anchorFinding != null) {
        finding = anchorFinding;
      }
      if (finding == null && lineNo == 0) {
        finding = new Finding(Tampering.TRUNCATED, 0, 1, "the log is empty: not even a closing checkpoint");
      }
      if (finding == null && nextAnchor < anchors.size()) {
        Anchor missing = anchors.get(anchors.size() - 1);
        finding = new Finding(Tampering.TRUNCATED, lineNo, expected, "the log ends at seq " + (expected - 1)
            + " (line " + lineNo + ") but the anchors name seq " + missing.seq() + ": entries seq " + expected
            + " to " + missing.seq() + " or more were cut");
      }
      if (finding == null && !endsClosed) {
        if (lastCheckpointClosing && firstUnsignedLine > 0) {
          finding = new Finding(Tampering.INSERTED, firstUnsignedLine, firstUnsignedSeq, "lines "
              + firstUnsignedLine + " to " + lineNo + " (seq " + firstUnsignedSeq + " to " + (expected - 1)
              + ") follow the closing checkpoint at line " + lastCheckpointLine + " and no checkpoint signs them: "
              + "appended after the log was closed, or by a later writer that stopped before its first checkpoint");
        } else {
          finding = new Finding(Tampering.TRUNCATED, firstUnsignedLine > 0 ? firstUnsignedLine : lineNo,
              expected, "the log does not end with a closing checkpoint; the last signed checkpoint is seq "
              + lastCheckpoint + (lastCheckpointLine > 0 ? " at line " + lastCheckpointLine : "")
              + (firstUnsignedLine > 0 ? ", lines " + firstUnsignedLine + " to " + lineNo + " are not signed" : "")
              + ": entries after it or the closing checkpoint are missing (or the writer did not close cleanly)");
        }
      }
      return report();
    }

    private VerificationReport report() {
      return new VerificationReport(lineNo, lastCheckpoint, Optional.ofNullable(finding),
          expected > 1 ? Optional.of(new Anchor(expected - 1, new String(prevHash, StandardCharsets.US_ASCII)))
              : Optional.empty(),
          finding == null ? anchors.size() : nextAnchor, recoveries, recoveryCount);
    }

    private Finding classify() {
      if (occurrences > 1) {
        return new Finding(Tampering.INSERTED, anomalyLine, anomalySeq, "seq " + anomalySeq
            + " appears " + occurrences + " times; this one does not belong here");
      }
      if (anomaly == 'C') {
        return new Finding(Tampering.MODIFIED, anomalyLine - 1, anomalyExpected - 1, "entry seq "
            + (anomalyExpected - 1) + " was rewritten with a recomputed hash: seq " + anomalyExpected
            + " no longer chains to it");
      }
      if (anomalySeq > anomalyExpected) {
        if (laterExpectedLine >= 0) {
          return new Finding(Tampering.REORDERED, anomalyLine, anomalyExpected, "seq " + anomalySeq
              + " found where seq " + anomalyExpected + " was expected; seq " + anomalyExpected + " is at line "
              + laterExpectedLine);
        }
        return new Finding(Tampering.DELETED, anomalyLine, anomalyExpected, "entries seq " + anomalyExpected
            + (anomalySeq - 1 > anomalyExpected ? " to " + (anomalySeq - 1) : "") + " are missing");
      }
      return new Finding(Tampering.REORDERED, anomalyLine, anomalySeq, "seq " + anomalySeq + " found after seq "
          + (anomalyExpected - 1));
    }
  }
}
