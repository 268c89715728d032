package io.modelbridge.adapters.spi;

/** The system or the adapter rejected the input. Not retryable as is; names the offending field. */
public class InputRejectedException extends AdapterException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the input field that was rejected ({@code "-"} when the input as a whole was)
   * @param reason why, without repeating the value
   */
  public InputRejectedException(String systemId, String operation, String field, String reason, Throwable cause) {
    super(systemId, operation, "input field '" + field + "' rejected: " + reason, false, cause);
    this.field = field;
  }

  /** The input field that was rejected, or {@code "-"}. */
  public String field() {
    return field;
  }
}
