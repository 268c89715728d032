package io.modelbridge.security.pii;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of a finding, which names its tokens ({@code <EMAIL_1>}) and selects its operator in a
 * {@link PiiPolicy}. Built-in kinds are constants; an embedder's custom recognizer makes its own with
 * {@link #of(String)}.
 *
 * @param name upper-case letters, digits and underscores, starting with a letter, at most 32 characters
 */
public record PiiType(String name) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  /** E-mail addresses. */
  public static final PiiType EMAIL = new PiiType("EMAIL");
  /** Phone numbers, validated by libphonenumber. */
  public static final PiiType PHONE = new PiiType("PHONE");
  /** Payment card numbers (Luhn and issuer prefix checked). */
  public static final PiiType CREDIT_CARD = new PiiType("CREDIT_CARD");
  /** International bank account numbers (mod-97 and country length checked). */
  public static final PiiType IBAN = new PiiType("IBAN");
  /** Chinese resident identity numbers (GB 11643 check digit, valid birth date). */
  public static final PiiType CN_ID = new PiiType("CN_ID");
  /** French social security numbers (NIR, with its key). */
  public static final PiiType FR_NIR = new PiiType("FR_NIR");
  /** US social security numbers (valid ranges only). */
  public static final PiiType US_SSN = new PiiType("US_SSN");
  /** IPv4 and IPv6 addresses. */
  public static final PiiType IP_ADDRESS = new PiiType("IP_ADDRESS");
  /** The whole value of a record field that the caller marked as personal. */
  public static final PiiType PERSONAL = new PiiType("PERSONAL");

  /**
   * Validates the name.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is not 1 to 32 upper-case letters, digits or underscores
   *     starting with a letter
   */
  public PiiType {
    Objects.requireNonNull(name, "name cannot be null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "PII type name must be 1-32 characters [A-Z0-9_] starting with a letter, was '" + name + "'");
    }
  }

  /** Shorthand for {@code new PiiType(name)}; see the constructor for what it throws. */
  public static PiiType of(String name) {
    return new PiiType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
