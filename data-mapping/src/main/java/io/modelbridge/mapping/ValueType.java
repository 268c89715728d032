package io.modelbridge.mapping;

/** The canonical type a mapped field is coerced to; see {@code docs/data-mapping.md} for what each accepts. */
public enum ValueType {
  /** Text ({@link String}); numbers are written in plain notation. */
  STRING,
  /** A whole number ({@link Long}); fractional values are rejected, never truncated. */
  INTEGER,
  /** A decimal ({@link java.math.BigDecimal}), for money and quantities; never a binary floating point. */
  DECIMAL,
  /** A boolean; accepts true/false, Y/N, yes/no, 1/0, oui/non, ja/nein, vrai/faux. */
  BOOLEAN,
  /** An ISO-8601 date text {@code uuuu-MM-dd}, parsed strictly: an impossible date ({@code 2020-02-31}) is rejected. */
  DATE,
  /** An ISO-8601 instant text in UTC, {@code uuuu-MM-ddTHH:mm:ssZ}, parsed strictly. */
  DATETIME,
  /** The value as it is (nested objects and arrays are copied as plain maps and lists). */
  ANY
}
