package io.modelbridge.mapping.freshness;

import io.modelbridge.core.ModelBridgeException;
import java.util.Optional;

/**
 * A write-back was refused because the record changed after the decision was made: the decision was based
 * on one version, the system now holds another. Not retryable as is: read the record again, decide again.
 */
public class WriteConflictException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final String locator;
  private final String basedOnVersion;
  private final String currentVersion;

  /**
   * @param locator {@code system/entity/key} of the record
   * @param basedOnVersion the version the decision was based on
   * @param currentVersion the version the system holds now, or null if the record no longer exists
   * @param cause the adapter's conflict, or null when the guard found it
   */
  public WriteConflictException(String locator, String basedOnVersion, String currentVersion, Throwable cause) {
    super("write-back to " + locator + " refused: the decision was based on version '" + basedOnVersion
        + "' but the current version is " + (currentVersion == null ? "none (the record was deleted)"
        : "'" + currentVersion + "'") + "; read the record again and decide again", cause, false);
    this.locator = locator;
    this.basedOnVersion = basedOnVersion;
    this.currentVersion = currentVersion;
  }

  /** {@code system/entity/key} of the record. */
  public String locator() {
    return locator;
  }

  /** The version the decision was based on. */
  public String basedOnVersion() {
    return basedOnVersion;
  }

  /** The version the system holds now; empty if the record was deleted. */
  public Optional<String> currentVersion() {
    return Optional.ofNullable(currentVersion);
  }
}
