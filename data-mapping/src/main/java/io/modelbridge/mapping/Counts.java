package io.modelbridge.mapping;

/**
 * How many records went in and how many were delivered and rejected; {@code in == delivered + rejected}
 * always holds (the constructor refuses anything else).
 *
 * @param in records read
 * @param delivered records mapped and valid
 * @param rejected records rejected with reasons
 */
public record Counts(long in, long delivered, long rejected) {

  /** @throws IllegalArgumentException if a count is negative or in != delivered + rejected */
  public Counts {
    if (in < 0 || delivered < 0 || rejected < 0 || in != delivered + rejected) {
      throw new IllegalArgumentException(
          "counts must satisfy in = delivered + rejected, were " + in + ", " + delivered + ", " + rejected);
    }
  }
}
