package io.modelbridge.mapping;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.internal.AtomicFile;
import io.modelbridge.mapping.internal.RawRecords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The default {@link DeadLetterSink}: appends each rejection as one JSON line to a file, so that it survives
 * a crash and can be {@linkplain #replay(Path, Mapping, Consumer, DeadLetterSink) replayed} after the mapping
 * or the data is fixed.
 *
 * <p>Each line holds the mapping name, the source key, the provenance ({@code system}, {@code entity},
 * {@code key}, {@code version}, {@code fetchedAt}), the source record as received, the violations and the
 * time of rejection. The file therefore holds source data, including personal data: protect it like the
 * source system (file permissions, retention), and delete it once replayed.
 *
 * <p>Each record is kept <em>exactly</em> as received: every character outside ASCII is written as a
 * JSON escape ({@code \u00e9}, a lone surrogate as {@code \uD800}), so nothing is ever replaced by
 * {@code ?}; bytes that were not valid UTF-8 are kept as Base64 ({@code "dataEncoding":"base64"}). A
 * record read from a file keeps its {@code origin} ({@code file:line}), so that replaying a record
 * without a key still names it by where it came from.
 *
 * <p>Two ways to write: {@link #open(Path)} appends to the file, each line written whole;
 * {@link #replacing(Path)} writes a new file that replaces the old one only on {@link #commit()}
 * (temporary file in the same folder, then an atomic move), so a failed or interrupted run leaves the
 * previous file untouched and no partial file. The {@code modelbridge map} command uses the latter.
 *
 * <p>Durability ({@link Fsync}, appending sinks): {@code EVERY_RECORD} forces each line to the device before
 * {@link #accept(Rejection)} returns (safest, slowest); {@code ON_CLOSE} (the default) forces once on
 * {@link #close()}, so a crash of the machine (not of the JVM: written lines are in the OS cache) can lose
 * the lines since the last close; {@code NEVER} leaves it to the operating system. A line cut short by a
 * crash is reported on replay as an unreadable letter, not skipped.
 *
 * <p>Thread-safe.
 */
public final class FileDeadLetterSink implements DeadLetterSink, AutoCloseable {

  /** When written lines are forced to the storage device. */
  public enum Fsync {
    /** After every record. */
    EVERY_RECORD,
    /** When the sink is closed. */
    ON_CLOSE,
    /** Never explicitly. */
    NEVER
  }

  /** Writes every non-ASCII character as an escape, so the file is ASCII and every string survives as is. */
  private static final ObjectWriter LETTER = DataJson.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private final Path file;
  private final FileChannel channel;
  private final AtomicFile replacement;
  private final Fsync fsync;
  private final Clock clock;
  private long written;
  private boolean closed;

  private FileDeadLetterSink(Path file, FileChannel channel, AtomicFile replacement, Fsync fsync, Clock clock) {
    this.file = file;
    this.channel = channel;
    this.replacement = replacement;
    this.fsync = fsync;
    this.clock = clock;
  }

  /**
   * Opens (creating if needed) a dead-letter file for appending, forcing writes on close.
   *
   * @throws ModelBridgeException if the file cannot be opened
   */
  public static FileDeadLetterSink open(Path file) {
    return open(file, Fsync.ON_CLOSE, Clock.systemUTC());
  }

  /**
   * Opens (creating if needed) a dead-letter file for appending.
   *
   * @param fsync when lines are forced to the device
   * @param clock the clock stamping each rejection
   * @throws ModelBridgeException if the file cannot be opened
   */
  public static FileDeadLetterSink open(Path file, Fsync fsync, Clock clock) {
    Objects.requireNonNull(file, "file cannot be null");
    Objects.requireNonNull(fsync, "fsync cannot be null");
    Objects.requireNonNull(clock, "clock cannot be null");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      return new FileDeadLetterSink(file, ch, null, fsync, clock);
    } catch (IOException e) {
      throw new ModelBridgeException("cannot open dead-letter file " + file + ": " + e.getMessage()
          + "; check the path and permissions", e, false);
    }
  }

  /**
   * Starts a new dead-letter file that replaces {@code file} on {@link #commit()}; until then, and for
   * ever if the sink is closed without a commit, {@code file} stays as it was. A replaced file keeps its
   * POSIX permissions; a file created anew is readable by its owner only (it holds source data).
   *
   * @throws ModelBridgeException if the folder cannot be written
   */
  public static FileDeadLetterSink replacing(Path file) {
    return replacing(file, Clock.systemUTC());
  }

  /**
   * As {@link #replacing(Path)}, stamping each rejection with {@code clock}.
   *
   * @throws ModelBridgeException if the folder cannot be written
   */
  public static FileDeadLetterSink replacing(Path file, Clock clock) {
    Objects.requireNonNull(file, "file cannot be null");
    Objects.requireNonNull(clock, "clock cannot be null");
    return new FileDeadLetterSink(file, null, AtomicFile.replacing(file, "dead-letter file"), Fsync.ON_CLOSE,
        clock);
  }

  /**
   * Appends one rejection.
   *
   * @throws ModelBridgeException if it cannot be written (disk full, closed sink); retryable
   */
  @Override
  public synchronized void accept(Rejection rejection) {
    Objects.requireNonNull(rejection, "rejection cannot be null");
    if (closed) {
      throw new ModelBridgeException("dead-letter file " + file + " is closed; open a new sink", false);
    }
    byte[] line = line(toJson(rejection, clock.instant()));
    try {
      if (replacement != null) {
        replacement.write(line);
      } else {
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
        if (fsync == Fsync.EVERY_RECORD) {
          channel.force(false);
        }
      }
      written++;
    } catch (IOException e) {
      throw new ModelBridgeException("cannot write rejection of record '" + rejection.sourceKey() + "' to " + file
          + ": " + e.getMessage(), e, true);
    }
  }

  /** One letter as one line of ASCII bytes. */
  static byte[] line(ObjectNode letter) {
    try {
      byte[] json = LETTER.writeValueAsBytes(letter);
      byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
      out[json.length] = '\n';
      return out;
    } catch (IOException e) {
      throw new ModelBridgeException("cannot encode a rejection as JSON (" + e.getClass().getSimpleName()
          + "); report this with the mapping name", e, false);
    }
  }

  /**
   * Publishes a {@link #replacing(Path) replacing} sink's file: forces it and moves it over the previous
   * file atomically, then closes the sink. For an appending sink the same as {@link #close()}.
   *
   * @throws ModelBridgeException if the file cannot be replaced; the previous file is then unchanged
   */
  public synchronized void commit() {
    if (replacement == null) {
      close();
      return;
    }
    if (closed) {
      throw new ModelBridgeException("dead-letter file " + file + " was closed without a commit; nothing was"
          + " written, run again", false);
    }
    closed = true;
    replacement.commit();
  }

  /** How many rejections this sink wrote. */
  public synchronized long written() {
    return written;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * Forces what was written (unless {@link Fsync#NEVER}) and closes the file; a {@link #replacing(Path)
   * replacing} sink that was not committed drops what it wrote and leaves the previous file. Idempotent.
   *
   * @throws ModelBridgeException if the final force fails
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (replacement != null) {
      replacement.abort();
      return;
    }
    try (channel) {
      if (fsync != Fsync.NEVER) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new ModelBridgeException("cannot flush dead-letter file " + file + ": " + e.getMessage(), e, true);
    }
  }

  static ObjectNode toJson(Rejection r, Instant at) {
    ObjectNode o = DataJson.nodes().objectNode();
    o.put("mapping", r.mapping());
    o.put("sourceKey", r.sourceKey());
    r.origin().ifPresent(origin -> o.put("origin", origin));
    r.source().ifPresent(s -> {
      ObjectNode src = o.putObject("source");
      src.put("system", s.systemId());
      src.put("entity", s.entity());
      src.set("key", DataJson.toNode(s.key()));
      s.version().ifPresent(v -> src.put("version", v));
      src.put("fetchedAt", s.fetchedAt().toString());
    });
    if (r.data().isBinary()) {
      o.put("dataEncoding", "base64");
      o.put("data", Base64.getEncoder().encodeToString(binary(r.data())));
    } else {
      o.set("data", r.data());
    }
    ArrayNode vs = o.putArray("violations");
    for (Violation v : r.violations()) {
      ObjectNode vo = vs.addObject();
      vo.put("path", v.path());
      vo.put("rule", v.rule());
      vo.put("value", v.value());
      vo.put("message", v.message());
    }
    o.put("rejectedAt", at.toString());
    return o;
  }

  private static byte[] binary(JsonNode n) {
    try {
      return n.binaryValue();
    } catch (IOException e) {
      throw new IllegalStateException("a binary node without bytes", e);
    }
  }

  /**
   * Reads the rejections stored in a dead-letter file. An unreadable line (cut short by a crash, edited by
   * hand) comes back as a rejection of mapping {@code (unreadable)} with the line's text as data.
   *
   * @throws ModelBridgeException if the file cannot be read
   */
  public static List<Rejection> read(Path file) {
    List<Rejection> out = new ArrayList<>();
    forEach(file, out::add);
    return out;
  }

  private static void forEach(Path file, Consumer<Rejection> consumer) {
    // each line decoded on its own: a damaged line costs that letter, never the ones after it
    try (RawRecords in = new RawRecords(Files.newInputStream(file), false, ',', RecordFile.MAX_RECORD_BYTES)) {
      RawRecords.Raw line;
      while ((line = in.next()) != null) {
        if (line.problem() != null) {
          String key = "line " + line.line();
          consumer.accept(new Rejection("(unreadable)", key, Optional.empty(), DataJson.nodes().binaryNode(line.bytes()),
              List.of(new Violation(key, "$", "deadLetter:unreadable", "", "dead-letter " + line.problem().message()
                  + "; inspect it by hand"))));
        } else if (!line.text().isBlank()) {
          consumer.accept(parse(line.text(), line.line()));
        }
      }
    } catch (IOException e) {
      throw new ModelBridgeException("cannot read dead-letter file " + file + ": " + e.getMessage(), e, true);
    }
  }

  private static Rejection parse(String line, long number) {
    try {
      JsonNode o = DataJson.mapper().readTree(line);
      Optional<SourceRef> source = Optional.empty();
      JsonNode s = o.get("source");
      if (s != null && s.isObject()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) DataJson.toJava(s.get("key"));
        source = Optional.of(new SourceRef(s.get("system").asText(), s.get("entity").asText(),
            key == null ? Map.of() : key,
            s.hasNonNull("version") ? Optional.of(s.get("version").asText()) : Optional.empty(),
            Instant.parse(s.get("fetchedAt").asText())));
      }
      List<Violation> violations = new ArrayList<>();
      String sourceKey = o.get("sourceKey").asText();
      for (JsonNode v : o.get("violations")) {
        violations.add(new Violation(sourceKey, v.get("path").asText(), v.get("rule").asText(),
            v.get("value").asText(), v.get("message").asText()));
      }
      JsonNode data = o.get("data");
      if ("base64".equals(o.path("dataEncoding").asText())) {
        data = DataJson.nodes().binaryNode(Base64.getDecoder().decode(data.asText()));
      }
      Optional<String> origin = o.hasNonNull("origin") ? Optional.of(o.get("origin").asText()) : Optional.empty();
      return new Rejection(o.get("mapping").asText(), sourceKey, source, data, violations, origin);
    } catch (IOException | RuntimeException e) {
      String key = "line " + number;
      return new Rejection("(unreadable)", key, Optional.empty(), DataJson.nodes().textNode(line),
          List.of(new Violation(key, "$", "deadLetter:unreadable", "",
              "dead-letter line cannot be read back (" + e.getClass().getSimpleName() + "); inspect it by hand")));
    }
  }

  /**
   * Replays a dead-letter file after a fix: every stored source record is mapped again with
   * {@code mapping}, and either delivered or rejected again (to {@code stillRejected}, typically a new
   * dead-letter file). Unreadable lines are rejected again as they are. The file itself is not changed;
   * delete or archive it once the replay succeeded.
   *
   * @return the counts of the replay; {@code in} is the number of letters in the file
   * @throws ModelBridgeException if the file cannot be read, or a consumer or the sink fails
   */
  public static Counts replay(Path file, Mapping mapping, Consumer<CanonicalEntity> delivered,
      DeadLetterSink stillRejected) {
    Objects.requireNonNull(mapping, "mapping cannot be null");
    Objects.requireNonNull(delivered, "delivered cannot be null");
    Objects.requireNonNull(stillRejected, "stillRejected cannot be null");
    long[] ok = {0};
    long[] bad = {0};
    forEach(file, r -> {
      if (r.mapping().equals("(unreadable)") || !r.data().isObject()) {
        stillRejected.accept(r);
        bad[0]++;
        return;
      }
      Object data = DataJson.toJava(r.data());
      MappingOutcome o = mapping.map(
          new SourceRecord(data == null ? new LinkedHashMap<>() : data, r.source(), r.origin()));
      if (o instanceof MappingOutcome.Delivered) {
        delivered.accept(((MappingOutcome.Delivered) o).entity());
        ok[0]++;
      } else {
        stillRejected.accept(((MappingOutcome.Rejected) o).rejection());
        bad[0]++;
      }
    });
    return new Counts(ok[0] + bad[0], ok[0], bad[0]);
  }
}
