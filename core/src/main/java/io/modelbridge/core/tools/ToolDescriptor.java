package io.modelbridge.core.tools;

import io.modelbridge.adapters.spi.Effect;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy needs to know about a tool.
 *
 * @param toolName the name the model sees
 * @param systemId the system the operation belongs to
 * @param operation the adapter operation's name
 * @param entity the entity it reads or writes
 * @param effect what it does to the system
 * @param approvalRequired whether each call runs only after a human approved it: governed tools set it when
 *     the adapter declares the operation {@code approvalRequired}, and for every {@link Effect#WRITE}
 * @param dataClassifications labels of the data it touches (for example {@code "personal"} when the
 *     entity has personal fields); unmodifiable
 */
public record ToolDescriptor(
    String toolName,
    String systemId,
    String operation,
    String entity,
    Effect effect,
    boolean approvalRequired,
    Set<String> dataClassifications) {

  /** Data classification of an entity with fields that hold personal data. */
  public static final String PERSONAL = "personal";

  /** Validates the components. */
  public ToolDescriptor {
    Objects.requireNonNull(toolName, "toolName cannot be null");
    Objects.requireNonNull(systemId, "systemId cannot be null");
    Objects.requireNonNull(operation, "operation cannot be null");
    Objects.requireNonNull(entity, "entity cannot be null");
    Objects.requireNonNull(effect, "effect cannot be null");
    dataClassifications = Set.copyOf(Objects.requireNonNull(dataClassifications, "dataClassifications cannot be null"));
  }
}
