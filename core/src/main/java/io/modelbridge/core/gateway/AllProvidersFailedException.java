package io.modelbridge.core.gateway;

import io.modelbridge.core.ModelBridgeException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every configured provider failed and no degraded responder is configured. {@link #failures()} holds the
 * last failure of each provider, in provider order. Retryable when any of them was.
 */
public class AllProvidersFailedException extends ModelBridgeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ProviderException> failures;

  /** @param failures the last failure of each provider, in order; not empty */
  public AllProvidersFailedException(List<ProviderException> failures) {
    super("All " + failures.size() + " providers failed: "
            + failures.stream().map(ProviderException::getMessage).collect(Collectors.joining(" | "))
            + ". Configure a degraded responder (for example the offline model) to answer anyway.",
        failures.isEmpty() ? null : failures.get(failures.size() - 1),
        failures.stream().anyMatch(ProviderException::isRetryable));
    this.failures = List.copyOf(failures);
  }

  /** The last failure of each provider, in provider order. */
  public List<ProviderException> failures() {
    return failures;
  }
}
