package io.modelbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelbridge.adapters.spi.FieldPath;
import io.modelbridge.core.CallContext;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiProtector;
import io.modelbridge.security.pii.PiiScanner;
import io.modelbridge.security.pii.eval.EvaluationReport;
import io.modelbridge.security.pii.eval.InvalidLabelsException;
import io.modelbridge.security.pii.eval.Mismatch;
import io.modelbridge.security.pii.eval.PiiEvaluation;
import io.modelbridge.security.pii.eval.SpanMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelbridge pii scan}: finds personal data in standard input; {@code modelbridge pii eval FILE}:
 * scores the scanner on a labelled file.
 *
 * <p>Input is UTF-8 text (default) or, with {@code --jsonl}, one JSON object per line whose string values
 * are scanned. Input is streamed in bounded memory, one line at a time (no personal value spans a line
 * break; a phone word on the line before a number is not seen). Lines up to {@link #LINE_LIMIT} characters
 * are read whole. A longer line of plain text is scanned in {@code --mode findings} in windows of that size
 * overlapping by 2048 characters, each finding reported once; in {@code --mode pseudonymize} and with
 * {@code --jsonl} it is not written and is named on standard error (exit 2), the other lines still
 * processed. {@code --mode findings} (default) writes one JSON line per finding:
 * {@code {"type":"EMAIL","start":12,"end":29,"text":"..."}} with offsets in UTF-16 code units of the text
 * (of the string value for JSON lines, which add {@code "line"} and {@code "path"}, such as
 * {@code customer.emails[0]}). {@code --mode pseudonymize} writes the input with findings replaced by
 * tokens ({@code <EMAIL_1>}), one token per distinct value over the whole input; {@code --personal-field}
 * names fields whose whole value is replaced. Exit 0 when all input was read, 2 when a line was not a JSON
 * object or was too long (named on standard error, the other lines still processed).
 *
 * <p>{@code eval FILE} reads labelled JSON lines (format in {@link PiiEvaluation}), scans each text with the
 * default scanner and prints a Markdown table of precision, recall and F1 per type, per language and in
 * total, for exact and overlapping spans; {@code --errors} adds every mismatch with its value masked. Exit 0
 * when the file was scored, 2 when it cannot be read or a line is not a valid labelled text (the line is
 * named on standard error).
 */
@Command(name = "pii", mixinStandardHelpOptions = true, description = "Personal data detection.")
public final class PiiCommand implements Runnable {

  private static final ObjectMapper JSON = DataJson.mapper();

  /** The longest line read whole, in characters (UTF-16 code units): 1 MiB. */
  public static final int LINE_LIMIT = 1 << 20;
  /** Characters shared by consecutive windows of a longer line in {@code --mode findings}. */
  static final int OVERLAP = 2048;

  @Spec CommandSpec spec;
  private final InputStream input;
  private final int lineLimit;

  /** The command reading standard input. */
  public PiiCommand() {
    this(System.in);
  }

  /** The command reading the given input (for tests and embedding). */
  public PiiCommand(InputStream input) {
    this(input, LINE_LIMIT);
  }

  /** The command reading the given input with another line limit (tests of long lines). */
  PiiCommand(InputStream input, int lineLimit) {
    this.input = Objects.requireNonNull(input, "input cannot be null");
    if (lineLimit <= OVERLAP) {
      throw new IllegalArgumentException("line limit must exceed the window overlap " + OVERLAP + ", was "
          + lineLimit);
    }
    this.lineLimit = lineLimit;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What the scan writes. */
  enum Mode { findings, pseudonymize }

  @Command(name = "scan", mixinStandardHelpOptions = true,
      description = "Scan standard input (text, or JSON lines with --jsonl) for personal data.")
  int scan(
      @Option(names = "--jsonl", description = "Input is one JSON object per line; string values are scanned.")
      boolean jsonl,
      @Option(names = "--mode", defaultValue = "findings",
          description = "findings (one JSON line per finding) or pseudonymize (the input with tokens).")
      Mode mode,
      @Option(names = "--personal-field", description = "With --jsonl: a field path (name, address.street, "
          + "lines[*].note) whose whole value is personal (repeatable).") List<String> personalFields)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PiiProtector pii = PiiProtector.defaults();
    CallContext ctx = CallContext.of("cli", "cli", "pii-scan");
    List<FieldPath> personal = new java.util.ArrayList<>();
    for (String f : personalFields == null ? List.<String>of() : personalFields) {
      try {
        personal.add(FieldPath.parse(f));
      } catch (IllegalArgumentException e) {
        err.println("--personal-field: " + e.getMessage());
        return 2;
      }
    }
    var reader = new BoundedLineReader(new InputStreamReader(input, StandardCharsets.UTF_8), lineLimit);
    int exit = 0;
    if (!jsonl && mode == Mode.findings) {
      scanFindings(reader, pii, out);
      out.flush();
      return 0;
    }
    BoundedLineReader.Chunk chunk;
    while ((chunk = reader.next()) != null) {
      int lineNo = chunk.line();
      if (!chunk.endsLine()) {
        // a line longer than the limit cannot be pseudonymized or parsed as JSON in bounded memory
        while (chunk != null && !chunk.endsLine()) {
          chunk = reader.next();
        }
        err.println("line " + lineNo + ": longer than " + lineLimit + " characters; not written (split the line,"
            + " or use --mode findings on plain text, which reads lines of any length)");
        exit = 2;
        continue;
      }
      String line = chunk.text();
      if (!jsonl) {
        out.print(pii.protect(line, ctx));
        if (chunk.newline()) {
          out.print('\n');
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        node = null;
      }
      if (node == null || !node.isObject()) {
        err.println("line " + lineNo + ": not a JSON object; skipped (fix the line and run again)");
        exit = 2;
        continue;
      }
      if (mode == Mode.pseudonymize) {
        out.println(pii.protectJson(line, personal, ctx));
      } else {
        walk(node, FieldPath.root(), lineNo, pii, personal, out);
      }
    }
    out.flush();
    return exit;
  }

  /**
   * Scans plain text line by line; a line longer than the limit is scanned in windows of the limit that
   * overlap by {@link #OVERLAP} characters, each finding reported once, by the window where it starts
   * at least half the overlap away from both ends (no personal value is longer than half the overlap).
   */
  private static void scanFindings(BoundedLineReader reader, PiiProtector pii, PrintWriter out)
      throws IOException {
    String tail = "";
    long tailStart = 0;
    BoundedLineReader.Chunk chunk;
    while ((chunk = reader.next()) != null) {
      String window = tail + chunk.text();
      long windowStart = tail.isEmpty() ? chunk.start() : tailStart;
      int lo = tail.isEmpty() ? 0 : OVERLAP / 2;
      int hi = chunk.endsLine() ? window.length() : window.length() - OVERLAP / 2;
      for (Finding f : pii.scanner().scan(window)) {
        if (f.start() >= lo && f.start() < hi) {
          out.println(JSON.writeValueAsString(finding(f, windowStart)));
        }
      }
      if (chunk.endsLine()) {
        tail = "";
      } else {
        int cut = Math.max(0, window.length() - OVERLAP);
        tail = window.substring(cut);
        tailStart = windowStart + cut;
      }
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Score the detector on a labelled JSON-lines file: precision, recall and F1 per type and "
          + "language, exact and overlapping spans.")
  int eval(
      @Parameters(paramLabel = "FILE", description = "Labelled JSON lines: {\"id\",\"lang\",\"text\","
          + "\"entities\":[{\"type\",\"start\",\"end\"}]} with UTF-16 offsets, end exclusive.") Path file,
      @Option(names = "--errors", description = "Also list every false positive and false negative "
          + "(values masked).") boolean errors) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EvaluationReport report;
    try {
      report = PiiEvaluation.of(PiiScanner.defaults()).evaluate(file);
    } catch (InvalidLabelsException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage() + "; check the path and that it is UTF-8");
      return 2;
    }
    out.println(file.getFileName() + ": " + report.texts() + " texts, " + report.labels() + " labelled spans");
    out.println();
    out.print(report.table());
    if (errors) {
      for (SpanMatch match : SpanMatch.values()) {
        out.println();
        out.println(match + " mismatches: " + report.mismatches(match).size());
        for (Mismatch m : report.mismatches(match)) {
          out.println("  " + m);
        }
      }
    }
    out.flush();
    return 0;
  }

  private void walk(JsonNode node, FieldPath path, int lineNo, PiiProtector pii, List<FieldPath> personal,
      PrintWriter out)
      throws IOException {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        var e = it.next();
        FieldPath child = path.child(e.getKey());
        if (FieldPath.anyCovers(personal, child) && !e.getValue().isNull()) {
          String v = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
          ObjectNode o = JSON.createObjectNode().put("line", lineNo).put("path", child.toString()).put("type", "PERSONAL")
              .put("start", 0).put("end", v.length()).put("text", v);
          out.println(JSON.writeValueAsString(o));
        } else {
          walk(e.getValue(), child, lineNo, pii, personal, out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path.depth() == 0 ? path : path.element(i), lineNo, pii, personal, out);
      }
    } else if (node.isTextual()) {
      for (Finding f : pii.scanner().scan(node.textValue())) {
        ObjectNode o = JSON.createObjectNode().put("line", lineNo).put("path", path.toString());
        o.setAll(finding(f));
        out.println(JSON.writeValueAsString(o));
      }
    }
  }

  private static ObjectNode finding(Finding f) {
    return finding(f, 0);
  }

  private static ObjectNode finding(Finding f, long offset) {
    return JSON.createObjectNode().put("type", f.type().name()).put("start", offset + f.start())
        .put("end", offset + f.end()).put("text", f.text());
  }
}
