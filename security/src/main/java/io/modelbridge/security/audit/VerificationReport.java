package io.modelbridge.security.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found.
 *
 * @param lines lines read
 * @param lastCheckpointSeq sequence number of the last checkpoint whose signature verified, 0 if none
 * @param finding the first problem, empty when the log is intact
 * @param lastGood the last entry that verified (seq and hash), to keep as an external {@link Anchor};
 *     empty when none did
 */
public record VerificationReport(long lines, long lastCheckpointSeq, Optional<Finding> finding,
    Optional<Anchor> lastGood) {

  /** Validates the components. */
  public VerificationReport {
    Objects.requireNonNull(finding, "finding cannot be null");
    Objects.requireNonNull(lastGood, "lastGood cannot be null");
  }

  /** Whether the log is intact: every entry chains and verifies and it ends with a closing checkpoint. */
  public boolean intact() {
    return finding.isEmpty();
  }

  /**
   * The first problem.
   *
   * @param kind what kind of tampering or damage
   * @param line the 1-based line (or row position) where it shows
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
      return kind + " at line " + line + (seq > 0 ? " (seq " + seq + ")" : "") + ": " + detail;
    }
  }
}
