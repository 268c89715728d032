package io.modelbridge.security.pii.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiScanner;
import io.modelbridge.security.pii.PiiType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Scores a {@link PiiScanner} on labelled texts: precision, recall and F1 per type and per language, with
 * {@link SpanMatch#EXACT exact} and {@link SpanMatch#OVERLAP overlapping} spans. A finding matches a label
 * only when its type is the label's; a finding of another type on a labelled value counts once as a false
 * positive (under its type) and once as a false negative (under the label's). Thread-safe.
 *
 * <p>The labelled file is UTF-8 JSON lines, one text a line (blank lines are skipped):
 * <pre>{@code
 * {"id":"en-1","lang":"en","text":"Call (415) 555-0164.","entities":[{"type":"PHONE","start":5,"end":19,"value":"(415) 555-0164"}]}
 * }</pre>
 * {@code text} and {@code entities} are required ({@code []} for a text without personal data);
 * {@code id} defaults to {@code "line N"}, {@code lang} to {@code "und"}; {@code start} and {@code end} are
 * UTF-16 code units of {@code text} (Java {@code String} indexes), end exclusive; {@code value}, when given,
 * must equal those characters, which catches offsets computed on bytes or code points. Other fields are
 * ignored.
 *
 * <pre>{@code
 * EvaluationReport report = PiiEvaluation.of(PiiScanner.defaults()).evaluate(Path.of("labels.jsonl"));
 * System.out.print(report.table());
 * }</pre>
 */
public final class PiiEvaluation {

  private final PiiScanner scanner;

  private PiiEvaluation(PiiScanner scanner) {
    this.scanner = scanner;
  }

  /** An evaluation of {@code scanner}. */
  public static PiiEvaluation of(PiiScanner scanner) {
    return new PiiEvaluation(Objects.requireNonNull(scanner, "scanner cannot be null"));
  }

  /**
   * Scores the scanner on a labelled JSON-lines file (format in the class description), read line by line.
   *
   * @throws InvalidLabelsException if a line is not a valid labelled text (the message names the line)
   * @throws IOException if the file cannot be read
   */
  public EvaluationReport evaluate(Path file) throws IOException {
    Objects.requireNonNull(file, "file cannot be null");
    Accumulator acc = new Accumulator();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read(in, file.toString(), t -> acc.add(t, scanner.scan(t.text())));
    }
    return acc.report();
  }

  /** Scores the scanner on texts already read. */
  public EvaluationReport evaluate(Iterable<LabelledText> texts) {
    Objects.requireNonNull(texts, "texts cannot be null");
    Accumulator acc = new Accumulator();
    for (LabelledText t : texts) {
      acc.add(t, scanner.scan(t.text()));
    }
    return acc.report();
  }

  /**
   * Reads a whole labelled JSON-lines file (format in the class description).
   *
   * @throws InvalidLabelsException if a line is not a valid labelled text (the message names the line)
   * @throws IOException if the file cannot be read
   */
  public static List<LabelledText> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file cannot be null");
    List<LabelledText> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read(in, file.toString(), out::add);
    }
    return List.copyOf(out);
  }

  /**
   * Reads labelled JSON lines from {@code in}, giving each text to {@code sink} as soon as it is read.
   *
   * @param source the name of the input in error messages (a file name)
   * @throws InvalidLabelsException if a line is not a valid labelled text (the message names the line)
   * @throws IOException if reading fails
   */
  public static void read(Reader in, String source, Consumer<LabelledText> sink) throws IOException {
    Objects.requireNonNull(in, "in cannot be null");
    Objects.requireNonNull(source, "source cannot be null");
    Objects.requireNonNull(sink, "sink cannot be null");
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      sink.accept(parse(line, source, number));
    }
  }

  private static LabelledText parse(String line, String source, int number) {
    String where = source + " line " + number;
    JsonNode doc;
    try {
      doc = DataJson.tree(line);
    } catch (JsonProcessingException e) {
      // the parser's message quotes the text, which may be personal: keep only where it broke
      String column = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
      throw new InvalidLabelsException(where + ": not one well-formed JSON object" + column + " (duplicate keys "
          + "and trailing content are refused); write one labelled text per line", number, null);
    }
    if (!doc.isObject()) {
      throw new InvalidLabelsException(where + ": not a JSON object; write one labelled text per line",
          number, null);
    }
    String id = optionalText(doc, "id", where, number).orElse("line " + number);
    String lang = optionalText(doc, "lang", where, number).orElse(LabelledText.UNDETERMINED);
    JsonNode text = doc.get("text");
    if (text == null || !text.isTextual()) {
      throw new InvalidLabelsException(where + ": \"text\" must be a string", number, null);
    }
    JsonNode entities = doc.get("entities");
    if (entities == null || !entities.isArray()) {
      throw new InvalidLabelsException(where + ": \"entities\" must be an array ([] when the text holds no "
          + "personal data)", number, null);
    }
    String value = text.textValue();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < entities.size(); i++) {
      labels.add(label(entities.get(i), value, where + " entity " + i, number));
    }
    try {
      return new LabelledText(id, lang, value, labels);
    } catch (IllegalArgumentException e) {
      throw new InvalidLabelsException(where + ": " + e.getMessage(), number, e);
    }
  }

  private static Label label(JsonNode e, String text, String where, int number) {
    if (!e.isObject()) {
      throw new InvalidLabelsException(where + ": must be an object {type, start, end[, value]}", number, null);
    }
    JsonNode type = e.get("type");
    JsonNode start = e.get("start");
    JsonNode end = e.get("end");
    if (type == null || !type.isTextual()) {
      throw new InvalidLabelsException(where + ": \"type\" must be a string such as \"PHONE\"", number, null);
    }
    if (start == null || !start.canConvertToInt() || !start.isIntegralNumber()
        || end == null || !end.canConvertToInt() || !end.isIntegralNumber()) {
      throw new InvalidLabelsException(where + ": \"start\" and \"end\" must be integers (UTF-16 offsets, "
          + "end exclusive)", number, null);
    }
    Label label;
    try {
      label = new Label(PiiType.of(type.textValue()), start.intValue(), end.intValue());
    } catch (IllegalArgumentException ex) {
      throw new InvalidLabelsException(where + ": " + ex.getMessage(), number, ex);
    }
    if (label.end() > text.length()) {
      throw new InvalidLabelsException(where + ": " + label + " ends beyond the text (length " + text.length()
          + "); offsets are UTF-16 code units, end exclusive", number, null);
    }
    JsonNode value = e.get("value");
    if (value != null && !value.isNull()) {
      if (!value.isTextual() || !value.textValue().equals(text.substring(label.start(), label.end()))) {
        throw new InvalidLabelsException(where + ": \"value\" differs from the text at " + label.start() + ".."
            + label.end() + " (values not shown: personal data); offsets must be UTF-16 code units, not bytes"
            + " or code points", number, null);
      }
    }
    return label;
  }

  private static Optional<String> optionalText(JsonNode doc, String field, String where, int number) {
    JsonNode n = doc.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual() && !n.isIntegralNumber()) {
      throw new InvalidLabelsException(where + ": \"" + field + "\" must be a string", number, null);
    }
    return Optional.of(n.asText());
  }

  /** Adds up one text after another. */
  private static final class Accumulator {
    private int texts;
    private final Map<SpanMatch, SortedMap<String, SortedMap<String, Score>>> scores =
        new EnumMap<>(SpanMatch.class);
    private final Map<SpanMatch, List<Mismatch>> mismatches = new EnumMap<>(SpanMatch.class);

    void add(LabelledText t, List<Finding> findings) {
      texts++;
      List<Label> found = new ArrayList<>(findings.size());
      for (Finding f : findings) {
        found.add(new Label(f.type(), f.start(), f.end()));
      }
      found.sort(null);
      for (SpanMatch match : SpanMatch.values()) {
        score(t, found, match);
      }
    }

    private void score(LabelledText t, List<Label> found, SpanMatch match) {
      List<Label> labels = t.labels();
      boolean[] labelMatched = new boolean[labels.size()];
      boolean[] foundMatched = new boolean[found.size()];
      // Both lists are sorted by start and hold no overlaps (the scanner resolves its own), so one pass
      // that gives each label the first unmatched finding of its type is an optimal one-to-one matching.
      int from = 0;
      for (int i = 0; i < labels.size(); i++) {
        Label l = labels.get(i);
        while (from < found.size() && found.get(from).end() <= l.start()) {
          from++;
        }
        for (int j = from; j < found.size() && found.get(j).start() < l.end(); j++) {
          Label f = found.get(j);
          if (!foundMatched[j] && f.type().equals(l.type())
              && (match == SpanMatch.OVERLAP ? f.overlaps(l) : f.start() == l.start() && f.end() == l.end())) {
            labelMatched[i] = true;
            foundMatched[j] = true;
            break;
          }
        }
      }
      SortedMap<String, Score> byType = scores.computeIfAbsent(match, m -> new TreeMap<>())
          .computeIfAbsent(t.language(), k -> new TreeMap<>());
      List<Mismatch> errors = mismatches.computeIfAbsent(match, m -> new ArrayList<>());
      for (int i = 0; i < labels.size(); i++) {
        Label l = labels.get(i);
        byType.merge(l.type().name(), labelMatched[i] ? new Score(1, 0, 0) : new Score(0, 0, 1), Score::plus);
        if (!labelMatched[i]) {
          errors.add(new Mismatch(t.id(), t.language(), Mismatch.Kind.FALSE_NEGATIVE, l,
              t.text().substring(l.start(), l.end()), firstOverlapping(found, l)));
        }
      }
      for (int j = 0; j < found.size(); j++) {
        if (!foundMatched[j]) {
          Label f = found.get(j);
          byType.merge(f.type().name(), new Score(0, 1, 0), Score::plus);
          errors.add(new Mismatch(t.id(), t.language(), Mismatch.Kind.FALSE_POSITIVE, f,
              t.text().substring(f.start(), f.end()), firstOverlapping(labels, f)));
        }
      }
    }

    private static Optional<Label> firstOverlapping(List<Label> in, Label span) {
      for (Label l : in) {
        if (l.overlaps(span)) {
          return Optional.of(l);
        }
      }
      return Optional.empty();
    }

    EvaluationReport report() {
      return new EvaluationReport(texts, scores, mismatches);
    }
  }
}
