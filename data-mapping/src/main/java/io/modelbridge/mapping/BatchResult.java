package io.modelbridge.mapping;

import java.util.List;

/**
 * The result of mapping a batch held in memory.
 *
 * @param delivered the canonical entities, in input order
 * @param rejected the rejected records with reasons, in input order
 * @param counts the counts; {@code counts.in() == delivered.size() + rejected.size()}
 */
public record BatchResult(List<CanonicalEntity> delivered, List<Rejection> rejected, Counts counts) {

  /** Copies the lists and checks the counts against them. */
  public BatchResult {
    delivered = List.copyOf(delivered);
    rejected = List.copyOf(rejected);
    if (counts.delivered() != delivered.size() || counts.rejected() != rejected.size()) {
      throw new IllegalArgumentException("counts " + counts + " do not match the lists");
    }
  }
}
