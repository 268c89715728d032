package io.modelbridge.mapping;

import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.mapping.internal.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JSON-lines file of canonical entities ({@link CanonicalEntity#toJson()}, one per line, UTF-8) that
 * replaces the file at its path all at once: lines go to a temporary file in the same folder, and
 * {@link #commit()} moves it over the previous file atomically. A run that fails, or a process that dies,
 * before the commit leaves the previous file exactly as it was and no partial file, so a run can simply
 * be repeated: no record is ever written twice and no line is ever torn. A path that is a symbolic link is
 * followed: the link keeps pointing at the new content.
 *
 * <pre>{@code
 * try (RecordFile in = RecordFile.open(input);
 *     EntityFile out = EntityFile.replacing(output);
 *     FileDeadLetterSink rejects = FileDeadLetterSink.replacing(rejectsFile)) {
 *   Counts counts = mapping.mapStream(in, out, rejects);
 *   out.commit();
 *   rejects.commit();
 * }
 * }</pre>
 *
 * <p>A replaced file keeps its POSIX permissions; a file created anew is readable by its owner only (it
 * holds business data). Not thread-safe.
 */
public final class EntityFile implements Consumer<CanonicalEntity>, AutoCloseable {

  private final AtomicFile file;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private long written;
  private boolean closed;

  private EntityFile(AtomicFile file) {
    this.file = file;
  }

  /**
   * Starts a new file that replaces {@code path} on {@link #commit()}.
   *
   * @throws ModelBridgeException if the folder cannot be written
   */
  public static EntityFile replacing(Path path) {
    Objects.requireNonNull(path, "path cannot be null");
    return new EntityFile(AtomicFile.replacing(path, "output file"));
  }

  /**
   * Writes one entity as one whole line.
   *
   * @throws ModelBridgeException if the entity holds text UTF-8 cannot encode (a lone surrogate: the
   *     mapping rejects such records, so this means a consumer built the entity by hand) or the write fails
   */
  @Override
  public void accept(CanonicalEntity entity) {
    Objects.requireNonNull(entity, "entity cannot be null");
    if (closed) {
      throw new ModelBridgeException("output file " + file.target() + " is already committed or closed", false);
    }
    byte[] line;
    try {
      ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(entity.toJson() + "\n"));
      line = new byte[bytes.remaining()];
      bytes.get(line);
    } catch (CharacterCodingException e) {
      throw new ModelBridgeException("entity '" + entity.key() + "' holds text that is not valid Unicode (a"
          + " lone surrogate) and cannot be written as UTF-8; reject such records before writing", e, false);
    }
    try {
      file.write(line);
      written++;
    } catch (IOException e) {
      throw new ModelBridgeException("cannot write to the temporary output of " + file.target() + ": "
          + e.getMessage() + "; the previous file is unchanged", e, true);
    }
  }

  /** How many entities were written. */
  public long written() {
    return written;
  }

  /** The file replaced on commit (symbolic links resolved). */
  public Path file() {
    return file.target();
  }

  /**
   * Forces the new content to the device and moves it over the previous file atomically.
   *
   * @throws ModelBridgeException if that fails; the previous file is then unchanged
   */
  public void commit() {
    if (closed) {
      throw new ModelBridgeException("output file " + file.target() + " was closed without a commit; nothing"
          + " was written, run again", false);
    }
    closed = true;
    file.commit();
  }

  /** Drops everything written unless {@link #commit()} was called; the previous file stays. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      file.abort();
    }
  }
}
