package io.modelbridge.adapters.file.internal;

import io.modelbridge.adapters.file.FileLayout;
import io.modelbridge.adapters.file.LayoutField;
import io.modelbridge.adapters.file.ReadReport;
import io.modelbridge.adapters.file.RejectedLine;
import io.modelbridge.adapters.file.ReportingRecordStream;
import io.modelbridge.adapters.spi.AbstractSystemAdapter;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The flat-file adapter: streams a CSV or fixed-width file line by line, reports malformed lines instead of
 * dropping them, and writes by replacing the whole file atomically (a temporary file in the same directory,
 * then an atomic rename). A record's version is a hash of its line. Thread-safe; writes of one adapter are
 * serialized.
 */
public final class FileSystemAdapter extends AbstractSystemAdapter {

  private static final System.Logger LOG = System.getLogger(FileSystemAdapter.class.getName());
  private static final int MAX_LINES_PER_RECORD = 1000;

  private final FileSettings s;
  private final EntitySchema entity;
  private final AdapterDescriptor descriptor;
  private final ReentrantLock writeLock = new ReentrantLock();

  /** Creates the adapter; reads nothing yet. */
  public FileSystemAdapter(FileSettings settings) {
    this.s = Objects.requireNonNull(settings, "settings cannot be null");
    this.entity = s.layout().toEntity(s.entity(), "records of " + s.file().getFileName()
        + "; version is a hash of the record's line");
    List<FieldSchema> keys = entity.fields().stream().filter(f -> entity.keyFields().contains(f.name()))
        .map(f -> new FieldSchema(f.name(), f.type(), true, f.personal(), f.description())).toList();
    List<FieldSchema> optionalAll = entity.fields().stream()
        .map(f -> new FieldSchema(f.name(), f.type(), false, f.personal(), f.description())).toList();
    List<FieldSchema> updateInput = entity.fields().stream()
        .map(f -> new FieldSchema(f.name(), f.type(), entity.keyFields().contains(f.name()), f.personal(),
            f.description())).toList();
    String e = s.entity();
    List<OperationDescriptor> ops = new ArrayList<>();
    ops.add(new OperationDescriptor(e + ".query", e, OperationKind.QUERY, Effect.READ, false, optionalAll,
        "every " + e + " record whose fields equal the given values (all records without input)"));
    ops.add(new OperationDescriptor(e + ".get", e, OperationKind.GET, Effect.READ, false, keys,
        "the " + e + " record with this key"));
    if (!s.readOnly()) {
      ops.add(new OperationDescriptor(e + ".create", e, OperationKind.CREATE, Effect.WRITE, true,
          entity.fields(), "appends a " + e + " record; its key must be new"));
      ops.add(new OperationDescriptor(e + ".update", e, OperationKind.UPDATE, Effect.IDEMPOTENT_WRITE, true,
          updateInput, "sets the given fields of the " + e + " record with this key"));
      ops.add(new OperationDescriptor(e + ".delete", e, OperationKind.DELETE, Effect.IDEMPOTENT_WRITE, true,
          keys, "removes the " + e + " record with this key"));
    }
    this.descriptor = new AdapterDescriptor(SpiVersion.CURRENT, s.systemId(), s.kind(), List.of(entity), ops);
  }

  @Override
  public AdapterDescriptor descriptor() {
    return descriptor;
  }

  /** Runs a call whose arguments the SPI bound and coerced. */
  @Override
  protected RecordStream run(OperationDescriptor op, Map<String, Object> args, OperationRequest request) {
    String name = op.name();
    switch (op.kind()) {
      case QUERY:
        return query(name, args);
      case GET:
        return RecordStream.of(List.of(get(name, args)));
      case CREATE:
      case UPDATE:
      case DELETE:
        Optional<AdapterRecord> written = write(op, args, request.expectedVersion(), request.dryRun());
        return RecordStream.of(written.filter(r -> op.kind() != OperationKind.DELETE || request.dryRun())
            .map(List::of).orElse(List.of()));
      default:
        throw new InputRejectedException(s.systemId(), name, "operation", "kind " + op.kind()
            + " is not offered by the file adapter", null);
    }
  }

  // ---------------------------------------------------------------- reading

  private RecordCodec codec() {
    return new RecordCodec(s.layout(), s.charset(), s.delimiter());
  }

  private InputStream openFile(String operation) {
    try {
      return Files.newInputStream(s.file());
    } catch (NoSuchFileException e) {
      throw new SystemUnavailableException(s.systemId(), operation, "file " + s.file()
          + " does not exist (yet); wait for the export or check the path setting", e);
    } catch (IOException e) {
      throw new SystemUnavailableException(s.systemId(), operation, "file " + s.file() + " cannot be opened ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  private boolean skipBom() {
    return s.charset().equals(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads and checks the CSV header line, if the layout has one; returns it (null when none). */
  private RawRecord header(RecordReader reader, String operation) throws IOException {
    if (!s.header() || s.layout().format() != FileLayout.Format.CSV) {
      return null;
    }
    RecordReader.Next first = reader.next();
    if (first == null) {
      return null;
    }
    List<String> expected = s.layout().fields().stream().map(LayoutField::name).toList();
    List<String> found;
    try {
      found = new CsvCodec(s.delimiter()).parse(new String(first.record().bytes(), s.charset())).stream()
          .map(c -> c.value().orElse("").strip()).toList();
    } catch (CsvCodec.SyntaxException e) {
      found = List.of("(unreadable: " + e.getMessage() + ")");
    }
    boolean same = found.size() == expected.size();
    for (int i = 0; same && i < found.size(); i++) {
      same = found.get(i).equalsIgnoreCase(expected.get(i));
    }
    if (!same) {
      throw new AdapterException(s.systemId(), operation, "the header of " + s.file().getFileName() + " names "
          + found + " but the layout declares " + expected + "; fix the fields setting, or set csv.header=false"
          + " if the file has no header", false, null);
    }
    return first.record();
  }

  private ReportingRecordStream query(String operation, Map<String, Object> filter) {
    return track(new Query(operation, filter));
  }

  /** Streams the file; holds one record at a time. */
  private final class Query implements ReportingRecordStream {
    private final String operation;
    private final Map<String, Object> filter;
    private final RecordCodec codec = codec();
    private final boolean csvFormat = s.layout().format() == FileLayout.Format.CSV;
    private final List<RejectedLine> firstRejects = new ArrayList<>();
    private RecordReader reader;
    private long read;
    private long delivered;
    private long rejected;
    private long unmatched;
    private AdapterRecord next;
    private boolean done;
    private boolean closedStream;

    Query(String operation, Map<String, Object> filter) {
      this.operation = operation;
      this.filter = filter;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done && !closedStream) {
        advance();
      }
      return next != null && !closedStream;
    }

    @Override
    public AdapterRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more records");
      }
      AdapterRecord r = next;
      next = null;
      delivered++;
      return r;
    }

    private void advance() {
      ensureOpen(operation);
      RecordReader.Next n;
      try {
        if (reader == null) {
          reader = new RecordReader(openFile(operation), s.layout().format() == FileLayout.Format.CSV,
              s.delimiter(), MAX_LINES_PER_RECORD,
              skipBom());
          header(reader, operation);
        }
        n = reader.next();
      } catch (IOException e) {
        close();
        throw new SystemUnavailableException(s.systemId(), operation, "reading " + s.file().getFileName()
            + " failed after line " + read + " (" + e.getClass().getSimpleName() + ")", e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      if (n == null) {
        done = true;
        finish();
        return;
      }
      if (csvFormat && n.record().bytes().length == 0 && !n.unclosedQuote()) {
        return; // a blank line holds no record (an export's trailing empty line, typically)
      }
      read++;
      RawRecord raw = n.record();
      if (n.unclosedQuote()) {
        reject(raw, Optional.empty(), RecordReader.UNCLOSED_QUOTE + " within " + MAX_LINES_PER_RECORD
            + " lines or before the end of the file");
        return;
      }
      RecordCodec.Decoded d;
      try {
        d = codec.decode(raw.bytes());
      } catch (RecordCodec.Problem p) {
        reject(raw, p.field(), p.getMessage());
        return;
      }
      if (!matches(d.values())) {
        unmatched++;
        return;
      }
      next = toRecord(d.values(), raw.bytes());
    }

    private boolean matches(Map<String, Object> values) {
      for (Map.Entry<String, Object> f : filter.entrySet()) {
        Object v = values.get(f.getKey());
        if (v == null || !Arguments.same(v, f.getValue())) {
          return false;
        }
      }
      return true;
    }

    private void reject(RawRecord raw, Optional<String> field, String reason) {
      rejected++;
      RejectedLine line = new RejectedLine(s.file(), raw.lineNumber(), field, reason, codec.lenient(raw.bytes()));
      if (firstRejects.size() < s.keepRejects()) {
        firstRejects.add(line);
      }
      if (s.rejectSink().isPresent()) {
        try {
          s.rejectSink().get().reject(line);
        } catch (RuntimeException e) {
          close();
          throw new AdapterException(s.systemId(), operation, "the reject sink failed on line " + raw.lineNumber()
              + " of " + s.file().getFileName() + " (" + e.getClass().getSimpleName() + "); the query stops so"
              + " that no reject is lost", false, e);
        }
      }
      if (s.strict()) {
        close();
        throw new InputRejectedException(s.systemId(), operation, field.orElse("-"), "line " + raw.lineNumber()
            + " of " + s.file().getFileName() + " " + reason + "; fix the line, or turn strict off to have bad"
            + " lines reported and skipped", null);
      }
    }

    private void finish() {
      close();
      if (rejected > 0) {
        LOG.log(System.Logger.Level.WARNING, "{0}: {1} of {2} lines of {3} rejected, first on line {4}",
            s.systemId(), String.valueOf(rejected), String.valueOf(read), s.file().getFileName(),
            firstRejects.isEmpty() ? "?" : String.valueOf(firstRejects.get(0).lineNumber()));
      }
    }

    @Override
    public ReadReport report() {
      // The record waiting in 'next' is read but not yet handed over: it counts as neither yet.
      long pending = next == null ? 0 : 1;
      return new ReadReport(read - pending, delivered, rejected, unmatched, firstRejects);
    }

    @Override
    public void close() {
      if (!closedStream) {
        closedStream = true;
        untrack(this);
        if (reader != null) {
          try {
            reader.close();
          } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0} failed: {1}", s.file(), e);
          }
        }
      }
    }
  }

  private AdapterRecord toRecord(Map<String, Object> values, byte[] line) {
    Map<String, Object> key = new LinkedHashMap<>();
    entity.keyFields().forEach(k -> key.put(k, values.get(k)));
    return new AdapterRecord(new SourceRef(s.systemId(), entity.name(), key,
        Optional.of(RecordCodec.version(line)), Instant.now()), values);
  }

  private boolean sameKey(Map<String, Object> values, Map<String, Object> args) {
    for (String k : entity.keyFields()) {
      Object v = values.get(k);
      if (v == null || !Arguments.same(v, args.get(k))) {
        return false;
      }
    }
    return true;
  }

  private String keyString(Map<String, Object> args) {
    return entity.keyFields().stream().map(k -> String.valueOf(args.get(k))).collect(Collectors.joining("|"));
  }

  private AdapterRecord get(String operation, Map<String, Object> args) {
    RecordCodec codec = codec();
    long unreadable = 0;
    try (RecordReader reader = new RecordReader(openFile(operation),
        s.layout().format() == FileLayout.Format.CSV, s.delimiter(), MAX_LINES_PER_RECORD,
              skipBom())) {
      header(reader, operation);
      RecordReader.Next n;
      while ((n = reader.next()) != null) {
        if (n.unclosedQuote()) {
          unreadable++;
          continue;
        }
        try {
          RecordCodec.Decoded d = codec.decode(n.record().bytes());
          if (sameKey(d.values(), args)) {
            return toRecord(d.values(), n.record().bytes());
          }
        } catch (RecordCodec.Problem p) {
          unreadable++;
        }
      }
    } catch (IOException e) {
      throw new SystemUnavailableException(s.systemId(), operation, "reading " + s.file().getFileName()
          + " failed (" + e.getClass().getSimpleName() + ")", e);
    }
    if (unreadable > 0) {
      LOG.log(System.Logger.Level.WARNING, "{0}/{1}: key not found; {2} lines of {3} could not be read",
          s.systemId(), operation, String.valueOf(unreadable), s.file().getFileName());
    }
    throw new RecordNotFoundException(s.systemId(), operation, entity.name(), keyString(args));
  }

  // ---------------------------------------------------------------- writing

  /**
   * Copies the file to a temporary file beside it, changing the one record, and renames it over the file.
   * Lines that cannot be read are copied as they are: a write never loses a line.
   */
  private Optional<AdapterRecord> write(
      OperationDescriptor op, Map<String, Object> args, Optional<String> expected, boolean dryRun) {
    String name = op.name();
    OperationKind kind = op.kind();
    RecordCodec codec = codec();
    writeLock.lock();
    Path dir = s.file().toAbsolutePath().getParent();
    Path tmp = null;
    try {
      ensureOpen(name);
      tmp = Files.createTempFile(dir, "." + s.file().getFileName() + ".", ".tmp");
      boolean exists = Files.exists(s.file());
      if (!exists && kind != OperationKind.CREATE) {
        throw new RecordNotFoundException(s.systemId(), name, entity.name(), keyString(args));
      }
      AdapterRecord result = null;
      long foundOn = -1;
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
        byte[] lineBreak = {'\n'};
        byte[] lastTerminator = lineBreak;
        boolean any = false;
        if (exists) {
          try (RecordReader reader = new RecordReader(Files.newInputStream(s.file()),
              s.layout().format() == FileLayout.Format.CSV, s.delimiter(), MAX_LINES_PER_RECORD,
              skipBom())) {
            RawRecord header = header(reader, name);
            out.write(reader.bom());
            if (header != null) {
              out.write(header.bytes());
              out.write(header.terminator().length > 0 ? header.terminator() : lineBreak);
              lineBreak = header.terminator().length > 0 ? header.terminator() : lineBreak;
            } else {
              writeHeader(out, lineBreak);
            }
            RecordReader.Next n;
            boolean breakSeen = header != null && header.terminator().length > 0;
            while ((n = reader.next()) != null) {
              RawRecord raw = n.record();
              if (!breakSeen && raw.terminator().length > 0) {
                lineBreak = raw.terminator();
                breakSeen = true;
              }
              any = true;
              RecordCodec.Decoded d = null;
              if (!n.unclosedQuote()) {
                try {
                  d = codec.decode(raw.bytes());
                } catch (RecordCodec.Problem p) {
                  d = null;
                }
              }
              if (d != null && sameKey(d.values(), args)) {
                if (foundOn >= 0) {
                  throw new AdapterException(s.systemId(), name, "key '" + keyString(args) + "' is on lines "
                      + foundOn + " and " + raw.lineNumber() + " of " + s.file().getFileName()
                      + "; remove the duplicate before writing", false, null);
                }
                foundOn = raw.lineNumber();
                if (kind == OperationKind.CREATE) {
                  throw new InputRejectedException(s.systemId(), name, entity.keyFields().get(0),
                      "a record with this key already exists on line " + foundOn, null);
                }
                String current = RecordCodec.version(raw.bytes());
                if (expected.isPresent() && !expected.get().equals(current)) {
                  throw new VersionConflictException(s.systemId(), name, keyString(args), expected.get(), current);
                }
                if (kind == OperationKind.DELETE) {
                  result = toRecord(d.values(), raw.bytes());
                  lastTerminator = raw.terminator();
                  continue;
                }
                Map<String, Object> merged = new LinkedHashMap<>(d.values());
                merged.putAll(args);
                Set<String> changed = new HashSet<>(args.keySet());
                entity.keyFields().forEach(changed::remove);
                byte[] updated = encode(codec, name, merged, Optional.of(new RecordCodec.Original(raw.bytes(), d)),
                    changed);
                result = toRecord(decodeWritten(codec, name, updated), updated);
                out.write(updated);
                out.write(raw.terminator().length > 0 ? raw.terminator() : lineBreak);
                lastTerminator = raw.terminator().length > 0 ? raw.terminator() : lineBreak;
                continue;
              }
              out.write(raw.bytes());
              out.write(raw.terminator());
              lastTerminator = raw.terminator();
            }
          }
        } else {
          writeHeader(out, lineBreak);
        }
        if (kind != OperationKind.CREATE && foundOn < 0) {
          throw new RecordNotFoundException(s.systemId(), name, entity.name(), keyString(args));
        }
        if (kind == OperationKind.CREATE) {
          byte[] created = encode(codec, name, args, Optional.empty(), args.keySet());
          if (any && lastTerminator.length == 0) {
            out.write(lineBreak);
          }
          out.write(created);
          out.write(lineBreak);
          result = toRecord(decodeWritten(codec, name, created), created);
        }
        out.flush();
        channel.force(true);
      }
      if (dryRun) {
        return Optional.of(result);
      }
      keepPermissions(tmp);
      Files.move(tmp, s.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      return Optional.of(result);
    } catch (IOException e) {
      throw new SystemUnavailableException(s.systemId(), name, "writing " + s.file().getFileName() + " failed ("
          + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
          + "); the file is unchanged", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "could not delete temporary file {0}: {1}", tmp, e);
        }
      }
      writeLock.unlock();
    }
  }

  /** Writes the CSV header line, when the layout has one, to a file that has none yet. */
  private void writeHeader(OutputStream out, byte[] lineBreak) throws IOException {
    if (s.header() && s.layout().format() == FileLayout.Format.CSV) {
      String names = s.layout().fields().stream().map(LayoutField::name)
          .collect(Collectors.joining(String.valueOf(s.delimiter())));
      out.write(names.getBytes(s.charset()));
      out.write(lineBreak);
    }
  }

  private byte[] encode(RecordCodec codec, String operation, Map<String, Object> values,
      Optional<RecordCodec.Original> original, Set<String> changed) {
    try {
      return codec.encode(values, original, changed);
    } catch (RecordCodec.Problem p) {
      throw new InputRejectedException(s.systemId(), operation, p.field().orElse("-"), p.getMessage(), null);
    }
  }

  /** Reads back what is about to be written, so that a value the layout cannot hold is refused before. */
  private Map<String, Object> decodeWritten(RecordCodec codec, String operation, byte[] line) {
    try {
      return codec.decode(line).values();
    } catch (RecordCodec.Problem p) {
      throw new InputRejectedException(s.systemId(), operation, p.field().orElse("-"),
          "would not read back from the file: " + p.getMessage(), null);
    }
  }

  private void keepPermissions(Path tmp) {
    try {
      if (Files.exists(s.file())) {
        PosixFileAttributeView view = Files.getFileAttributeView(s.file(), PosixFileAttributeView.class);
        if (view != null) {
          Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not carry the permissions of {0} over: {1}", s.file(), e);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  protected Health checkHealth() {
    Path f = s.file();
    Health.Status status;
    String detail;
    if (Files.isReadable(f)) {
      boolean writable = s.readOnly() || Files.isWritable(f.toAbsolutePath().getParent());
      status = writable ? Health.Status.UP : Health.Status.DEGRADED;
      detail = f.getFileName() + (writable ? " is readable" : " is readable but its directory is not writable");
    } else if (!Files.exists(f) && !s.readOnly() && Files.isWritable(f.toAbsolutePath().getParent())) {
      status = Health.Status.DEGRADED;
      detail = f.getFileName() + " does not exist yet; a create will make it";
    } else {
      status = Health.Status.DOWN;
      detail = f.getFileName() + " cannot be read";
    }
    return new Health(status, detail, Duration.ZERO); // the base measures the latency
  }
}
