package io.modelbridge.adapters.jdbc.internal;

import java.sql.Types;


/** Range checks of coerced arguments against their column (coercion is the SPI's; reading and binding columns is {@link SqlType}'s). */
final class Values {

  private Values() {}

  /** Whether an INTEGER value fits a column of {@code sqlType}. */
  static boolean fits(long v, int sqlType) {
    switch (sqlType) {
      case Types.TINYINT: case Types.SMALLINT:
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      case Types.INTEGER:
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      default:
        return true;
    }
  }
}
