package io.modelbridge.adapters.spi;

/** What an operation does. Callers must tolerate constants added later. */
public enum OperationKind {
  /** Finds records matching the input; may return millions, streamed. */
  QUERY,
  /** Reads one record by key. */
  GET,
  /** Creates a record. */
  CREATE,
  /** Updates a record; takes the expected version for optimistic concurrency. */
  UPDATE,
  /** Deletes a record; takes the expected version where the system has one. */
  DELETE,
  /**
   * Subscribe-style change feed: returns the records changed since a cursor given in the input (poll it
   * to follow changes); each record's source carries the cursor to resume from in its version.
   */
  SUBSCRIBE
}
