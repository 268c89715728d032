package io.modelbridge.pipeline;

import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.mapping.Mapping;
import java.util.Objects;

/**
 * One read the pipeline makes: an adapter operation whose records are mapped to canonical entities and
 * offered to the model and to the pack's rules under {@code alias}.
 *
 * @param alias the name of the data set in the prompt and in the pack's rules (for example {@code products})
 * @param adapter the system to read
 * @param operation the READ operation and its arguments
 * @param mapping how the system's records become canonical entities
 */
public record Fetch(String alias, SystemAdapter adapter, OperationRequest operation, Mapping mapping) {

  /** Validates the components. */
  public Fetch {
    Objects.requireNonNull(alias, "alias cannot be null");
    if (!alias.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("alias must be a name (letters, digits, _), was '" + alias + "'");
    }
    Objects.requireNonNull(adapter, "adapter cannot be null");
    Objects.requireNonNull(operation, "operation cannot be null");
    Objects.requireNonNull(mapping, "mapping cannot be null");
  }
}
