package io.modelbridge.adapters.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A call of one operation.
 *
 * @param operation the operation's name
 * @param arguments the input values by field name, typed as the input schema says; unmodifiable
 * @param expectedVersion for UPDATE and DELETE: the version the caller's decision was based on; the
 *     adapter refuses with {@link VersionConflictException} if the record changed since
 * @param dryRun when true the adapter validates the call and reports what it would do, without changing
 *     anything (the preview a human approves)
 */
public record OperationRequest(
    String operation, Map<String, Object> arguments, Optional<String> expectedVersion, boolean dryRun) {

  /** Validates the components. */
  public OperationRequest {
    Checks.requireText(operation, "operation");
    Objects.requireNonNull(arguments, "arguments cannot be null");
    var ordered = new LinkedHashMap<String, Object>();
    arguments.forEach((k, v) -> ordered.put(
        Objects.requireNonNull(k, "argument name cannot be null"),
        Objects.requireNonNull(v, () -> "argument '" + k + "' cannot be null; leave it out")));
    arguments = Collections.unmodifiableMap(ordered);
    Objects.requireNonNull(expectedVersion, "expectedVersion cannot be null (use Optional.empty())");
  }

  /** A request without expected version, not a dry run. */
  public static OperationRequest of(String operation, Map<String, Object> arguments) {
    return new OperationRequest(operation, arguments, Optional.empty(), false);
  }

  /** A copy carrying the version the caller's decision was based on. */
  public OperationRequest expecting(String version) {
    return new OperationRequest(operation, arguments, Optional.of(version), dryRun);
  }

  /** A copy marked as a dry run. */
  public OperationRequest asDryRun() {
    return new OperationRequest(operation, arguments, expectedVersion, true);
  }

  /** The operation and argument names, every argument value masked: arguments may hold personal data. */
  @Override
  public String toString() {
    return "OperationRequest[operation=" + operation + ", arguments=" + Masking.maskedValues(arguments)
        + ", expectedVersion=" + expectedVersion.orElse("none") + ", dryRun=" + dryRun + "]";
  }
}
