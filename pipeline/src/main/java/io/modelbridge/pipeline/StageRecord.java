package io.modelbridge.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one stage did: a one-line summary and details (counts, names, kinds; never personal values), and the
 * sequence number of its audit entry when audit is on.
 *
 * @param stage the stage
 * @param summary one line for people
 * @param details facts in insertion order
 * @param auditSeq the audit log sequence number of this stage's entry, if audited
 */
public record StageRecord(Stage stage, String summary, Map<String, String> details, OptionalLong auditSeq) {

  /** Validates and copies the components. */
  public StageRecord {
    Objects.requireNonNull(stage, "stage cannot be null");
    Objects.requireNonNull(summary, "summary cannot be null");
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details cannot be null")));
    Objects.requireNonNull(auditSeq, "auditSeq cannot be null");
  }

  /** One printable line: stage, summary, details and audit sequence. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-16s %s", stage, summary));
    if (!details.isEmpty()) {
      sb.append(" ").append(details);
    }
    auditSeq.ifPresent(s -> sb.append(" [audit #").append(s).append(']'));
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
