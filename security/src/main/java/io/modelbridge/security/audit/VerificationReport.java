package io.modelbridge.security.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found, and what that proves ({@link #proves()}).
 *
 * @param lines lines read
 * @param lastCheckpointSeq sequence number of the last checkpoint whose signature verified, 0 if none
 * @param finding the first problem, empty when the log is intact
 * @param lastGood the last entry that verified (seq and hash), to keep as an external {@link Anchor};
 *     empty when none did
 * @param anchorsChecked how many anchors the log was checked against (from an {@link AnchorStore} and a
 *     given {@link Anchor}); 0 means the check was not anchored and proves prefix integrity only
 * @param recoveries the log's RECOVERY entries (a reopen after an unclean close or a cut), the first
 *     {@value AuditVerifier#MAX_REPORTED_RECOVERIES} in order
 * @param recoveryCount how many RECOVERY entries the log holds
 */
public record VerificationReport(long lines, long lastCheckpointSeq, Optional<Finding> finding,
    Optional<Anchor> lastGood, long anchorsChecked, List<Recovery> recoveries, long recoveryCount) {

  /** Validates and copies the components. */
  public VerificationReport {
    Objects.requireNonNull(finding, "finding cannot be null");
    Objects.requireNonNull(lastGood, "lastGood cannot be null");
    recoveries = List.copyOf(recoveries);
  }

  /**
   * Whether the log is intact: every entry chains and verifies, it ends with a closing checkpoint, and it
   * holds every anchored entry with its anchored hash. Without anchors ({@link #anchored()} false) this is
   * prefix integrity only: see {@link #proves()}.
   */
  public boolean intact() {
    return finding.isEmpty();
  }

  /** Whether at least one anchor was checked: only then can a log cut back to a checkpoint be detected. */
  public boolean anchored() {
    return anchorsChecked > 0;
  }

  /** What this report proves and what it does not, in one sentence for an operator. */
  public String proves() {
    if (finding.isPresent()) {
      return "not intact: " + finding.get();
    }
    String base = "every entry chains, every checkpoint signature verifies and the log ends with a closing "
        + "checkpoint (seq " + lastCheckpointSeq + ")";
    if (anchored()) {
      return "anchored: " + base + ", and the log holds all " + anchorsChecked + " anchored entries with their "
          + "anchored hashes; a cut or a rewrite would show unless the anchors were cut or rewritten as well";
    }
    return "prefix integrity only (no anchor): " + base + "; a cut at a checkpoint cannot be detected: the log "
        + "may have held more entries or sessions after seq " + lastCheckpointSeq;
  }

  /**
   * A RECOVERY entry: the log was reopened after its writer did not close it, or after it was cut.
   *
   * @param line the 1-based line
   * @param seq the entry's sequence number
   * @param detail what the writer recorded on reopening
   */
  public record Recovery(long line, long seq, String detail) {

    /** Validates the components. */
    public Recovery {
      Objects.requireNonNull(detail, "detail cannot be null");
    }

    @Override
    public String toString() {
      return "RECOVERY at line " + line + " (seq " + seq + "): " + detail;
    }
  }

  /**
   * The first problem.
   *
   * @param kind what kind of tampering or damage
   * @param line the 1-based line (or row position) where it shows; 0 when it is not at a line of the log
   *     (an empty log, the anchors)
   * @param seq the sequence number of the first bad or missing entry (0 when unknown)
   * @param detail what was seen, for an operator; never entry content
   */
  public record Finding(Tampering kind, long line, long seq, String detail) {

    /** Validates the components. */
    public Finding {
      Objects.requireNonNull(kind, "kind cannot be null");
      Objects.requireNonNull(detail, "detail cannot be null");
    }

    @Override
    public String toString() {
      return kind + (line > 0 ? " at line " + line : "") + (seq > 0 ? " (seq " + seq + ")" : "") + ": " + detail;
    }
  }
}
