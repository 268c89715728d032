package io.modelbridge.adapters.spi;

import java.util.Objects;

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
 */
public record FieldSchema(String name, FieldType type, boolean required, boolean personal, String description) {

  /** Validates the components. */
  public FieldSchema {
    Checks.requireText(name, "field name");
    Objects.requireNonNull(type, "field type cannot be null");
    Objects.requireNonNull(description, "description cannot be null");
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
    return new FieldSchema(name, type, required, true, description);
  }

  /** A copy with a description. */
  public FieldSchema describedAs(String text) {
    return new FieldSchema(name, type, required, personal, text);
  }
}
