package io.modelbridge.adapters.file;

import java.util.List;
import java.util.Objects;

/**
 * What a read of the file met so far. The counts always add up:
 * {@code linesRead == delivered + rejected + unmatched}.
 *
 * <p>A "line" is one record of the file: a physical line, or for CSV a record whose quoted field spans
 * several physical lines; a header line is not counted.
 *
 * @param linesRead the records read from the file
 * @param delivered the records handed to the caller
 * @param rejected the lines that could not be read (all of them went to the reject sink)
 * @param unmatched the records that were read but did not match the query's filter
 * @param firstRejects the first rejected lines, up to the configured {@code rejects.keep} limit
 */
public record ReadReport(long linesRead, long delivered, long rejected, long unmatched, List<RejectedLine> firstRejects) {

  /** Validates the components. */
  public ReadReport {
    firstRejects = List.copyOf(Objects.requireNonNull(firstRejects, "firstRejects cannot be null"));
    if (linesRead != delivered + rejected + unmatched) {
      throw new IllegalArgumentException("counts do not add up: " + linesRead + " read, " + delivered
          + " delivered, " + rejected + " rejected, " + unmatched + " unmatched");
    }
  }
}
