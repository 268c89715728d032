package io.modelbridge.cli;

import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.mapping.Counts;
import io.modelbridge.mapping.FileDeadLetterSink;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.RecordFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelbridge map}: applies a mapping file to a CSV or JSON-lines file, writes the canonical entities
 * as JSON lines and the rejected records (with reasons, in the dead-letter format that
 * {@link FileDeadLetterSink#replay} reads) to a rejects file, and prints the counts.
 *
 * <p>Exit codes: 0 every record delivered; 1 some rejected; 2 the mapping is invalid or the input
 * unreadable (the output may then be partial; the counts printed so far say how far it got).
 */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = "Apply a mapping file to a CSV or JSON-lines file; write mapped JSON lines and rejects.")
public final class MapCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--mapping", required = true, description = "mapping file (.yaml, .yml or .json)")
  Path mapping;

  @Option(names = "--input", required = true, description = "input records (.csv with header row, .jsonl)")
  Path input;

  @Option(names = "--output", required = true, description = "mapped entities, one JSON object per line")
  Path output;

  @Option(names = "--rejects", required = true,
      description = "rejected records with reasons, one JSON object per line (replayable)")
  Path rejects;

  @Option(names = "--delimiter", defaultValue = ",",
      description = "CSV column separator, one character (default ','; ';' for many European exports)")
  char delimiter;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Mapping m;
    try {
      m = Mapping.load(mapping);
    } catch (ModelBridgeException e) {
      err.println("invalid mapping: " + e.getMessage());
      return 2;
    }
    Counts counts;
    try {
      // the rejects file holds exactly this run's rejections, so its line count matches the printed count
      Files.deleteIfExists(rejects);
    } catch (IOException e) {
      err.println("cannot replace " + rejects + ": " + e.getMessage());
      return 2;
    }
    long[] sofar = new long[2];
    try (RecordFile records = RecordFile.open(input, delimiter);
        BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        FileDeadLetterSink sink = FileDeadLetterSink.open(rejects)) {
      counts = m.mapStream(records, entity -> {
        write(writer, entity);
        sofar[0]++;
      }, rejection -> {
        sink.accept(rejection);
        sofar[1]++;
      });
    } catch (ModelBridgeException e) {
      err.println("cannot map " + input + ": " + e.getMessage());
      err.printf("stopped after in=%d delivered=%d rejected=%d (written to %s and %s)%n",
          sofar[0] + sofar[1], sofar[0], sofar[1], output, rejects);
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("cannot write " + output + ": " + e.getMessage());
      return 2;
    }
    out.printf("in=%d delivered=%d rejected=%d%n", counts.in(), counts.delivered(), counts.rejected());
    if (counts.rejected() > 0) {
      out.println("rejected records and their reasons: " + rejects);
    }
    out.flush();
    return counts.rejected() == 0 ? 0 : 1;
  }

  private static void write(BufferedWriter writer, CanonicalEntity entity) {
    try {
      writer.write(entity.toJson());
      writer.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
