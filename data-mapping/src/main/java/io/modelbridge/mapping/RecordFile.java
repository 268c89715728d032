package io.modelbridge.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.internal.RawRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Source records read lazily from a UTF-8 file on disk: CSV with a header row ({@code .csv}) or JSON lines
 * ({@code .jsonl}, {@code .ndjson}; one JSON object per line).
 *
 * <p>CSV rows follow RFC 4180 (cells parsed by Jackson's CSV module): a quoted cell may hold the
 * delimiter, doubled quotes and line breaks; {@code \r\n} and {@code \n} both end a row; a UTF-8 byte
 * order mark is skipped; blank lines are not rows; cells are trimmed, and an empty cell is an absent value.
 * Every row must have exactly as many cells as the header. Records carry no
 * {@link io.modelbridge.adapters.spi.SourceRef}: their key comes from the mapping's key fields, and their
 * {@link SourceRecord#origin() origin} is {@code file:line} (the record's first line).
 *
 * <p>Each record is decoded on its own, strictly (a byte that is not UTF-8 is never replaced), so a bad
 * record costs that record only. A record that cannot be read (bad UTF-8, a row with the wrong number of
 * cells, a quote never closed, a line that is not one JSON object, a record over the length limit) is an
 * <em>unreadable record</em>: {@link Mapping#mapStream(Iterator, java.util.function.Consumer, DeadLetterSink)}
 * and {@link Mapping#delivered(Iterator, DeadLetterSink)} reject it (rule {@code input:encoding},
 * {@code input:cells}, {@code input:csv}, {@code input:quote}, {@code input:json} or {@code input:length}, with its line) and
 * go on, so the counts cover every record of the file. Iterated directly, {@link #next()} throws a
 * {@link ModelBridgeException} naming the file, line and reason for it, and the iteration can go on after it.
 *
 * <p>Single-use, not thread-safe; close it.
 */
public final class RecordFile implements Iterator<SourceRecord>, AutoCloseable {

  /** The longest record read (64 MiB); a longer one is rejected with rule {@code input:length}. */
  public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

  // CSV is its own format, so not DataJson (the one exception ArchitectureTest allows); cells are read as
  // text and the mapping's types parse them, and a typed read would still give a BigDecimal, never a double.
  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** A record the file could not turn into a {@link SourceRecord}: rejected by the mapping that reads it. */
  record Unreadable(String origin, JsonNode data, String rule, String message) {}

  /** One record or one unreadable record. */
  record Item(SourceRecord record, Unreadable unreadable) {}

  private final Path file;
  private final String name;
  private final RawRecords raw;
  private final boolean csv;
  private final ObjectReader rowReader;
  private final List<String> header;
  private Item pending;

  private RecordFile(Path file, RawRecords raw, boolean csv, ObjectReader rowReader, List<String> header) {
    this.file = file;
    this.name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    this.raw = raw;
    this.csv = csv;
    this.rowReader = rowReader;
    this.header = header;
  }

  /**
   * Opens a CSV or JSON-lines file, chosen by its extension.
   *
   * @throws ModelBridgeException if the file cannot be opened, has an unknown extension, or (CSV) has no
   *     readable header row
   */
  public static RecordFile open(Path file) {
    return open(file, ',');
  }

  /**
   * Opens a CSV file with another column separator (for example {@code ';'} as European spreadsheet
   * exports use), or a JSON-lines file (the separator is then ignored).
   *
   * @throws ModelBridgeException if the file cannot be opened, has an unknown extension, or (CSV) has no
   *     readable header row (unreadable, a quote not closed, a column named twice or not at all)
   * @throws IllegalArgumentException if the separator is not ASCII, or is a quote or a line break
   */
  public static RecordFile open(Path file, char csvSeparator) {
    String lower = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean csv = lower.endsWith(".csv");
    if (!csv && !lower.endsWith(".jsonl") && !lower.endsWith(".ndjson")) {
      throw new ModelBridgeException("input file " + file + " must end in .csv, .jsonl or .ndjson", false);
    }
    RawRecords raw;
    try {
      raw = new RawRecords(Files.newInputStream(file), csv, csvSeparator, MAX_RECORD_BYTES);
    } catch (IOException e) {
      throw new ModelBridgeException("cannot read input file " + file + ": " + e.getMessage(), e, false);
    }
    if (!csv) {
      return new RecordFile(file, raw, false, null, List.of());
    }
    try {
      ObjectReader rowReader = CSV.readerFor(String[].class)
          .with(CsvSchema.emptySchema().withColumnSeparator(csvSeparator))
          .with(CsvParser.Feature.WRAP_AS_ARRAY)
          .with(CsvParser.Feature.TRIM_SPACES);
      RawRecords.Raw first = raw.next();
      List<String> header = first == null ? List.of() : header(file, first, rowReader);
      return new RecordFile(file, raw, true, rowReader, header);
    } catch (IOException | RuntimeException e) {
      closeQuietly(raw);
      if (e instanceof ModelBridgeException) {
        throw (ModelBridgeException) e;
      }
      throw new ModelBridgeException("cannot read the CSV header of " + file + ": " + e.getMessage(), e, false);
    }
  }

  private static List<String> header(Path file, RawRecords.Raw first, ObjectReader rowReader) {
    if (first.problem() != null) {
      throw new ModelBridgeException("the CSV header of " + file + " cannot be read: "
          + first.problem().message(), false);
    }
    String[] cells = cells(rowReader, first.text());
    if (cells == null) {
      throw new ModelBridgeException("the CSV header of " + file + " (line " + first.line()
          + ") is not a valid CSV row; fix the quotes", false);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cells.length; i++) {
      if (cells[i].isEmpty()) {
        throw new ModelBridgeException("the CSV header of " + file + " has no name for column " + (i + 1)
            + "; name every column (or check the --delimiter)", false);
      }
      if (!seen.add(cells[i])) {
        throw new ModelBridgeException("the CSV header of " + file + " names column '" + cells[i]
            + "' twice; rename one", false);
      }
    }
    return List.of(cells);
  }

  /** The cells of one CSV record, or null if it is not one valid CSV row. */
  private static String[] cells(ObjectReader rowReader, String text) {
    try (MappingIterator<String[]> rows = rowReader.readValues(text)) {
      if (!rows.hasNextValue()) {
        return new String[] {""};
      }
      String[] cells = rows.nextValue();
      return rows.hasNextValue() ? null : cells;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The next record or unreadable record, or null at the end. @throws ModelBridgeException if reading fails */
  Item nextItem() {
    if (pending != null) {
      Item out = pending;
      pending = null;
      return out;
    }
    while (true) {
      RawRecords.Raw r;
      try {
        r = raw.next();
      } catch (IOException e) {
        throw new ModelBridgeException("cannot read input file " + file + " after line " + lastLine + ": "
            + e.getMessage(), e, true);
      }
      if (r == null) {
        return null;
      }
      lastLine = r.line();
      String origin = name + ":" + r.line();
      if (r.problem() != null) {
        JsonNode data = asReceived(r.bytes());
        return unreadable(origin, data, r.problem().rule(), r.problem().message());
      }
      if (csv) {
        return csvRow(r, origin);
      }
      if (r.text().isBlank()) {
        continue;
      }
      return jsonLine(r, origin);
    }
  }

  private long lastLine;

  private Item csvRow(RawRecords.Raw r, String origin) {
    String[] cells = cells(rowReader, r.text());
    if (cells == null) {
      return unreadable(origin, DataJson.nodes().textNode(r.text()), "input:csv", "line " + r.line()
          + ": not a valid CSV row; quote the whole cell and double the quotes inside it");
    }
    if (cells.length != header.size()) {
      return unreadable(origin, DataJson.nodes().textNode(r.text()), "input:cells", "line " + r.line()
          + ": expected " + header.size() + " cells, found " + cells.length + "; every row needs one cell per"
          + " header column (check for a missing or extra delimiter, or a row cut short)");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i++) {
      if (!cells[i].isEmpty()) {
        row.put(header.get(i), cells[i]);
      }
    }
    return new Item(new SourceRecord(row, Optional.empty(), Optional.of(origin)), null);
  }

  private Item jsonLine(RawRecords.Raw r, String origin) {
    JsonNode node;
    try {
      node = DataJson.mapper().readTree(r.text());
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the text it choked on, which may be personal: say only where
      long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      return unreadable(origin, DataJson.nodes().textNode(r.text()), "input:json", "line " + r.line()
          + ": not valid JSON" + (column > 0 ? " (at character " + column + ")" : "")
          + "; each line must be one JSON object");
    }
    if (node == null || !node.isObject()) {
      return unreadable(origin, DataJson.nodes().textNode(r.text()), "input:json", "line " + r.line()
          + ": a JSON " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT))
          + ", not an object; each line must be one JSON object");
    }
    return new Item(new SourceRecord(DataJson.toJava(node), Optional.empty(), Optional.of(origin)), null);
  }

  /** The raw record as text when it is valid UTF-8, else as its bytes: either way exactly as received. */
  private static JsonNode asReceived(byte[] bytes) {
    try {
      return DataJson.nodes().textNode(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      return DataJson.nodes().binaryNode(bytes);
    }
  }

  private static Item unreadable(String origin, JsonNode data, String rule, String message) {
    return new Item(null, new Unreadable(origin, data, rule, message));
  }

  /** The rejection of an unreadable record by {@code mapping}. */
  static Rejection rejection(String mapping, Unreadable u) {
    return new Rejection(mapping, u.origin(), Optional.empty(), u.data(),
        List.of(new Violation(u.origin(), "$", u.rule(), "", u.message())), Optional.of(u.origin()));
  }

  /**
   * Whether another record (or unreadable record) follows.
   *
   * @throws ModelBridgeException if the file cannot be read any more (an I/O error, not a bad record)
   */
  @Override
  public boolean hasNext() {
    if (pending == null) {
      pending = nextItem();
    }
    return pending != null;
  }

  /**
   * The next record.
   *
   * @throws ModelBridgeException if this record cannot be read (the message names the file, line and
   *     reason, never the content); the next call goes on with the following record
   * @throws NoSuchElementException if there is none
   */
  @Override
  public SourceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + file);
    }
    Item item = pending;
    pending = null;
    if (item.unreadable() != null) {
      throw new ModelBridgeException("input file " + file + ": " + item.unreadable().message(), false);
    }
    return item.record();
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Closes the file. */
  @Override
  public void close() {
    closeQuietly(raw);
  }

  private static void closeQuietly(RawRecords r) {
    try {
      r.close();
    } catch (IOException e) {
      // read-only: nothing can be lost by a failed close
    }
  }
}
