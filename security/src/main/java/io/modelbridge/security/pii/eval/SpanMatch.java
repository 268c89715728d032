package io.modelbridge.security.pii.eval;

/** When a finding counts as the labelled value: same type always, and then its span. */
public enum SpanMatch {
  /** Same start and same end. */
  EXACT,
  /**
   * At least one character in common. Each label matches at most one finding and each finding at most one
   * label, so a value split in two counts once found and once false.
   */
  OVERLAP
}
