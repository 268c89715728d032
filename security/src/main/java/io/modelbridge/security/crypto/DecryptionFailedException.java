package io.modelbridge.security.crypto;

/**
 * A ciphertext did not authenticate: it is malformed, was altered, or was given other associated data than
 * at encryption (another tenant or field). No plaintext is ever returned or revealed in that case.
 */
public class DecryptionFailedException extends CryptoException {

  private static final long serialVersionUID = 1L;

  /**
   * @param detail what was found wrong (format, not content)
   * @param aad the associated data the caller gave (tenant and field names, not personal data)
   */
  public DecryptionFailedException(String detail, AssociatedData aad) {
    super(detail + " (tenant '" + aad.tenant() + "', field '" + aad.field()
        + "'); the ciphertext was altered, truncated, or belongs to another tenant or field");
  }
}
