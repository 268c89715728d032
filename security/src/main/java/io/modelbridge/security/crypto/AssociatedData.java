package io.modelbridge.security.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a ciphertext is bound to: the tenant it belongs to and the field (or purpose) it was written for.
 * Decrypting with other associated data fails, so a ciphertext copied from one tenant or field to another
 * is rejected instead of decrypted.
 *
 * @param tenant the tenant the data belongs to
 * @param field the field or purpose, for example {@code customer.email} or {@code audit.request}
 */
public record AssociatedData(String tenant, String field) {

  /** Validates the components. */
  public AssociatedData {
    Objects.requireNonNull(tenant, "tenant cannot be null");
    Objects.requireNonNull(field, "field cannot be null");
  }

  /** Shorthand for {@code new AssociatedData(tenant, field)}. */
  public static AssociatedData of(String tenant, String field) {
    return new AssociatedData(tenant, field);
  }

  /**
   * The canonical, unambiguous encoding fed to the cipher: each component as a 4-byte big-endian length
   * followed by its UTF-8 bytes, so ("ab","c") and ("a","bc") never encode alike.
   */
  public byte[] encoded() {
    var out = new ByteArrayOutputStream();
    writeLengthPrefixed(out, tenant.getBytes(StandardCharsets.UTF_8));
    writeLengthPrefixed(out, field.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
    int n = bytes.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.write(bytes, 0, n);
  }
}
