package io.modelbridge.security.policy;

import io.modelbridge.adapters.spi.Effect;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One declarative rule of a {@link ToolAccessPolicy}. Every list holds glob patterns ({@code *} matches
 * any run of characters); an empty list or {@code ["*"]} matches everything.
 *
 * <p>{@code classifications}: an ALLOW rule matches only when every data classification of the tool is
 * in the list (a rule for non-personal data does not open personal data); a DENY rule matches when any
 * classification of the tool is in the list. A tool without classifications matches both.
 *
 * @param id names the rule in decisions and in the audit log
 * @param decision what the rule decides when it matches
 * @param tenants tenant patterns
 * @param principals principal patterns
 * @param systems system id patterns
 * @param operations operation name patterns
 * @param effects the effects the rule covers; empty means all
 * @param classifications data classification patterns, see above
 */
public record PolicyRule(
    String id,
    Decision decision,
    List<String> tenants,
    List<String> principals,
    List<String> systems,
    List<String> operations,
    Set<Effect> effects,
    List<String> classifications) {

  /** What a matching rule decides. */
  public enum Decision {
    /** The call may go ahead. */
    ALLOW,
    /** The call is refused; a matching DENY wins over any ALLOW. */
    DENY
  }

  /** Validates and copies the components. */
  public PolicyRule {
    Objects.requireNonNull(id, "id cannot be null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("rule id must not be blank");
    }
    Objects.requireNonNull(decision, "decision of rule '" + id + "' cannot be null");
    tenants = List.copyOf(orEmpty(tenants));
    principals = List.copyOf(orEmpty(principals));
    systems = List.copyOf(orEmpty(systems));
    operations = List.copyOf(orEmpty(operations));
    effects = effects == null || effects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(effects));
    classifications = List.copyOf(orEmpty(classifications));
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  /** Starts a builder for a rule with this id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builder of {@link PolicyRule}; every dimension defaults to "any". */
  public static final class Builder {
    private final String id;
    private Decision decision = Decision.ALLOW;
    private List<String> tenants = List.of();
    private List<String> principals = List.of();
    private List<String> systems = List.of();
    private List<String> operations = List.of();
    private Set<Effect> effects = Set.of();
    private List<String> classifications = List.of();

    private Builder(String id) {
      this.id = id;
    }

    /** The rule allows (the default). */
    public Builder allow() {
      decision = Decision.ALLOW;
      return this;
    }

    /** The rule denies. */
    public Builder deny() {
      decision = Decision.DENY;
      return this;
    }

    /** Tenant patterns. */
    public Builder tenants(String... patterns) {
      tenants = List.of(patterns);
      return this;
    }

    /** Principal patterns. */
    public Builder principals(String... patterns) {
      principals = List.of(patterns);
      return this;
    }

    /** System id patterns. */
    public Builder systems(String... patterns) {
      systems = List.of(patterns);
      return this;
    }

    /** Operation name patterns. */
    public Builder operations(String... patterns) {
      operations = List.of(patterns);
      return this;
    }

    /** Effects covered. */
    public Builder effects(Effect... covered) {
      effects = Set.of(covered);
      return this;
    }

    /** Data classification patterns. */
    public Builder classifications(String... patterns) {
      classifications = List.of(patterns);
      return this;
    }

    /** Builds the rule. */
    public PolicyRule build() {
      return new PolicyRule(id, decision, tenants, principals, systems, operations, effects, classifications);
    }
  }
}
