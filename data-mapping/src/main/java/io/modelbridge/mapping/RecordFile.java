package io.modelbridge.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.json.DataJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Source records read lazily from a file on disk: CSV with a header row ({@code .csv}; parsed by Jackson's
 * CSV module, empty cells are absent values, a UTF-8 byte order mark is skipped) or JSON lines ({@code .jsonl}, {@code .ndjson}; one JSON
 * object per line, blank lines skipped). Records carry no {@link io.modelbridge.adapters.spi.SourceRef}:
 * their key comes from the mapping's key fields.
 *
 * <p>Single-use, not thread-safe; close it. A line that is not a JSON object, or a CSV row that cannot be
 * parsed, stops the iteration with a {@link ModelBridgeException} naming the file and line: the file is
 * corrupt and its remaining content cannot be trusted to be split into records.
 */
public final class RecordFile implements Iterator<SourceRecord>, AutoCloseable {

  private final Path file;
  private final Reader reader;
  private final Iterator<SourceRecord> delegate;

  private RecordFile(Path file, Reader reader, Iterator<SourceRecord> delegate) {
    this.file = file;
    this.reader = reader;
    this.delegate = delegate;
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
   *     readable header row
   */
  public static RecordFile open(Path file, char csvSeparator) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      // spreadsheet exports often start with a byte order mark; it must not become part of the first column name
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
    } catch (IOException e) {
      throw new ModelBridgeException("cannot read input file " + file + ": " + e.getMessage(), e, false);
    }
    try {
      if (name.endsWith(".csv")) {
        return new RecordFile(file, reader, csv(file, reader, csvSeparator));
      }
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        return new RecordFile(file, reader, jsonLines(file, reader));
      }
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw e;
    }
    closeQuietly(reader);
    throw new ModelBridgeException("input file " + file + " must end in .csv, .jsonl or .ndjson", false);
  }

  private static Iterator<SourceRecord> csv(Path file, Reader reader, char separator) {
    // CSV is its own format, so not DataJson; cells are read as text and the mapping's types parse them, and
    // a typed read of a cell would still give a BigDecimal, never a double.
    CsvMapper mapper = CsvMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    mapper.enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
    MappingIterator<Map<String, String>> rows;
    try {
      rows = mapper.readerForMapOf(String.class).with(schema).readValues(reader);
    } catch (IOException e) {
      throw new ModelBridgeException("cannot read the CSV header of " + file + ": " + e.getMessage(), e, false);
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return rows.hasNextValue();
        } catch (IOException e) {
          throw corrupt(file, rows.getCurrentLocation() == null ? -1 : rows.getCurrentLocation().getLineNr(), e);
        }
      }

      @Override
      public SourceRecord next() {
        try {
          Map<String, Object> row = new LinkedHashMap<>();
          Map<String, String> cells = rows.nextValue();
          // the token location is the row's last cell: its line (the last line of a row with multi-line cells)
          long line = rows.getParser().currentTokenLocation().getLineNr();
          cells.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
              row.put(k, v);
            }
          });
          return new SourceRecord(row, Optional.empty(), Optional.of(origin(file, line)));
        } catch (IOException | RuntimeException e) {
          if (e instanceof NoSuchElementException) {
            throw (NoSuchElementException) e;
          }
          throw corrupt(file, rows.getCurrentLocation() == null ? -1 : rows.getCurrentLocation().getLineNr(), e);
        }
      }
    };
  }

  private static Iterator<SourceRecord> jsonLines(Path file, BufferedReader reader) {
    return new Iterator<>() {
      private String nextLine;
      private long lineNumber;

      @Override
      public boolean hasNext() {
        try {
          while (nextLine == null) {
            String line = reader.readLine();
            if (line == null) {
              return false;
            }
            lineNumber++;
            if (!line.isBlank()) {
              nextLine = line;
            }
          }
          return true;
        } catch (IOException e) {
          throw corrupt(file, lineNumber, e);
        }
      }

      @Override
      public SourceRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String line = nextLine;
        nextLine = null;
        JsonNode node;
        try {
          node = DataJson.mapper().readTree(line);
        } catch (IOException e) {
          throw corrupt(file, lineNumber, e);
        }
        if (!node.isObject()) {
          throw corrupt(file, lineNumber, null);
        }
        return new SourceRecord(DataJson.toJava(node), Optional.empty(), Optional.of(origin(file, lineNumber)));
      }
    };
  }

  private static String origin(Path file, long line) {
    return (file.getFileName() == null ? file.toString() : file.getFileName().toString()) + ":" + line;
  }

  private static ModelBridgeException corrupt(Path file, long line, Exception cause) {
    return new ModelBridgeException("input file " + file + " is not valid at line " + line
        + ": each line must be one JSON object (or one CSV row matching the header); fix or remove the line",
        cause, false);
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  /**
   * The next record.
   *
   * @throws ModelBridgeException if the file is corrupt at this point
   */
  @Override
  public SourceRecord next() {
    return delegate.next();
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Closes the file. */
  @Override
  public void close() {
    closeQuietly(reader);
  }

  private static void closeQuietly(Reader r) {
    try {
      r.close();
    } catch (IOException e) {
      // read-only: nothing can be lost by a failed close
    }
  }
}
