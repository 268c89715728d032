package io.modelbridge.mapping.reconcile;

import java.util.List;

/**
 * The outcome of a reconciliation. Every key seen is counted exactly once as matched, mismatched, missing
 * left or missing right, so {@code left == matched + mismatched + missingRight + duplicatesLeft} and
 * {@code right == matched + mismatched + missingLeft + duplicatesRight}.
 *
 * @param left entities read from the left side
 * @param right entities read from the right side
 * @param matched keys on both sides with equal fields
 * @param mismatched keys on both sides with at least one differing field
 * @param missingLeft keys on the right side only
 * @param missingRight keys on the left side only
 * @param fieldMismatches differing fields in all
 * @param duplicatesLeft repeated keys on the left side (not compared)
 * @param duplicatesRight repeated keys on the right side (not compared)
 * @param sample the first differences, at most the reconciler's {@code sampleSize}; all of them go to the
 *     listener
 */
public record ReconciliationReport(
    long left, long right, long matched, long mismatched, long missingLeft, long missingRight,
    long fieldMismatches, long duplicatesLeft, long duplicatesRight, List<Difference> sample) {

  /** Copies the sample. */
  public ReconciliationReport {
    sample = List.copyOf(sample);
  }

  /** Whether both sides hold the same keys with equal fields. */
  public boolean consistent() {
    return mismatched == 0 && missingLeft == 0 && missingRight == 0 && duplicatesLeft == 0 && duplicatesRight == 0;
  }
}
