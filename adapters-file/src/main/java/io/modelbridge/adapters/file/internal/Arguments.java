package io.modelbridge.adapters.file.internal;

import java.math.BigDecimal;

/**
 * Compares call arguments with record values. Arguments arrive coerced by the SPI
 * ({@link io.modelbridge.adapters.spi.FieldType#coerce}), so they already have their field's Java type.
 */
final class Arguments {

  private Arguments() {}

  /** Equality of two values of one field; decimals compare by value (1.50 equals 1.5). */
  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }
}
