package io.modelbridge.adapters.file;

import io.modelbridge.adapters.spi.FieldType;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a {@link FileLayout}: a CSV column (by position) or a fixed-width slice of the line.
 *
 * @param name the field name
 * @param type its type; values in records have {@link FieldType#javaType()}
 * @param key whether it is (part of) the record key; key fields are required
 * @param required whether an empty value makes the line a reject
 * @param personal whether it holds personal data
 * @param start fixed width: the first byte of the field, counting from 1; 0 for CSV
 * @param length fixed width: the field's length in bytes of the file's encoding; 0 for CSV
 * @param impliedDecimals DECIMAL only: the number of decimals implied in a digits-only value
 *     ({@code 0012345} with 2 is 123.45); 0 for a value written with its decimal point
 * @param trim whether surrounding spaces are removed from a STRING (always for other types)
 * @param format DATE and TIMESTAMP: a {@link DateTimeFormatter} pattern ({@code yyyyMMdd}; TIMESTAMP in UTC);
 *     BOOLEAN: the true and false texts as {@code "Y/N"}; empty for the ISO-8601 form and {@code true/false}
 */
public record LayoutField(
    String name,
    FieldType type,
    boolean key,
    boolean required,
    boolean personal,
    int start,
    int length,
    int impliedDecimals,
    boolean trim,
    Optional<String> format) {

  /** Validates the components. */
  public LayoutField {
    Objects.requireNonNull(name, "field name cannot be null");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("field name '" + name + "' must be letters, digits and '_'");
    }
    Objects.requireNonNull(type, "type of field '" + name + "' cannot be null");
    Objects.requireNonNull(format, "format cannot be null (use Optional.empty())");
    if (start < 0 || length < 0 || (start == 0) != (length == 0)) {
      throw new IllegalArgumentException("field '" + name + "': start " + start + " and length " + length
          + " must both be positive (fixed width) or both 0 (CSV)");
    }
    if (impliedDecimals < 0 || impliedDecimals > 18) {
      throw new IllegalArgumentException("field '" + name + "': implied decimals " + impliedDecimals
          + " must be 0 to 18");
    }
    if (impliedDecimals > 0 && type != FieldType.DECIMAL) {
      throw new IllegalArgumentException("field '" + name + "': implied decimals need type DECIMAL, not " + type);
    }
    if (key) {
      required = true;
    }
    String n = name;
    format.ifPresent(f -> {
      switch (type) {
        case DATE, TIMESTAMP -> {
          try {
            DateTimeFormatter.ofPattern(f);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + n + "': format '" + f + "' is not a date pattern: "
                + e.getMessage(), e);
          }
        }
        case BOOLEAN -> {
          String[] parts = f.split("/", -1);
          if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[0].equals(parts[1])) {
            throw new IllegalArgumentException("field '" + n + "': boolean format '" + f
                + "' must be two different texts separated by '/', like Y/N");
          }
        }
        default -> throw new IllegalArgumentException("field '" + n + "': a format applies to DATE, TIMESTAMP"
            + " and BOOLEAN fields, not " + type);
      }
    });
  }

  /** An optional CSV column. */
  public static LayoutField column(String name, FieldType type) {
    return new LayoutField(name, type, false, false, false, 0, 0, 0, false, Optional.empty());
  }

  /** An optional fixed-width field of {@code length} bytes from byte {@code start} (1-based); trimmed. */
  public static LayoutField fixed(String name, FieldType type, int start, int length) {
    if (start < 1 || length < 1) {
      throw new IllegalArgumentException("field '" + name + "': start " + start + " and length " + length
          + " must be at least 1");
    }
    return new LayoutField(name, type, false, false, false, start, length, 0, true, Optional.empty());
  }

  /** A copy that is (part of) the key, and so required. */
  public LayoutField asKey() {
    return new LayoutField(name, type, true, true, personal, start, length, impliedDecimals, trim, format);
  }

  /** A copy that is required. */
  public LayoutField asRequired() {
    return new LayoutField(name, type, key, true, personal, start, length, impliedDecimals, trim, format);
  }

  /** A copy marked as personal data. */
  public LayoutField asPersonal() {
    return new LayoutField(name, type, key, required, true, start, length, impliedDecimals, trim, format);
  }

  /** A copy with {@code n} implied decimals. */
  public LayoutField withDecimals(int n) {
    return new LayoutField(name, type, key, required, personal, start, length, n, trim, format);
  }

  /** A copy with a format (see {@link #format()}). */
  public LayoutField withFormat(String pattern) {
    return new LayoutField(name, type, key, required, personal, start, length, impliedDecimals, trim,
        Optional.of(pattern));
  }

  /** A copy that does or does not trim STRING values. */
  public LayoutField withTrim(boolean value) {
    return new LayoutField(name, type, key, required, personal, start, length, impliedDecimals, value, format);
  }

  /** Whether this is a fixed-width field. */
  public boolean isFixed() {
    return length > 0;
  }

  /** The last byte of a fixed-width field, counting from 1. */
  public int end() {
    return start + length - 1;
  }
}
