package io.modelbridge.adapters.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Binds the arguments of a call to this operation's input: the one binding every adapter and host
   * applies. Every problem is listed, not only the first, each naming its field: an argument that is not an
   * input ({@link ArgumentBinding.Kind#UNKNOWN}), a required input not given ({@link ArgumentBinding.Kind#MISSING}),
   * a value that {@link FieldType#coerce(Object)} refuses ({@link ArgumentBinding.Kind#INVALID}). A
   * {@code null} value counts as not given. No reason repeats a value.
   *
   * @param arguments the values by name, as given by the caller (any Java value {@link FieldType#coerce}
   *     reads)
   * @return the coerced arguments in input order, or the problems
   * @throws NullPointerException if {@code arguments} or one of its names is null
   * @since SPI 2
   */
  public ArgumentBinding bind(Map<String, ?> arguments) {
    Objects.requireNonNull(arguments, "arguments cannot be null");
    List<ArgumentBinding.Problem> problems = new ArrayList<>();
    for (String name : arguments.keySet()) {
      Objects.requireNonNull(name, "argument name cannot be null");
      if (inputField(name).isEmpty()) {
        problems.add(new ArgumentBinding.Problem(shorten(name), ArgumentBinding.Kind.UNKNOWN,
            "is not an input of this operation; inputs: " + input.stream().map(FieldSchema::name).toList()));
      }
    }
    Map<String, Object> bound = new LinkedHashMap<>();
    for (FieldSchema f : input) {
      Object v = arguments.get(f.name());
      if (v == null) {
        if (f.required()) {
          problems.add(new ArgumentBinding.Problem(f.name(), ArgumentBinding.Kind.MISSING,
              "is required (" + f.type().expectation() + ")"));
        }
        continue;
      }
      Coercion c = f.type().coerce(v);
      if (c.accepted()) {
        bound.put(f.name(), c.value());
      } else {
        problems.add(new ArgumentBinding.Problem(f.name(), ArgumentBinding.Kind.INVALID, c.reason()));
      }
    }
    return new ArgumentBinding(name, bound, problems);
  }

  /** A caller may invent a huge name; a message never carries more than a short prefix of it. */
  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
