package io.modelbridge.security.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Canonical entry lines: {@code {"seq":N,"prev":"<64 hex>","ts":..,"type":..,"tenant":..,"principal":..,
 * "correlation":..,"action":..,"data":{sorted}} } with the closing brace replaced by
 * {@code ,"hash":"<64 hex>"}} where hash = SHA-256 of every byte before {@code ,"hash"}. Fixed field order
 * and fixed positions of seq, prev and hash let the verifier check a line without a JSON parser.
 */
public final class EntryCodec {

  /** The prev hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);
  /** Length of {@code ,"hash":"<64 hex>"}}. */
  public static final int HASH_SUFFIX = 75;
  static final byte[] HASH_MARK = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SEQ_MARK = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PREV_MARK = ",\"prev\":\"".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TYPE_MARK = ",\"type\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final JsonFactory JSON = new JsonFactory();

  private final MessageDigest sha256;
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
  private JsonGenerator generator;

  /** A codec with its own SHA-256 digest and JSON generator; one per thread. */
  public EntryCodec() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** An encoded entry: its full line (with the trailing newline) and its hash in hex. */
  public record Encoded(byte[] line, String hash) {}

  /** Encodes one entry; not thread-safe (one codec per writer). */
  public Encoded encode(long seq, String prev, String ts, String type, String tenant, String principal,
      String correlation, String action, Map<String, String> data) {
    buffer.reset();
    try {
      if (generator == null) {
        // one generator for the codec's life: creating one per entry costs more than writing the entry
        generator = JSON.createGenerator(buffer);
        generator.setRootValueSeparator(null);
      }
      JsonGenerator g = generator;
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("prev", prev);
      g.writeStringField("ts", ts);
      g.writeStringField("type", type);
      g.writeStringField("tenant", tenant);
      g.writeStringField("principal", principal);
      g.writeStringField("correlation", correlation);
      g.writeStringField("action", action);
      g.writeObjectFieldStart("data");
      for (Map.Entry<String, String> e : data.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      g.flush();
    } catch (IOException e) {
      generator = null;
      throw new UncheckedIOException(e);
    }
    byte[] json = buffer.toByteArray();
    int bodyLen = json.length - 1; // drop the closing brace
    sha256.update(json, 0, bodyLen);
    byte[] digest = sha256.digest();
    byte[] line = new byte[bodyLen + HASH_SUFFIX + 1];
    System.arraycopy(json, 0, line, 0, bodyLen);
    int p = bodyLen;
    System.arraycopy(HASH_MARK, 0, line, p, HASH_MARK.length);
    p += HASH_MARK.length;
    for (byte b : digest) {
      line[p++] = HEX[(b >> 4) & 0xf];
      line[p++] = HEX[b & 0xf];
    }
    line[p++] = '"';
    line[p++] = '}';
    line[p] = '\n';
    return new Encoded(line, new String(line, bodyLen + HASH_MARK.length, 64, StandardCharsets.US_ASCII));
  }

  /** What the verifier reads from a line without a JSON parser. */
  public record Parsed(long seq, String prev, String hash, String type, boolean hashValid) {}

  /**
   * Parses the fixed-position parts of a line (without its newline) and checks its own hash.
   *
   * @return empty when the line does not have the entry shape at all
   */
  public java.util.Optional<Parsed> parse(byte[] buf, int off, int len) {
    if (len < SEQ_MARK.length + 1 + PREV_MARK.length + 65 + HASH_SUFFIX || !startsWith(buf, off, SEQ_MARK)) {
      return java.util.Optional.empty();
    }
    int p = off + SEQ_MARK.length;
    int end = off + len;
    long seq = 0;
    int digits = 0;
    while (p < end && buf[p] >= '0' && buf[p] <= '9' && digits < 18) {
      seq = seq * 10 + (buf[p++] - '0');
      digits++;
    }
    if (digits == 0 || !startsWith(buf, p, PREV_MARK) || p + PREV_MARK.length + 65 > end) {
      return java.util.Optional.empty();
    }
    p += PREV_MARK.length;
    String prev = new String(buf, p, 64, StandardCharsets.US_ASCII);
    p += 64;
    if (buf[p] != '"') {
      return java.util.Optional.empty();
    }
    int hashStart = end - HASH_SUFFIX;
    if (hashStart < p || !startsWith(buf, hashStart, HASH_MARK) || buf[end - 2] != '"' || buf[end - 1] != '}') {
      return java.util.Optional.empty();
    }
    String hash = new String(buf, hashStart + HASH_MARK.length, 64, StandardCharsets.US_ASCII);
    sha256.update(buf, off, hashStart - off);
    byte[] digest = sha256.digest();
    boolean valid = true;
    int h = hashStart + HASH_MARK.length;
    for (int i = 0; i < 32 && valid; i++) {
      valid = buf[h + 2 * i] == HEX[(digest[i] >> 4) & 0xf] && buf[h + 2 * i + 1] == HEX[digest[i] & 0xf];
    }
    String type = "";
    int t = indexOf(buf, p, hashStart, TYPE_MARK);
    if (t >= 0) {
      int s = t + TYPE_MARK.length;
      int q = s;
      while (q < hashStart && buf[q] != '"') {
        q++;
      }
      type = new String(buf, s, q - s, StandardCharsets.US_ASCII);
    }
    return java.util.Optional.of(new Parsed(seq, prev, hash, type, valid));
  }

  /** Where the fixed-position parts of a line are, filled by {@link #scan}; reused across lines. */
  public static final class Scan {
    /** The entry's sequence number. */
    public long seq;
    /** Offset of the 64 hex characters of {@code prev} in the buffer. */
    public int prevOffset;
    /** Offset of the 64 hex characters of {@code hash} in the buffer. */
    public int hashOffset;
    /** Whether the line's bytes hash to its {@code hash}. */
    public boolean hashValid;
    /** Whether the entry's type is CHECKPOINT. */
    public boolean checkpoint;
    /** Whether the entry's type is RECOVERY. */
    public boolean recovery;
  }

  private static final byte[] CHECKPOINT_TYPE = "CHECKPOINT\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECOVERY_TYPE = "RECOVERY\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Allocation-free variant of {@link #parse} for the verifier.
   *
   * @return false when the line does not have the entry shape
   */
  public boolean scan(byte[] buf, int off, int len, Scan out) {
    if (len < SEQ_MARK.length + 1 + PREV_MARK.length + 65 + HASH_SUFFIX || !startsWith(buf, off, SEQ_MARK)) {
      return false;
    }
    int p = off + SEQ_MARK.length;
    int end = off + len;
    long seq = 0;
    int digits = 0;
    while (p < end && buf[p] >= '0' && buf[p] <= '9' && digits < 18) {
      seq = seq * 10 + (buf[p++] - '0');
      digits++;
    }
    if (digits == 0 || !startsWith(buf, p, PREV_MARK) || p + PREV_MARK.length + 65 > end) {
      return false;
    }
    p += PREV_MARK.length;
    int prevOffset = p;
    p += 64;
    int hashStart = end - HASH_SUFFIX;
    if (buf[p] != '"' || hashStart < p || !startsWith(buf, hashStart, HASH_MARK) || buf[end - 2] != '"'
        || buf[end - 1] != '}') {
      return false;
    }
    sha256.update(buf, off, hashStart - off);
    byte[] digest = sha256.digest();
    boolean valid = true;
    int h = hashStart + HASH_MARK.length;
    for (int i = 0; i < 32 && valid; i++) {
      valid = buf[h + 2 * i] == HEX[(digest[i] >> 4) & 0xf] && buf[h + 2 * i + 1] == HEX[digest[i] & 0xf];
    }
    int t = indexOf(buf, p, hashStart, TYPE_MARK);
    out.seq = seq;
    out.prevOffset = prevOffset;
    out.hashOffset = h;
    out.hashValid = valid;
    out.checkpoint = t >= 0 && startsWith(buf, t + TYPE_MARK.length, CHECKPOINT_TYPE);
    out.recovery = t >= 0 && startsWith(buf, t + TYPE_MARK.length, RECOVERY_TYPE);
    return true;
  }

  private static boolean startsWith(byte[] buf, int off, byte[] mark) {
    if (off + mark.length > buf.length) {
      return false;
    }
    for (int i = 0; i < mark.length; i++) {
      if (buf[off + i] != mark[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] buf, int from, int to, byte[] mark) {
    outer:
    for (int i = from; i <= to - mark.length; i++) {
      for (int j = 0; j < mark.length; j++) {
        if (buf[i + j] != mark[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
