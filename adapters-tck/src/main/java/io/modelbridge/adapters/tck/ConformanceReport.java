package io.modelbridge.adapters.tck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link ConformanceKit} run: one {@link Check} per property tested, in the order run.
 *
 * @param adapterType the provider's type
 * @param checks every check, in the order run
 */
public record ConformanceReport(String adapterType, List<Check> checks) {

  /**
   * One check.
   *
   * @param name what was checked, for example {@code "orders.get: missing key -> RecordNotFoundException"}
   * @param passed whether the adapter conforms
   * @param message what was observed: for a failure what was wrong and what the contract expects
   */
  public record Check(String name, boolean passed, String message) {
    /** Validates the components. */
    public Check {
      Objects.requireNonNull(name, "name cannot be null");
      Objects.requireNonNull(message, "message cannot be null");
    }
  }

  /** Validates the components. */
  public ConformanceReport {
    Objects.requireNonNull(adapterType, "adapterType cannot be null");
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The checks that failed. */
  public List<Check> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** The check with this name, if it ran. */
  public Optional<Check> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** A table of every check: status, name and message, then a summary line. */
  @Override
  public String toString() {
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    StringBuilder out = new StringBuilder();
    out.append("Conformance of adapter '").append(adapterType).append("'\n");
    for (Check c : checks) {
      out.append(c.passed() ? "  PASS  " : "  FAIL  ");
      out.append(c.name());
      out.append(" ".repeat(width - c.name().length() + 2));
      out.append(c.message().replace("\n", "\n" + " ".repeat(width + 10))).append('\n');
    }
    long failed = checks.stream().filter(c -> !c.passed()).count();
    out.append(checks.size()).append(" checks, ").append(checks.size() - failed).append(" passed, ")
        .append(failed).append(" failed");
    return out.toString();
  }
}
