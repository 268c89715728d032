package io.modelbridge.adapters.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of an entity or of an operation's input.
 *
 * @param name the field name as the system knows it
 * @param type its type
 * @param required whether every record (or every call) has it
 * @param personal whether it holds personal data (names, addresses, contact details): such a field is
 *     pseudonymized before a prompt leaves the JVM, whatever its content, by the pipeline and by
 *     {@code PiiHook.defaults()} on the gateway and on governed tools (which list it in every result), with
 *     no need to name it again; it is masked in mapping violations too
 * @param description what it means, for the model and for people; may be empty
 * @param allowedValues for a {@link FieldType#STRING} field: the only values it may hold (a database enum),
 *     published as the JSON Schema {@code enum}; empty for any value
 * @param format a JSON Schema {@code format} that refines the type's own (for example {@code uuid}); empty
 *     for the type's format
 * @since 1.1 ({@code allowedValues} and {@code format})
 */
public record FieldSchema(String name, FieldType type, boolean required, boolean personal, String description,
    List<String> allowedValues, Optional<String> format) {

  /** Validates the components. */
  public FieldSchema {
    Checks.requireText(name, "field name");
    Objects.requireNonNull(type, "field type cannot be null");
    Objects.requireNonNull(description, "description cannot be null");
    allowedValues = List.copyOf(Objects.requireNonNull(allowedValues, "allowedValues cannot be null"));
    Objects.requireNonNull(format, "format cannot be null (use Optional.empty())");
    if (!allowedValues.isEmpty() && type != FieldType.STRING) {
      throw new IllegalArgumentException("field '" + name + "' is of type " + type
          + "; only a STRING field may list allowed values");
    }
  }

  /** A field that may hold any value of its type, with the type's own format. */
  public FieldSchema(String name, FieldType type, boolean required, boolean personal, String description) {
    this(name, type, required, personal, description, List.of(), Optional.empty());
  }

  /** A required, non-personal field without description. */
  public static FieldSchema required(String name, FieldType type) {
    return new FieldSchema(name, type, true, false, "");
  }

  /** An optional, non-personal field without description. */
  public static FieldSchema optional(String name, FieldType type) {
    return new FieldSchema(name, type, false, false, "");
  }

  /** A copy marked as personal data. */
  public FieldSchema asPersonal() {
    return new FieldSchema(name, type, required, true, description, allowedValues, format);
  }

  /** A copy with a description. */
  public FieldSchema describedAs(String text) {
    return new FieldSchema(name, type, required, personal, text, allowedValues, format);
  }

  /**
   * A copy that admits only these values (a database enum).
   *
   * @throws IllegalArgumentException if the field is not a STRING field
   * @since 1.1
   */
  public FieldSchema withAllowedValues(List<String> values) {
    return new FieldSchema(name, type, required, personal, description, values, format);
  }

  /**
   * A copy with a JSON Schema {@code format} refining its type's (for example {@code uuid}).
   *
   * @since 1.1
   */
  public FieldSchema withFormat(String jsonFormat) {
    return new FieldSchema(name, type, required, personal, description, allowedValues,
        Optional.of(Checks.requireText(jsonFormat, "format")));
  }

  /** The JSON Schema {@code format} published for this field: its own, else its type's. */
  public Optional<String> jsonFormat() {
    return format.isPresent() ? format : type.jsonFormat();
  }
}
