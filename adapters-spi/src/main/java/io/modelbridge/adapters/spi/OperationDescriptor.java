package io.modelbridge.adapters.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One operation an adapter offers.
 *
 * @param name unique within the adapter (for example {@code "orders.get"}); letters, digits, {@code ._-}
 * @param entity the name of the entity it reads or writes; its records are the output
 * @param kind what it does
 * @param effect what running it does to the system
 * @param approvalRequired whether a human must approve each call before it runs (writes usually)
 * @param input the input fields, in order
 * @param description what it does, for the model and for people; may be empty
 */
public record OperationDescriptor(
    String name,
    String entity,
    OperationKind kind,
    Effect effect,
    boolean approvalRequired,
    List<FieldSchema> input,
    String description) {

  /** Validates the components. */
  public OperationDescriptor {
    Checks.requireText(name, "operation name");
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "operation name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Checks.requireText(entity, "entity of operation '" + name + "'");
    Objects.requireNonNull(kind, "kind cannot be null");
    Objects.requireNonNull(effect, "effect cannot be null");
    input = List.copyOf(Objects.requireNonNull(input, "input cannot be null"));
    Objects.requireNonNull(description, "description cannot be null");
    Set<String> names = new HashSet<>();
    for (FieldSchema f : input) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException(
            "operation '" + name + "' declares input field '" + f.name() + "' twice");
      }
    }
    if (kind == OperationKind.QUERY || kind == OperationKind.GET || kind == OperationKind.SUBSCRIBE) {
      if (effect != Effect.READ) {
        throw new IllegalArgumentException(
            "operation '" + name + "' is a " + kind + " and must have effect READ, not " + effect);
      }
    } else if (effect == Effect.READ) {
      throw new IllegalArgumentException(
          "operation '" + name + "' is a " + kind + " and cannot have effect READ");
    }
  }

  /** The input as a JSON Schema (draft 2020-12) document; unknown properties are not allowed. */
  public String inputJsonSchema() {
    return JsonSchemas.object(name, description, input, true);
  }

  /** The input field with this name, if declared. */
  public java.util.Optional<FieldSchema> inputField(String fieldName) {
    return input.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }
}
