package io.modelbridge.pipeline;

/** The stages of a pipeline call, in the order they run. */
public enum Stage {
  /** Records read from the business systems through their adapters. */
  FETCH,
  /** Records mapped to canonical entities; bad records rejected with their reason. */
  MAP,
  /** Freshness (maximum age) of the mapped data checked. */
  CHECK_DATA,
  /** Live context (for example recent events of one customer) added. */
  LIVE_CONTEXT,
  /** Personal data replaced by tokens scoped to the conversation. */
  PSEUDONYMIZE,
  /** Prompt built from the domain pack's template. */
  PROMPT,
  /** The model called. */
  MODEL,
  /** The structured answer checked against the pack's schema and rules. */
  VALIDATE_ANSWER,
  /** Personal data restored in the answer. */
  RESTORE,
  /** The pack's action run through governed tools (approval, conflict check). */
  ACT
}
