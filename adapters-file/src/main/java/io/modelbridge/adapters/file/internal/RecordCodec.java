package io.modelbridge.adapters.file.internal;

import io.modelbridge.adapters.file.FileLayout;
import io.modelbridge.adapters.file.LayoutField;
import io.modelbridge.adapters.spi.FieldType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a record's bytes into field values and back, for one layout and encoding. Not thread-safe. */
final class RecordCodec {

  /** A record that cannot be read or written; names the field when the problem is in one. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    Problem(String field, String message) {
      super(message);
      this.field = field;
    }

    Optional<String> field() {
      return Optional.ofNullable(field);
    }
  }

  /**
   * A decoded record.
   *
   * @param values the field values by name, absent fields left out
   * @param cells CSV: the cells as read (kept so that a rewrite leaves untouched fields as they were)
   */
  record Decoded(Map<String, Object> values, List<CsvCodec.Cell> cells) {}

  private final FileLayout layout;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final CharsetEncoder encoder;
  private final CsvCodec csv;
  private final List<FieldCodec> fields;
  private final int recordLength;

  RecordCodec(FileLayout layout, Charset charset, char delimiter) {
    this.layout = layout;
    this.charset = charset;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.csv = new CsvCodec(delimiter);
    this.fields = layout.fields().stream().map(FieldCodec::new).toList();
    this.recordLength = layout.recordLength();
  }

  /** The record's version: a hash of its bytes, so that any change to the line changes it. */
  static String version(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The bytes as text with undecodable bytes replaced, for a reject's content. */
  String lenient(byte[] bytes) {
    return new String(bytes, charset);
  }

  /** Decodes a record. @throws Problem saying which field is wrong and how, never its content */
  Decoded decode(byte[] bytes) throws Problem {
    return layout.format() == FileLayout.Format.CSV ? decodeCsv(bytes) : decodeFixed(bytes);
  }

  private Decoded decodeCsv(byte[] bytes) throws Problem {
    if (bytes.length == 0) {
      throw new Problem(null, "is blank");
    }
    String text = text(bytes, 0, bytes.length, null);
    List<CsvCodec.Cell> cells;
    try {
      cells = csv.parse(text);
    } catch (CsvCodec.SyntaxException e) {
      throw new Problem(null, e.getMessage());
    }
    if (cells.size() != fields.size()) {
      throw new Problem(null, "expected " + fields.size() + " cells, found " + cells.size()
          + " (one per declared field; check for a missing or extra delimiter, or a row cut short)");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      read(fields.get(i), cells.get(i).text(), cells.get(i).quoted(), values);
    }
    return new Decoded(values, cells);
  }

  private Decoded decodeFixed(byte[] bytes) throws Problem {
    if (bytes.length == 0) {
      throw new Problem(null, "is blank");
    }
    if (bytes.length > recordLength) {
      for (int i = recordLength; i < bytes.length; i++) {
        if (bytes[i] != ' ') {
          throw new Problem(null, "has " + bytes.length + " bytes, more than the " + recordLength
              + " the layout declares, and the extra bytes are not blank");
        }
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (FieldCodec f : fields) {
      LayoutField lf = f.field();
      int from = Math.min(lf.start() - 1, bytes.length);
      int to = Math.min(lf.end(), bytes.length);
      read(f, text(bytes, from, to, lf), false, values);
    }
    return new Decoded(values, List.of());
  }

  private static void read(FieldCodec f, String text, boolean quoted, Map<String, Object> into) throws Problem {
    try {
      f.read(text, quoted).ifPresent(v -> into.put(f.field().name(), v));
    } catch (FieldCodec.BadValue e) {
      throw new Problem(f.field().name(), "field '" + f.field().name() + "' " + e.getMessage());
    }
  }

  private String text(byte[] bytes, int from, int to, LayoutField field) throws Problem {
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate((int) ((to - from) * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int offset = in.position() + 1;
      throw new Problem(field == null ? null : field.name(), (field == null ? "" : "field '" + field.name() + "': ")
          + "byte " + offset + " of the line is not valid " + charset.name()
          + (field != null ? " (a multi-byte character cut by the field boundary?)" : "")
          + "; check the encoding setting");
    }
    out.flip();
    return out.toString();
  }

  /**
   * Encodes a record.
   *
   * @param values the field values by name (absent fields left out)
   * @param original the record being replaced, if any: CSV cells of fields not in {@code changed} and
   *     fixed-width bytes outside the fields are kept as they were
   * @param changed the fields whose values are new
   * @throws Problem naming the field whose value cannot be written
   */
  byte[] encode(Map<String, Object> values, Optional<Original> original, Set<String> changed) throws Problem {
    return layout.format() == FileLayout.Format.CSV
        ? encodeCsv(values, original, changed) : encodeFixed(values, original, changed);
  }

  /** The record a write replaces. */
  record Original(byte[] bytes, Decoded decoded) {}

  private byte[] encodeCsv(Map<String, Object> values, Optional<Original> original, Set<String> changed)
      throws Problem {
    List<Optional<String>> out = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      FieldCodec f = fields.get(i);
      String name = f.field().name();
      if (original.isPresent() && !changed.contains(name)) {
        out.add(original.get().decoded().cells().get(i).value());
        continue;
      }
      Object v = values.get(name);
      String text = v == null ? null : write(f, v);
      if (text != null && !encoder.canEncode(text)) {
        throw new Problem(name, "has characters that " + charset.name() + " cannot encode");
      }
      out.add(Optional.ofNullable(text));
    }
    return bytes(csv.format(out), null);
  }

  private byte[] encodeFixed(Map<String, Object> values, Optional<Original> original, Set<String> changed)
      throws Problem {
    byte[] line = original.map(o -> Arrays.copyOf(o.bytes(), Math.max(o.bytes().length, recordLength)))
        .orElseGet(() -> new byte[recordLength]);
    if (original.isEmpty()) {
      Arrays.fill(line, (byte) ' ');
    } else {
      for (int i = original.get().bytes().length; i < line.length; i++) {
        line[i] = ' ';
      }
    }
    for (FieldCodec f : fields) {
      LayoutField lf = f.field();
      if (original.isPresent() && !changed.contains(lf.name())) {
        continue;
      }
      Object v = values.get(lf.name());
      String text = v == null ? "" : write(f, v);
      if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
        throw new Problem(lf.name(), "contains a line break, which a fixed-width record cannot hold");
      }
      byte[] b = bytes(text, lf);
      if (b.length > lf.length()) {
        throw new Problem(lf.name(), "needs " + b.length + " bytes in " + charset.name() + " but the field holds "
            + lf.length());
      }
      byte[] padded = new byte[lf.length()];
      boolean number = lf.type() == FieldType.INTEGER || lf.type() == FieldType.DECIMAL;
      if (number && v != null) {
        // Right-aligned, zero-filled after the sign, as mainframe numeric fields are.
        boolean negative = b.length > 0 && b[0] == '-';
        Arrays.fill(padded, (byte) '0');
        int digits = negative ? b.length - 1 : b.length;
        System.arraycopy(b, negative ? 1 : 0, padded, lf.length() - digits, digits);
        if (negative) {
          padded[0] = '-';
        }
      } else {
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(b, 0, padded, 0, b.length);
      }
      System.arraycopy(padded, 0, line, lf.start() - 1, lf.length());
    }
    return line;
  }

  private static String write(FieldCodec f, Object v) throws Problem {
    try {
      return f.write(v);
    } catch (FieldCodec.BadValue e) {
      throw new Problem(f.field().name(), e.getMessage());
    }
  }

  private byte[] bytes(String text, LayoutField field) throws Problem {
    try {
      encoder.reset();
      ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new Problem(field == null ? null : field.name(), "has characters that " + charset.name() + " cannot encode");
    }
  }
}
