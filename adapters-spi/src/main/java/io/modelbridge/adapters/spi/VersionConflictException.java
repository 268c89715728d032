package io.modelbridge.adapters.spi;

import java.util.Optional;

/**
 * A write was based on a version of the record that is no longer current: somebody changed it meanwhile.
 * Not retryable as is: read the record again, decide again, and write with the new version.
 */
public class VersionConflictException extends AdapterException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String expectedVersion;
  private final String currentVersion;

  /**
   * @param key the record's key string
   * @param expectedVersion the version the write was based on
   * @param currentVersion the version the system holds now, if it could be read (null when deleted)
   */
  public VersionConflictException(
      String systemId, String operation, String key, String expectedVersion, String currentVersion) {
    super(systemId, operation, "record '" + key + "' changed since it was read: the write was based on version '"
        + expectedVersion + "' but the current version is "
        + (currentVersion == null ? "unknown (deleted?)" : "'" + currentVersion + "'")
        + "; read it again and retry with the current version", false, null);
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }

  /** The record's key string. */
  public String key() {
    return key;
  }

  /** The version the write was based on. */
  public String expectedVersion() {
    return expectedVersion;
  }

  /** The version the system holds now, if known. */
  public Optional<String> currentVersion() {
    return Optional.ofNullable(currentVersion);
  }
}
