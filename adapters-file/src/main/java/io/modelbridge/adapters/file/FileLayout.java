package io.modelbridge.adapters.file;

import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The record layout of a flat file: CSV columns in order, or fixed-width fields at byte positions.
 *
 * <p>As text (the {@code fields} configuration key) a layout is a list of fields separated by {@code ;},
 * each a name, a type and options separated by spaces:
 *
 * <pre>
 * CSV:   id INTEGER key; name STRING personal required; amount DECIMAL; paid BOOLEAN format=Y/N
 * fixed: id INTEGER key @1+6; name STRING personal @7+20; amount DECIMAL @27+9 decimals=2;
 *        booked DATE @36+8 format=yyyyMMdd
 * </pre>
 *
 * <p>Options: {@code key}, {@code required}, {@code personal}, {@code @start+length} (fixed width, 1-based
 * byte positions), {@code decimals=N}, {@code format=PATTERN}, {@code trim} / {@code notrim}.
 *
 * @param format CSV or fixed width
 * @param fields the fields, in column order for CSV
 */
public record FileLayout(Format format, List<LayoutField> fields) {

  /** How records are laid out on a line. */
  public enum Format {
    /** RFC 4180 comma- (or otherwise) separated values, quoted with {@code "}. */
    CSV,
    /** Fields at fixed byte positions. */
    FIXED
  }

  /** Validates the layout: unique names, at least one key, positions only (and always) for fixed width. */
  public FileLayout {
    Objects.requireNonNull(format, "format cannot be null");
    fields = List.copyOf(Objects.requireNonNull(fields, "fields cannot be null"));
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a layout needs at least one field");
    }
    Set<String> names = new HashSet<>();
    for (LayoutField f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("field '" + f.name() + "' is declared twice");
      }
      if (format == Format.FIXED && !f.isFixed()) {
        throw new IllegalArgumentException("field '" + f.name() + "' needs a position @start+length in a fixed-width layout");
      }
      if (format == Format.CSV && f.isFixed()) {
        throw new IllegalArgumentException("field '" + f.name() + "' has a position, but CSV columns go by order");
      }
    }
    if (fields.stream().noneMatch(LayoutField::key)) {
      throw new IllegalArgumentException("a layout needs at least one key field (option 'key')");
    }
    if (format == Format.FIXED) {
      for (LayoutField a : fields) {
        for (LayoutField b : fields) {
          if (a != b && a.start() <= b.end() && b.start() <= a.end()) {
            throw new IllegalArgumentException("fields '" + a.name() + "' (@" + a.start() + "+" + a.length()
                + ") and '" + b.name() + "' (@" + b.start() + "+" + b.length() + ") overlap");
          }
        }
      }
    }
  }

  /** A layout of these fields. */
  public static FileLayout of(Format format, LayoutField... fields) {
    return new FileLayout(format, List.of(fields));
  }

  /**
   * Reads a layout from its text form (see the class documentation).
   *
   * @throws IllegalArgumentException naming the field and the option that is wrong
   */
  public static FileLayout parse(Format format, String text) {
    Objects.requireNonNull(text, "layout text cannot be null");
    List<LayoutField> fields = new java.util.ArrayList<>();
    for (String spec : text.split(";")) {
      if (spec.isBlank()) {
        continue;
      }
      String[] tokens = spec.trim().split("\\s+");
      if (tokens.length < 2) {
        throw new IllegalArgumentException("field '" + spec.trim() + "' needs a name and a type");
      }
      String name = tokens[0];
      io.modelbridge.adapters.spi.FieldType type;
      try {
        type = io.modelbridge.adapters.spi.FieldType.valueOf(tokens[1].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field '" + name + "': type '" + tokens[1] + "' is not one of "
            + java.util.Arrays.toString(io.modelbridge.adapters.spi.FieldType.values()), e);
      }
      LayoutField f = LayoutField.column(name, type);
      boolean trimGiven = false;
      for (int i = 2; i < tokens.length; i++) {
        String t = tokens[i];
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("key")) {
          f = f.asKey();
        } else if (lower.equals("required")) {
          f = f.asRequired();
        } else if (lower.equals("personal")) {
          f = f.asPersonal();
        } else if (lower.equals("trim") || lower.equals("notrim")) {
          f = f.withTrim(lower.equals("trim"));
          trimGiven = true;
        } else if (t.startsWith("@")) {
          String[] pos = t.substring(1).split("\\+");
          try {
            LayoutField placed = LayoutField.fixed(name, type, Integer.parseInt(pos[0]), Integer.parseInt(pos[1]));
            f = new LayoutField(name, type, f.key(), f.required(), f.personal(), placed.start(), placed.length(),
                f.impliedDecimals(), trimGiven ? f.trim() : true, f.format());
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("field '" + name + "': position '" + t
                + "' must be @start+length, like @7+20", e);
          }
        } else if (lower.startsWith("decimals=")) {
          try {
            f = f.withDecimals(Integer.parseInt(t.substring(9)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "': '" + t + "' must be decimals=N", e);
          }
        } else if (lower.startsWith("format=")) {
          f = f.withFormat(t.substring(7));
        } else {
          throw new IllegalArgumentException("field '" + name + "': unknown option '" + t
              + "'; options are key, required, personal, trim, notrim, @start+length, decimals=N, format=PATTERN");
        }
      }
      fields.add(f);
    }
    return new FileLayout(format, fields);
  }

  /** The field with this name, if declared. */
  public Optional<LayoutField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The names of the key fields, in order. */
  public List<String> keyFields() {
    return fields.stream().filter(LayoutField::key).map(LayoutField::name).toList();
  }

  /** Fixed width: the number of bytes a record needs (the end of the last field); 0 for CSV. */
  public int recordLength() {
    return fields.stream().mapToInt(f -> f.isFixed() ? f.end() : 0).max().orElse(0);
  }

  /** This layout as the SPI's entity schema; its version is a hash of the record's line. */
  public EntitySchema toEntity(String entity, String description) {
    List<FieldSchema> schema = fields.stream()
        .map(f -> new FieldSchema(f.name(), f.type(), f.required(), f.personal(), ""))
        .toList();
    return new EntitySchema(entity, schema, keyFields(), Optional.empty(), description);
  }
}
