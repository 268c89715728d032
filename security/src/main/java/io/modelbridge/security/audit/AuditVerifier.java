package io.modelbridge.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.audit.VerificationReport.Finding;
import io.modelbridge.security.audit.internal.EntryCodec;
import io.modelbridge.security.audit.internal.FileAuditStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an audit log end to end: every entry's hash, the chain of hashes, consecutive sequence numbers,
 * every checkpoint's signature and what it covers, and that the log ends with a closing checkpoint. Names
 * the first bad entry and the kind of {@link Tampering}.
 */
public final class AuditVerifier {

  private static final ObjectMapper JSON = DataJson.mapper();

  private AuditVerifier() {}

  /**
   * Verifies a log file.
   *
   * @param key the checkpoint verification key (Ed25519 public key or HMAC secret)
   * @return the report; {@link Tampering#UNREADABLE} if the file cannot be read
   */
  public static VerificationReport verify(Path file, CheckpointKey key) {
    return verify(file, key, Optional.empty());
  }

  /**
   * Verifies a log file and also checks an externally kept {@link Anchor}: the entry with the anchor's seq
   * must be present with the anchor's hash, else {@link Tampering#TRUNCATED} (missing) or
   * {@link Tampering#MODIFIED} (other hash).
   *
   * @return the report; {@link Tampering#UNREADABLE} if the file cannot be read
   */
  public static VerificationReport verify(Path file, CheckpointKey key, Optional<Anchor> anchor) {
    Objects.requireNonNull(file, "file cannot be null");
    Run run = new Run(key, anchor);
    try (InputStream in = Files.newInputStream(file)) {
      FileAuditStore.readLines(in, run::line);
    } catch (IOException e) {
      return new VerificationReport(run.lineNo, 0, Optional.of(new Finding(Tampering.UNREADABLE, run.lineNo, 0,
          "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage())), Optional.empty());
    }
    return run.finish();
  }

  /**
   * Verifies the log held by a store (for example a JDBC table).
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
    Run run = new Run(key, anchor);
    try {
      store.readAll(run::line);
    } catch (AuditException e) {
      return new VerificationReport(run.lineNo, 0, Optional.of(new Finding(Tampering.UNREADABLE, run.lineNo, 0,
          e.getMessage())), Optional.empty());
    }
    return run.finish();
  }

  private static final class Run {
    private final CheckpointKey key;
    private final EntryCodec codec = new EntryCodec();
    private long[] seqs = new long[1024];
    private int lineNo;
    private int parsedLines;
    private long expected = 1;
    private final byte[] prevHash = EntryCodec.GENESIS.getBytes(StandardCharsets.US_ASCII);
    private final EntryCodec.Scan scan = new EntryCodec.Scan();
    private long lastCheckpoint;
    private boolean endsClosed;
    private Finding finding;
    /** A sequence anomaly waiting for the whole file to be classified: 'S' seq, 'C' chain. */
    private char anomaly;
    private int anomalyIndex;
    private long anomalySeq;
    private long anomalyExpected;

    private final Optional<Anchor> anchor;
    private boolean anchorSeen;

    Run(CheckpointKey key, Optional<Anchor> anchor) {
      this.key = Objects.requireNonNull(key, "key cannot be null");
      this.anchor = Objects.requireNonNull(anchor, "anchor cannot be null");
    }

    void line(byte[] buf, int off, int len, boolean terminated) {
      int index = lineNo++;
      if (index == seqs.length) {
        seqs = Arrays.copyOf(seqs, seqs.length * 2);
      }
      seqs[index] = -1;
      if (!terminated) {
        if (finding == null && anomaly == 0) {
          finding = new Finding(Tampering.TORN, lineNo, expected, "the last entry is incomplete (" + len
              + " bytes without a newline): the writer crashed mid-write or the file was cut");
        }
        return;
      }
      if (!codec.scan(buf, off, len, scan)) {
        if (finding == null && anomaly == 0) {
          finding = new Finding(Tampering.MODIFIED, lineNo, expected, "the line is not an audit entry");
        }
        return;
      }
      long seq = scan.seq;
      parsedLines++;
      seqs[index] = seq;
      if (finding != null || anomaly != 0) {
        return;
      }
      if (!scan.hashValid) {
        finding = new Finding(Tampering.MODIFIED, lineNo, seq, "the entry's content does not match its hash");
        return;
      }
      if (seq != expected) {
        anomaly = 'S';
        anomalyIndex = index;
        anomalySeq = seq;
        anomalyExpected = expected;
        return;
      }
      if (!Arrays.equals(buf, scan.prevOffset, scan.prevOffset + 64, prevHash, 0, 64)) {
        anomaly = 'C';
        anomalyIndex = index;
        anomalySeq = seq;
        anomalyExpected = expected;
        return;
      }
      endsClosed = false;
      if (scan.checkpoint) {
        checkpoint(buf, off, len, seq);
      }
      System.arraycopy(buf, scan.hashOffset, prevHash, 0, 64);
      expected = seq + 1;
      if (anchor.isPresent() && anchor.get().seq() == seq) {
        anchorSeen = true;
        if (!anchor.get().hash().equals(new String(prevHash, StandardCharsets.US_ASCII))) {
          finding = new Finding(Tampering.MODIFIED, lineNo, seq, "the entry does not have the hash of the external "
              + "anchor: the chain up to seq " + seq + " was rewritten");
        }
      }
    }

    private void checkpoint(byte[] buf, int off, int len, long seq) {
      String problem;
      boolean closing = false;
      try {
        JsonNode data = JSON.readTree(buf, off, len).path("data");
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
      endsClosed = closing;
    }

    VerificationReport finish() {
      if (finding == null && anomaly != 0) {
        finding = classify();
      }
      if (finding == null && parsedLines == 0) {
        finding = lineNo == 0
            ? new Finding(Tampering.TRUNCATED, 0, 1, "the log is empty: not even a closing checkpoint")
            : new Finding(Tampering.UNREADABLE, 1, 0, "no line is an audit entry: this is not an audit log");
      }
      if (finding == null && anchor.isPresent() && !anchorSeen) {
        finding = new Finding(Tampering.TRUNCATED, lineNo + 1L, expected, "the log ends at seq " + (expected - 1)
            + " but the external anchor names seq " + anchor.get().seq() + ": the tail was cut");
      }
      if (finding == null && !endsClosed) {
        finding = new Finding(Tampering.TRUNCATED, lineNo + 1L, expected, "the log does not end with a closing "
            + "checkpoint; the last signed checkpoint is seq " + lastCheckpoint + ": entries after it or the "
            + "closing checkpoint are missing (or the writer did not close cleanly)");
      }
      if (finding != null && finding.kind() == Tampering.UNREADABLE && parsedLines > 0) {
        finding = new Finding(Tampering.MODIFIED, finding.line(), finding.seq(), finding.detail());
      }
      return new VerificationReport(lineNo, lastCheckpoint, Optional.ofNullable(finding),
          expected > 1 ? Optional.of(new Anchor(expected - 1, new String(prevHash, StandardCharsets.US_ASCII)))
              : Optional.empty());
    }

    private Finding classify() {
      long line = anomalyIndex + 1L;
      int occurrences = 0;
      int laterExpected = -1;
      for (int i = 0; i < lineNo; i++) {
        if (seqs[i] == anomalySeq) {
          occurrences++;
        }
        if (i > anomalyIndex && seqs[i] == anomalyExpected && laterExpected < 0) {
          laterExpected = i;
        }
      }
      if (occurrences > 1) {
        return new Finding(Tampering.INSERTED, line, anomalySeq, "seq " + anomalySeq
            + " appears " + occurrences + " times; this one does not belong here");
      }
      if (anomaly == 'C') {
        return new Finding(Tampering.MODIFIED, anomalyIndex, anomalyExpected - 1, "entry seq "
            + (anomalyExpected - 1) + " was rewritten with a recomputed hash: seq " + anomalyExpected
            + " no longer chains to it");
      }
      if (anomalySeq > anomalyExpected) {
        if (laterExpected >= 0) {
          return new Finding(Tampering.REORDERED, line, anomalyExpected, "seq " + anomalySeq + " found where seq "
              + anomalyExpected + " was expected; seq " + anomalyExpected + " is at line " + (laterExpected + 1));
        }
        return new Finding(Tampering.DELETED, line, anomalyExpected, "entries seq " + anomalyExpected
            + (anomalySeq - 1 > anomalyExpected ? " to " + (anomalySeq - 1) : "") + " are missing");
      }
      return new Finding(Tampering.REORDERED, line, anomalySeq, "seq " + anomalySeq + " found after seq "
          + (anomalyExpected - 1));
    }
  }
}
