package io.modelbridge.pipeline.pack;

import io.modelbridge.core.ModelBridgeException;

/** A domain pack could not be loaded: the message names the file, the key and what to do. */
public final class PackLoadException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param file the pack file (path or classpath resource)
   * @param key the key in that file, or {@code (file)} for the whole file
   * @param what what is wrong and what to do
   * @param cause the underlying failure, if any
   */
  public PackLoadException(String file, String key, String what, Throwable cause) {
    super("domain pack file " + file + ", key '" + key + "': " + what, cause, false);
  }
}
