package io.modelbridge.security.pii.eval;

/**
 * Counts of one slice of an evaluation and the measures derived from them.
 *
 * @param truePositives labels matched by a finding
 * @param falsePositives findings that match no label
 * @param falseNegatives labels that no finding matches
 */
public record Score(int truePositives, int falsePositives, int falseNegatives) {

  /** No labels, no findings. */
  public static final Score EMPTY = new Score(0, 0, 0);

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public Score {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("counts must not be negative, were tp=" + truePositives + " fp="
          + falsePositives + " fn=" + falseNegatives);
    }
  }

  /** The number of labels: true positives plus false negatives. */
  public int labelled() {
    return truePositives + falseNegatives;
  }

  /** The number of findings: true positives plus false positives. */
  public int found() {
    return truePositives + falsePositives;
  }

  /** Share of findings that are labelled values; 1.0 when nothing was found (nothing false was said). */
  public double precision() {
    return found() == 0 ? 1.0 : truePositives / (double) found();
  }

  /** Share of labelled values found; 1.0 when nothing was labelled (nothing was missed). */
  public double recall() {
    return labelled() == 0 ? 1.0 : truePositives / (double) labelled();
  }

  /** Harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The sum of both counts. */
  public Score plus(Score other) {
    return new Score(truePositives + other.truePositives, falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }
}
