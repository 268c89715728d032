package io.modelbridge.cli;

import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.mapping.Counts;
import io.modelbridge.mapping.EntityFile;
import io.modelbridge.mapping.FileDeadLetterSink;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.RecordFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelbridge map}: applies a mapping file to a CSV or JSON-lines file (or, with {@code --replay},
 * to the records of an earlier rejects file), writes the canonical entities as JSON lines and the rejected
 * records (with reasons, in the dead-letter format that {@link FileDeadLetterSink#replay} reads) to a
 * rejects file, and prints the counts, which always add up: {@code in = delivered + rejected}.
 *
 * <p>A record that cannot be read (bad UTF-8, a lone surrogate, a CSV row with the wrong number of cells, a
 * line that is not a JSON object) is rejected with its line and reason; the run goes on. Both files are
 * written beside their targets and moved into place only when the run succeeds, so a failed run leaves the
 * previous files untouched and no partial output. An output or rejects path that is the input (or the
 * mapping, or each other), also through a link or a {@code ..} path, is refused before anything is opened.
 *
 * <p>Exit codes: 0 every record delivered; 1 some rejected; 2 bad usage, an invalid mapping, an
 * unreadable input or a failed write (nothing written then; the counts so far are printed).
 */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = {
        "Apply a mapping file to a CSV or JSON-lines file (or replay a rejects file); write mapped JSON lines"
            + " and rejects, and print in=N delivered=N rejected=N.",
        "A record that cannot be read is rejected with its line and reason, and the run goes on. Output and"
            + " rejects replace their files only when the run succeeds; a failed run changes nothing.",
        "Exit codes: 0 all delivered, 1 some rejected, 2 usage error, invalid mapping, unreadable input or"
            + " failed write."},
    footer = {"", "Examples:",
        "  modelbridge map --mapping customers.yaml --input export.csv --output customers.jsonl --rejects rejects.jsonl",
        "  modelbridge map --mapping customers-fixed.yaml --replay rejects.jsonl --output recovered.jsonl"
            + " --rejects still-rejected.jsonl"})
public final class MapCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--mapping", required = true, description = "mapping file (.yaml, .yml or .json)")
  Path mapping;

  @Option(names = "--input", description = "input records (.csv with header row, .jsonl); or use --replay")
  Path input;

  @Option(names = "--replay", paramLabel = "REJECTS_FILE",
      description = "re-map the records of an earlier rejects file instead of --input (for example after fixing"
          + " the mapping); the file itself is not changed")
  Path replay;

  @Option(names = "--output", required = true,
      description = "mapped entities, one JSON object per line (replaced when the run succeeds)")
  Path output;

  @Option(names = "--rejects", required = true,
      description = "rejected records with reasons, one JSON object per line (replayable; replaced when the run"
          + " succeeds; must differ from the --replay file)")
  Path rejects;

  @Option(names = "--delimiter", defaultValue = ",",
      description = "CSV column separator, one ASCII character (default ','; ';' for many European exports)")
  char delimiter;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) {
    if ((input == null) == (replay == null)) {
      err.println("give either --input FILE or --replay REJECTS_FILE (exactly one)");
      return 2;
    }
    Path source = input != null ? input : replay;
    Optional<String> clash = clash(source);
    if (clash.isPresent()) {
      err.println(clash.get());
      return 2;
    }
    Mapping m;
    try {
      m = Mapping.load(mapping);
    } catch (ModelBridgeException e) {
      err.println("invalid mapping: " + e.getMessage());
      return 2;
    }
    long[] sofar = new long[2];
    Counts counts;
    try (EntityFile entities = EntityFile.replacing(output);
        FileDeadLetterSink sink = FileDeadLetterSink.replacing(rejects)) {
      java.util.function.Consumer<io.modelbridge.mapping.CanonicalEntity> delivered = e -> {
        entities.accept(e);
        sofar[0]++;
      };
      io.modelbridge.mapping.DeadLetterSink rejected = r -> {
        sink.accept(r);
        sofar[1]++;
      };
      if (replay != null) {
        counts = FileDeadLetterSink.replay(replay, m, delivered, rejected);
      } else {
        try (RecordFile records = RecordFile.open(input, delimiter)) {
          counts = m.mapStream(records, delivered, rejected);
        }
      }
      entities.commit();
      sink.commit();
    } catch (ModelBridgeException | IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("cannot map " + source + ": " + e.getMessage());
      err.printf("stopped: nothing written (%s and %s are unchanged); run again after fixing the cause%n",
          output, rejects);
      out.printf("in=%d delivered=%d rejected=%d (stopped before the end; nothing written)%n",
          sofar[0] + sofar[1], sofar[0], sofar[1]);
      return 2;
    }
    out.printf("in=%d delivered=%d rejected=%d%n", counts.in(), counts.delivered(), counts.rejected());
    if (counts.rejected() > 0) {
      out.println("rejected records and their reasons: " + rejects);
    }
    return counts.rejected() == 0 ? 0 : 1;
  }

  /**
   * Why the files cannot be used together, if they cannot: an output that is an input would destroy it
   * (and the run would read what it writes). Compares the paths with links and {@code ..} resolved, and
   * existing files by identity ({@link Files#isSameFile}, which also catches hard links).
   */
  private Optional<String> clash(Path source) {
    Map<String, Path> files = new LinkedHashMap<>();
    files.put(input != null ? "--input" : "--replay", source);
    files.put("--mapping", mapping);
    files.put("--output", output);
    files.put("--rejects", rejects);
    List<String> names = List.copyOf(files.keySet());
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        String a = names.get(i);
        String b = names.get(j);
        if (!a.equals("--output") && !a.equals("--rejects") && !b.equals("--output") && !b.equals("--rejects")) {
          continue; // two files that are only read may be anything
        }
        if (same(files.get(a), files.get(b))) {
          return Optional.of(a + " " + files.get(a) + " and " + b + " " + files.get(b) + " are the same file"
              + " (through a link or another path); nothing was opened for writing and nothing changed."
              + " Give " + b + " another file");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean same(Path a, Path b) {
    if (resolve(a).equals(resolve(b))) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The path with links and {@code ..} resolved; for a file that does not exist yet, its folder's. */
  private static Path resolve(Path p) {
    Path abs = p.toAbsolutePath();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      // what does not exist cannot be a link, so normalizing the rest is safe
      Path parent = abs.getParent();
      return parent == null ? abs.normalize() : resolve(parent).resolve(abs.getFileName()).normalize();
    }
  }
}
