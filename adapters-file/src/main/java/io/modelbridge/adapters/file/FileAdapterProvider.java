package io.modelbridge.adapters.file;

import io.modelbridge.adapters.file.internal.FileSettings;
import io.modelbridge.adapters.file.internal.FileSystemAdapter;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.ConfigKey.Type;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.spi.SystemKind;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The provider of the flat-file adapter, type {@code file}: one CSV or fixed-width file as one entity, with
 * operations {@code <entity>.query}, {@code .get}, and unless read-only {@code .create}, {@code .update} and
 * {@code .delete}. Discovered with {@link java.util.ServiceLoader}; see {@code docs/adapters-file.md} for
 * every key with an example.
 *
 * <p>Exactly one of {@code fields} (the layout as text, see {@link FileLayout}) or {@code layout} (a
 * {@link FileLayout} object) must be given.
 */
public final class FileAdapterProvider implements SystemAdapterProvider {

  /** The data file. */
  public static final ConfigKey PATH = ConfigKey.required("path", Type.PATH, "the data file");
  /** {@code csv} or {@code fixed}. */
  public static final ConfigKey FORMAT = ConfigKey.optional("format", Type.STRING, "csv",
      "csv (RFC 4180) or fixed (fixed-width records)");
  /** The layout as text. */
  public static final ConfigKey FIELDS = ConfigKey.optional("fields", Type.STRING,
      "the record layout as text, like 'id INTEGER key @1+6; name STRING personal @7+20'");
  /** The layout as a {@link FileLayout} object. */
  public static final ConfigKey LAYOUT = ConfigKey.optional("layout", Type.OBJECT,
      "the record layout as an io.modelbridge.adapters.file.FileLayout");
  /** The file's encoding. */
  public static final ConfigKey ENCODING = ConfigKey.optional("encoding", Type.STRING, "UTF-8",
      "the file's encoding: UTF-8, ISO-8859-1, GBK or another ASCII-compatible charset");
  /** The entity name. */
  public static final ConfigKey ENTITY = ConfigKey.optional("entity", Type.STRING, "records",
      "the entity name; operations are named <entity>.query, <entity>.get, ...");
  /** The system kind. */
  public static final ConfigKey KIND = ConfigKey.optional("kind", Type.STRING, "FILE",
      "the kind of system: ERP, CRM, FINANCE, ORDER, FILE or OTHER");
  /** The CSV delimiter. */
  public static final ConfigKey DELIMITER = ConfigKey.optional("csv.delimiter", Type.STRING, ",",
      "the CSV delimiter: one character, or 'tab'");
  /** Whether a CSV file has a header line. */
  public static final ConfigKey HEADER = ConfigKey.optional("csv.header", Type.BOOLEAN, "true",
      "whether a CSV file starts with a header line naming the fields (checked against the layout)");
  /** Whether the first malformed line ends a query with an error. */
  public static final ConfigKey STRICT = ConfigKey.optional("strict", Type.BOOLEAN, "false",
      "true: the first malformed line ends a query with InputRejectedException naming it");
  /** Where malformed lines go. */
  public static final ConfigKey REJECT_SINK = ConfigKey.optional("rejectSink", Type.OBJECT,
      "an io.modelbridge.adapters.file.RejectSink receiving every malformed line");
  /** How many rejected lines a report keeps. */
  public static final ConfigKey KEEP_REJECTS = ConfigKey.optional("rejects.keep", Type.INTEGER, "100",
      "how many rejected lines a query's ReadReport keeps (all are counted and all go to the sink)");
  /** Whether to offer only reads. */
  public static final ConfigKey READ_ONLY = ConfigKey.optional("readOnly", Type.BOOLEAN, "false",
      "true: offer only query and get");

  private static final List<ConfigKey> KEYS = List.of(PATH, FORMAT, FIELDS, LAYOUT, ENCODING, ENTITY, KIND,
      DELIMITER, HEADER, STRICT, REJECT_SINK, KEEP_REJECTS, READ_ONLY);

  private static final String ASCII_PROBE = "\n\r\",;|\t 0123456789-.+ABCxyz";

  /** Public no-argument constructor for {@link java.util.ServiceLoader}; does no work. */
  public FileAdapterProvider() {}

  @Override
  public String type() {
    return "file";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  /** Built against this SPI: the compile-time constant is written into this class. */
  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String description() {
    return "CSV and fixed-width files (mainframe and batch exports): streamed reads with reject reports, atomic writes";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return KEYS;
  }

  /**
   * Creates the adapter; reads nothing yet (a missing file is reported by the first read).
   *
   * @throws InvalidAdapterConfigException naming the key whose value is unusable
   */
  @Override
  public SystemAdapter create(AdapterConfig config) {
    config.validate(KEYS);
    String id = config.systemId();
    Path file = config.path(PATH).orElseThrow();
    FileLayout.Format format = switch (config.requireString(FORMAT).trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> FileLayout.Format.CSV;
      case "fixed", "fixed-width" -> FileLayout.Format.FIXED;
      default -> throw new InvalidAdapterConfigException(id, FORMAT.name(), "is '" + config.requireString(FORMAT)
          + "' but must be csv or fixed");
    };
    FileLayout layout = layout(config, format);
    Charset charset = charset(config);
    char delimiter = delimiter(config);
    SystemKind kind;
    try {
      kind = SystemKind.valueOf(config.requireString(KIND).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(id, KIND.name(), "is '" + config.requireString(KIND)
          + "' but must be one of " + Arrays.toString(SystemKind.values()));
    }
    String entity = config.requireString(ENTITY).trim();
    if (!entity.matches("[A-Za-z][A-Za-z0-9_-]{0,40}")) {
      throw new InvalidAdapterConfigException(id, ENTITY.name(), "is '" + entity
          + "' but must be a letter followed by up to 40 letters, digits, '_' or '-'");
    }
    long keep = config.integer(KEEP_REJECTS).orElseThrow();
    if (keep < 0 || keep > 100_000) {
      throw new InvalidAdapterConfigException(id, KEEP_REJECTS.name(), "is " + keep + " but must be 0 to 100000");
    }
    FileSettings settings = new FileSettings(id, kind, file, entity, layout, charset, delimiter,
        config.bool(HEADER).orElseThrow(), config.bool(STRICT).orElseThrow(),
        config.object(REJECT_SINK, RejectSink.class), (int) keep, config.bool(READ_ONLY).orElseThrow());
    return new FileSystemAdapter(settings);
  }

  private static FileLayout layout(AdapterConfig config, FileLayout.Format format) {
    String id = config.systemId();
    boolean text = config.keys().contains(FIELDS.name());
    boolean object = config.keys().contains(LAYOUT.name());
    if (text == object) {
      throw new InvalidAdapterConfigException(id, FIELDS.name(), text
          ? "and layout are both given; use one" : "is required: give the record layout as fields (text) or layout (object)");
    }
    if (object) {
      FileLayout layout = config.object(LAYOUT, FileLayout.class).orElseThrow();
      if (layout.format() != format) {
        throw new InvalidAdapterConfigException(id, LAYOUT.name(), "is a " + layout.format()
            + " layout but format is " + format.name().toLowerCase(Locale.ROOT));
      }
      return layout;
    }
    try {
      return FileLayout.parse(format, config.requireString(FIELDS));
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(id, FIELDS.name(), "is not a valid " + format + " layout: "
          + e.getMessage());
    }
  }

  private static Charset charset(AdapterConfig config) {
    String name = config.requireString(ENCODING).trim();
    Charset cs;
    try {
      cs = Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(config.systemId(), ENCODING.name(), "names '" + name
          + "', which this JVM does not know; use UTF-8, ISO-8859-1 or GBK");
    }
    if (!Arrays.equals(ASCII_PROBE.getBytes(cs), ASCII_PROBE.getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidAdapterConfigException(config.systemId(), ENCODING.name(), "is " + cs.name()
          + ", which is not ASCII-compatible; line breaks, quotes and delimiters must be single ASCII bytes"
          + " (UTF-16 and EBCDIC files need converting first)");
    }
    return cs;
  }

  private static char delimiter(AdapterConfig config) {
    String d = config.requireString(DELIMITER);
    if (d.equalsIgnoreCase("tab") || d.equals("\\t")) {
      return '\t';
    }
    if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r' || d.charAt(0) > 127) {
      throw new InvalidAdapterConfigException(config.systemId(), DELIMITER.name(), "is '" + d
          + "' but must be one ASCII character other than a quote or a line break, or 'tab'");
    }
    return d.charAt(0);
  }
}
