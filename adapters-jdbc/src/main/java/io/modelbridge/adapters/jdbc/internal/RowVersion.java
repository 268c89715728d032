package io.modelbridge.adapters.jdbc.internal;

import java.math.BigDecimal;

/**
 * Derives a record version from a row's values, for tables without a version column: a 128-bit hash of the
 * canonical text of every exposed column, so any change of any value gives a different version. Not a
 * cryptographic digest: it detects concurrent changes, it does not resist crafted collisions.
 */
final class RowVersion {

  private long h1 = 0xcbf29ce484222325L;
  private long h2 = 0x9E3779B97F4A7C15L;

  void add(Object value) {
    if (value == null) {
      mix(0xFFFF);
      return;
    }
    String text = value instanceof BigDecimal d ? Values.canonical(d) : value.toString();
    mix(text.length());
    for (int i = 0; i < text.length(); i++) {
      mix(text.charAt(i));
    }
  }

  private void mix(int c) {
    h1 = (h1 ^ c) * 0x100000001b3L;
    h2 = Long.rotateLeft(h2 ^ c, 27) * 0xC2B2AE3D27D4EB4FL;
  }

  String value() {
    return hex(fmix(h1 ^ h2 >>> 7)) + hex(fmix(h2 + h1));
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }
}
