package io.modelbridge.adapters.spi;

import java.util.Objects;

/** Argument checks shared by the SPI's value types. */
final class Checks {

  private Checks() {}

  static String requireText(String value, String what) {
    Objects.requireNonNull(value, () -> what + " cannot be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
