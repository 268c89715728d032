package io.modelbridge.adapters.spi;

/** What running an operation does to the system: governance treats each differently. */
public enum Effect {
  /** Changes nothing; may run without approval. */
  READ,
  /** Changes the system, but applying it twice leaves the same state as applying it once. */
  IDEMPOTENT_WRITE,
  /** Changes the system; repeating it changes it again. */
  WRITE;

  /** Whether the operation changes the system. */
  public boolean writes() {
    return this != READ;
  }
}
