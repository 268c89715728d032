package io.modelbridge.mapping.internal;

import io.modelbridge.core.ModelBridgeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file replaced all at once: lines go to a temporary file in the target's folder, and {@link #commit()}
 * forces it to the device and moves it over the target with {@code ATOMIC_MOVE}. Until then the previous
 * file is untouched; {@link #abort()} (or a crash) leaves it so, and no partial output is ever visible
 * under the target's name. Lines are written whole, so even the temporary file holds no torn line unless
 * the machine itself stops mid-write. Not thread-safe: callers synchronize.
 */
public final class AtomicFile {

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean done;

  private AtomicFile(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  /**
   * Starts replacing {@code target}; the path is resolved through symbolic links, so a link keeps pointing
   * at the new content.
   *
   * @param what what the file is, for messages ("output file", "dead-letter file")
   * @throws ModelBridgeException if the folder cannot be written
   */
  public static AtomicFile replacing(Path target, String what) {
    Path resolved = resolve(target);
    Path dir = resolved.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + resolved.getFileName() + ".", ".tmp");
      return new AtomicFile(resolved, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new ModelBridgeException("cannot create a temporary " + what + " beside " + resolved + ": "
          + e.getMessage() + "; check that its folder exists and is writable", e, false);
    }
  }

  /** The path with every symbolic link resolved; for a path that does not exist yet, its folder's. */
  public static Path resolve(Path p) {
    Path abs = p.toAbsolutePath();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      // what does not exist cannot be a link, so normalizing the rest is safe
      Path parent = abs.getParent();
      return parent == null ? abs.normalize() : resolve(parent).resolve(abs.getFileName()).normalize();
    }
  }

  /** The file that {@link #commit()} replaces. */
  public Path target() {
    return target;
  }

  /** Appends bytes (one or more whole lines). @throws IOException if the write fails */
  public void write(byte[] bytes) throws IOException {
    if (done) {
      throw new IOException("the replacement of " + target + " is already committed or aborted");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** Forces what was written to the device. @throws IOException if that fails */
  public void force() throws IOException {
    channel.force(false);
  }

  /**
   * Forces the content and moves it over the target atomically.
   *
   * @throws ModelBridgeException if that fails; the previous file is then left as it was
   */
  public void commit() {
    if (done) {
      return;
    }
    try {
      channel.force(false);
      channel.close();
      keepPermissions();
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + target + " cannot replace files atomically", e);
      }
      done = true;
      forceFolder(target.getParent());
    } catch (IOException e) {
      abort();
      throw new ModelBridgeException("cannot replace " + target + ": " + e.getMessage()
          + "; the previous file is unchanged", e, true);
    }
  }

  /** Drops what was written; the target stays as it was. Idempotent; never throws. */
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    try {
      channel.close();
    } catch (IOException e) {
      // the temp file is deleted below either way
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // a leftover hidden .tmp file holds no visible output; nothing more can be done here
    }
  }

  /** A replaced file keeps its POSIX permissions; a new one stays owner-only, as the temp file was made. */
  private void keepPermissions() {
    try {
      if (Files.exists(target)) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: the new file has the folder's default permissions
    }
  }

  private static void forceFolder(Path dir) {
    // makes the rename itself durable where the platform allows opening a folder (Linux, macOS)
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported here (Windows): the rename is still atomic, only its durability is the OS's
    }
  }
}
