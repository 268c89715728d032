package io.modelbridge.security.pii;

/** What a {@link PiiProtector} does with a finding of a given type (see {@link PiiPolicy}). */
public enum Operator {
  /** Replaces the value by a typed token such as {@code <EMAIL_1>}, kept in the vault and restorable. */
  PSEUDONYMIZE,
  /** Replaces letters and digits by {@code *}, keeping the last few (see {@link Masking#mask}); one way. */
  MASK,
  /** Replaces the value by its type, such as {@code <EMAIL>}; one way. */
  REDACT,
  /**
   * Replaces the value by {@code <TYPE#hex>}, a keyed HMAC-SHA256 (128 bits shown): equal values give equal
   * hashes, nobody without the key can test a guess; one way.
   */
  HASH,
  /**
   * Replaces the value by {@code <TYPE!ciphertext>}, AES-256-GCM through the crypto API, bound to the tenant
   * and type as associated data; decryptable by the key holder with
   * {@link PiiProtector#decrypt(String, io.modelbridge.core.CallContext)}.
   */
  ENCRYPT
}
