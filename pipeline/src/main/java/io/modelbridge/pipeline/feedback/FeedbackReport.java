package io.modelbridge.pipeline.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Acceptance per domain pack version, so the business can compare versions.
 *
 * @param rows one row per pack id and version, sorted
 */
public record FeedbackReport(List<Row> rows) {

  /**
   * One pack version's figures.
   *
   * @param packId the pack id
   * @param packVersion the pack version
   * @param accepted answers used as proposed
   * @param edited answers used after changes
   * @param rejected answers not used
   */
  public record Row(String packId, String packVersion, long accepted, long edited, long rejected) {
    /** All answers with feedback. */
    public long total() {
      return accepted + edited + rejected;
    }

    /** Accepted share of all answers with feedback, 0 to 1 (0 when there is none). */
    public double acceptance() {
      return total() == 0 ? 0 : (double) accepted / total();
    }
  }

  /** Validates and copies the rows. */
  public FeedbackReport {
    rows = List.copyOf(rows);
  }

  /** The report over {@code feedback}. */
  public static FeedbackReport of(List<Feedback> feedback) {
    Objects.requireNonNull(feedback, "feedback cannot be null");
    Map<String, long[]> counts = new TreeMap<>();
    for (Feedback f : feedback) {
      long[] c = counts.computeIfAbsent(f.packId() + "\u0000" + f.packVersion(), k -> new long[3]);
      c[f.outcome().ordinal()]++;
    }
    List<Row> rows = new ArrayList<>();
    counts.forEach((k, c) -> {
      String[] parts = k.split("\u0000", 2);
      rows.add(new Row(parts[0], parts[1], c[0], c[1], c[2]));
    });
    return new FeedbackReport(rows);
  }

  /** A printable table: pack, version, accepted, edited, rejected, acceptance. */
  public String describe() {
    StringBuilder sb = new StringBuilder(String.format("%-12s %-8s %8s %6s %8s %10s%n", "pack", "version",
        "accepted", "edited", "rejected", "acceptance"));
    for (Row r : rows) {
      sb.append(String.format(java.util.Locale.ROOT, "%-12s %-8s %8d %6d %8d %9.0f%%%n", r.packId(),
          r.packVersion(), r.accepted(), r.edited(), r.rejected(), r.acceptance() * 100));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
