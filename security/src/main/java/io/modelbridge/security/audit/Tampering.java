package io.modelbridge.security.audit;

/** What the verifier found wrong with an audit log. */
public enum Tampering {
  /** An entry's content does not match its hash, a rewritten entry breaks the chain, or a checkpoint
   * signature does not verify (the chain was rewritten, or the wrong key was given). */
  MODIFIED,
  /** Sequence numbers jump: entries are missing. */
  DELETED,
  /** An entry appears twice or a forged entry sits in the chain. */
  INSERTED,
  /** Entries are all there but out of order. */
  REORDERED,
  /** The log does not end with a closing signed checkpoint: its tail was cut (or the writer never closed). */
  TRUNCATED,
  /** The last line is incomplete (no newline): a crash mid-write or a cut in the middle of an entry. */
  TORN,
  /** The log cannot be read at all: missing, not an audit log, or an I/O error. */
  UNREADABLE
}
