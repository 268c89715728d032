package io.modelbridge.adapters.jdbc.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Derives a record version from a row's values, for tables without a version column: a 128-bit hash of every
 * exposed column's value, so any change of any value gives a different version. Values are hashed without
 * converting them to text, since this runs for every row streamed. Not a cryptographic digest: it detects
 * concurrent changes, it does not resist crafted collisions.
 */
final class RowVersion {

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  private static final long SEED1 = 0xcbf29ce484222325L;
  private static final long SEED2 = 0x9E3779B97F4A7C15L;

  private long h1 = SEED1;
  private long h2 = SEED2;

  /** Starts over, for the next row. */
  void reset() {
    h1 = SEED1;
    h2 = SEED2;
  }

  void add(Object value) {
    if (value == null) {
      mix(0x7fff_0001);
    } else if (value instanceof Long l) {
      mix(1);
      mixLong(l);
    } else if (value instanceof String s) {
      mix(2);
      mix(s.length());
      for (int i = 0; i < s.length(); i++) {
        mix(s.charAt(i));
      }
    } else if (value instanceof BigDecimal d) {
      // hashCode covers unscaled value and scale, without allocating for values that fit in a long
      mix(3);
      mix(d.hashCode());
      mix(d.precision());
    } else if (value instanceof LocalDate d) {
      mix(4);
      mixLong(d.toEpochDay());
    } else if (value instanceof Instant t) {
      mix(5);
      mixLong(t.getEpochSecond());
      mix(t.getNano());
    } else if (value instanceof Boolean b) {
      mix(b ? 6 : 7);
    } else {
      add(value.toString());
    }
  }

  private void mixLong(long v) {
    mix((int) v);
    mix((int) (v >>> 32));
  }

  private void mix(int c) {
    h1 = (h1 ^ c) * 0x100000001b3L;
    h2 = Long.rotateLeft(h2 ^ c, 27) * 0xC2B2AE3D27D4EB4FL;
  }

  String value() {
    byte[] out = new byte[32];
    hex(fmix(h1 ^ (h2 >>> 7)), out, 0);
    hex(fmix(h2 + h1), out, 16);
    // Latin-1 bytes become the string's own storage without widening to chars and back
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static void hex(long v, byte[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
  }
}
