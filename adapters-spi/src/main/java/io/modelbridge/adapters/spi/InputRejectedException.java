package io.modelbridge.adapters.spi;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The system or the adapter rejected the input. Not retryable as is; names the offending field, and lists
 * every problem when the SPI's binding found several ({@link #problems()}).
 */
public class InputRejectedException extends AdapterException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final List<ArgumentBinding.Problem> problems;

  /**
   * @param field the input field that was rejected ({@code "-"} when the input as a whole was)
   * @param reason why, without repeating the value
   */
  public InputRejectedException(String systemId, String operation, String field, String reason, Throwable cause) {
    super(systemId, operation, "input field '" + field + "' rejected: " + reason, false, cause);
    this.field = field;
    this.problems = List.of(new ArgumentBinding.Problem(field, ArgumentBinding.Kind.INVALID, reason));
  }

  /**
   * Every problem of a binding ({@link OperationDescriptor#bind}); {@link #field()} is the first one's.
   *
   * @param problems at least one
   * @throws IllegalArgumentException if {@code problems} is empty
   * @since SPI 2
   */
  public InputRejectedException(String systemId, String operation, List<ArgumentBinding.Problem> problems) {
    super(systemId, operation, message(problems), false, null);
    this.problems = List.copyOf(problems);
    this.field = this.problems.get(0).field();
  }

  private static String message(List<ArgumentBinding.Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty: an input with no problem is not rejected");
    }
    if (problems.size() == 1) {
      ArgumentBinding.Problem p = problems.get(0);
      return "input field '" + p.field() + "' rejected: " + p.reason();
    }
    return problems.size() + " input fields rejected: "
        + problems.stream().map(ArgumentBinding.Problem::toString).collect(Collectors.joining("; "));
  }

  /** The input field that was rejected (the first, when there are several), or {@code "-"}. */
  public String field() {
    return field;
  }

  /**
   * Every problem, each naming its field; one entry when the exception was made for one field.
   *
   * @since SPI 2
   */
  public List<ArgumentBinding.Problem> problems() {
    return problems;
  }
}
