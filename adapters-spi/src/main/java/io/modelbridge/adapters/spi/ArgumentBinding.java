package io.modelbridge.adapters.spi;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of one call bound to an operation's input ({@link OperationDescriptor#bind(Map)}): every
 * value coerced to its field's type, or every problem that prevents it, each naming its field.
 *
 * @param operation the operation's name
 * @param arguments the coerced values by field name, in the order of the operation's input; complete only
 *     when there are no problems (a field with a problem is left out); unmodifiable
 * @param problems what is wrong, one entry per field; empty when the call can run
 * @since SPI 2
 */
public record ArgumentBinding(String operation, Map<String, Object> arguments, List<Problem> problems) {

  /** What is wrong with one argument. */
  public enum Kind {
    /** The argument is not an input of the operation. */
    UNKNOWN,
    /** A required input was not given. */
    MISSING,
    /** The value is not one of the field's type (see {@link FieldType#coerce(Object)}). */
    INVALID
  }

  /**
   * One problem.
   *
   * @param field the argument's name (shortened to 64 characters when a caller invented a longer one), or
   *     {@code "-"} for the input as a whole
   * @param kind what kind of problem it is
   * @param reason why, to be read after the field's name, without the value ("is required")
   */
  public record Problem(String field, Kind kind, String reason) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates the components. */
    public Problem {
      Objects.requireNonNull(field, "field cannot be null");
      Objects.requireNonNull(kind, "kind cannot be null");
      Checks.requireText(reason, "reason");
    }

    /** The problem as one sentence: {@code 'qty' must be a whole number ...}. */
    @Override
    public String toString() {
      return "'" + field + "' " + reason;
    }
  }

  /** Validates the components. */
  public ArgumentBinding {
    Checks.requireText(operation, "operation");
    arguments = CompactMaps.copyOf(Objects.requireNonNull(arguments, "arguments cannot be null"), "argument",
        "; leave an absent argument out");
    problems = List.copyOf(Objects.requireNonNull(problems, "problems cannot be null"));
  }

  /** Whether every argument was bound: the call can run. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * The coerced arguments, or an {@link InputRejectedException} listing every problem.
   *
   * @param systemId the system the call was for, named in the exception
   * @throws InputRejectedException if there is at least one problem
   */
  public Map<String, Object> orElseThrow(String systemId) {
    if (!problems.isEmpty()) {
      throw new InputRejectedException(systemId, operation, problems);
    }
    return arguments;
  }
}
