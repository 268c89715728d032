package io.modelbridge.security.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.tools.PolicyDecision;
import io.modelbridge.core.tools.ToolDescriptor;
import io.modelbridge.core.tools.ToolPolicy;
import io.modelbridge.json.ConfigDocument;
import io.modelbridge.json.ConfigFileException;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.audit.AuditEvent;
import io.modelbridge.security.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Declarative tool access policy per tenant, principal, system, operation, effect and data
 * classification, evaluated in the JVM (never by the model). Decision order: a matching DENY rule wins;
 * else a matching ALLOW rule; else the default: writes ({@code IDEMPOTENT_WRITE}, {@code WRITE}) are
 * always denied, reads follow {@link Builder#allowReadsByDefault(boolean)} (default true). With an
 * {@link AuditLog}, every decision is also recorded as a {@code POLICY_DECISION} entry.
 *
 * <pre>{@code
 * ToolPolicy policy = ToolAccessPolicy.builder()
 *     .rule(PolicyRule.builder("support-reads-crm").tenants("acme").principals("support-*")
 *         .systems("crm").effects(Effect.READ).build())
 *     .build();
 * }</pre>
 */
public final class ToolAccessPolicy implements ToolPolicy {

  private static final System.Logger LOG = System.getLogger(ToolAccessPolicy.class.getName());

  private final List<PolicyRule> rules;
  private final List<Pattern[]> compiled;
  private final boolean allowReadsByDefault;
  private final Optional<AuditLog> audit;

  private ToolAccessPolicy(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.allowReadsByDefault = b.allowReadsByDefault;
    this.audit = b.audit;
    List<Pattern[]> c = new ArrayList<>();
    for (PolicyRule r : rules) {
      c.add(new Pattern[] {glob(r.tenants()), glob(r.principals()), glob(r.systems()), glob(r.operations())});
    }
    this.compiled = List.copyOf(c);
  }

  /** Starts an empty builder (deny all writes, allow reads). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a policy file, JSON or YAML (by extension {@code .yaml}/{@code .yml}):
   * {@code {"allowReadsByDefault": true, "rules": [{"id": .., "decision": "ALLOW", "tenants": [..],
   * "principals": [..], "systems": [..], "operations": [..], "effects": ["READ"], "classifications": [..]}]}}
   *
   * @return a builder holding the file's rules, to add an audit log or more rules
   * @throws ModelBridgeException if the file cannot be read or is not a valid policy (the message names the
   *     file and the problem)
   */
  public static Builder fromFile(Path file) {
    ConfigDocument doc;
    try {
      doc = ConfigDocument.read(file, ConfigDocument.Format.of(file.getFileName().toString(), ConfigDocument.Format.JSON));
    } catch (ConfigFileException e) {
      throw new ModelBridgeException("policy " + e.getMessage() + "; see docs/security-crypto-audit.md", e, false);
    }
    PolicyFile f;
    try {
      f = DataJson.mapper().readerFor(PolicyFile.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(doc.tree());
    } catch (JsonProcessingException e) {
      String key = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? keyPath(m) : "";
      throw new ModelBridgeException("policy " + doc.error(key, "is not a valid policy: " + e.getOriginalMessage())
          .getMessage() + "; see docs/security-crypto-audit.md", e, false);
    } catch (IOException e) {
      throw new ModelBridgeException("cannot read policy file " + file + ": " + e.getMessage(), e, false);
    }
    Builder b = builder().allowReadsByDefault(f.allowReadsByDefault() == null || f.allowReadsByDefault());
    Set<String> ids = new HashSet<>();
    List<PolicyRule> rules = f.rules() == null ? List.<PolicyRule>of() : f.rules();
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule r = rules.get(i);
      if (!ids.add(r.id())) {
        throw new ModelBridgeException("policy " + doc.error("rules[" + i + "].id", "rule id '" + r.id()
            + "' appears twice; give each rule its own id").getMessage(), false);
      }
      b.rule(r);
    }
    return b;
  }

  /** The key path of a binding error, as {@link ConfigDocument#error} takes it ({@code rules[0].decision}). */
  private static String keyPath(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private record PolicyFile(Boolean allowReadsByDefault, List<PolicyRule> rules) {}

  @Override
  public PolicyDecision decide(CallContext context, ToolDescriptor tool) {
    PolicyDecision decision = evaluate(context, tool);
    audit.ifPresent(log -> log.append(AuditEvent.of(AuditEvent.Type.POLICY_DECISION, context, tool.toolName(),
        Map.of("system", tool.systemId(), "operation", tool.operation(), "effect", tool.effect().name(),
            "classifications", String.join(",", new java.util.TreeSet<>(tool.dataClassifications())),
            "decision", decision.allowed() ? "allow" : "deny", "rule", decision.rule()))));
    return decision;
  }

  private PolicyDecision evaluate(CallContext context, ToolDescriptor tool) {
    PolicyRule allowing = null;
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule r = rules.get(i);
      if (!matches(r, compiled.get(i), context, tool)) {
        continue;
      }
      if (r.decision() == PolicyRule.Decision.DENY) {
        return PolicyDecision.deny(r.id(), "denied by rule '" + r.id() + "'");
      }
      if (allowing == null) {
        allowing = r;
      }
    }
    if (allowing != null) {
      return PolicyDecision.allow(allowing.id(), "allowed by rule '" + allowing.id() + "'");
    }
    if (tool.effect().writes()) {
      return PolicyDecision.deny("default-deny-writes", tool.effect() + " operations are denied unless a rule "
          + "allows them for this tenant and principal");
    }
    return allowReadsByDefault
        ? PolicyDecision.allow("default-allow-reads", "READ operations are allowed by default")
        : PolicyDecision.deny("default-deny", "no rule allows this tool for this tenant and principal");
  }

  private static boolean matches(PolicyRule r, Pattern[] p, CallContext ctx, ToolDescriptor tool) {
    if (!p[0].matcher(ctx.tenant()).matches() || !p[1].matcher(ctx.principal()).matches()
        || !p[2].matcher(tool.systemId()).matches() || !p[3].matcher(tool.operation()).matches()) {
      return false;
    }
    if (!r.effects().isEmpty() && !r.effects().contains(tool.effect())) {
      return false;
    }
    if (r.classifications().isEmpty() || tool.dataClassifications().isEmpty()) {
      return true;
    }
    Pattern c = glob(r.classifications());
    return r.decision() == PolicyRule.Decision.ALLOW
        ? tool.dataClassifications().stream().allMatch(x -> c.matcher(x).matches())
        : tool.dataClassifications().stream().anyMatch(x -> c.matcher(x).matches());
  }

  private static Pattern glob(List<String> patterns) {
    if (patterns.isEmpty()) {
      return Pattern.compile("(?s).*");
    }
    StringBuilder sb = new StringBuilder();
    for (String g : patterns) {
      if (sb.length() > 0) {
        sb.append('|');
      }
      for (String part : g.split("\\*", -1)) {
        sb.append(Pattern.quote(part)).append("(?s).*");
      }
      sb.setLength(sb.length() - "(?s).*".length());
    }
    return Pattern.compile(sb.toString());
  }

  /**
   * The rules that name system {@code systemId} (in their {@code systems}) and name operations, none of which
   * is one of {@code tools}. A rule with no systems that matches none of the tools may be meant for another
   * system: it is logged as a warning naming it, not returned.
   */
  @Override
  public List<String> rulesMatchingNone(String systemId, List<ToolDescriptor> tools) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule r = rules.get(i);
      Pattern[] p = compiled.get(i);
      if (r.operations().isEmpty() || !p[2].matcher(systemId).matches()
          || tools.stream().anyMatch(t -> p[3].matcher(t.operation()).matches())) {
        continue;
      }
      String text = "rule '" + r.id() + "' (operations " + r.operations() + ")";
      if (r.systems().isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "tool policy {0} matches no operation of system {1}; operations: {2}",
            text, systemId, tools.stream().map(ToolDescriptor::operation).toList());
      } else {
        out.add(text);
      }
    }
    return out;
  }

  /** The rules, in order. */
  public List<PolicyRule> rules() {
    return rules;
  }

  /** Builder of {@link ToolAccessPolicy}. */
  public static final class Builder {
    private final List<PolicyRule> rules = new ArrayList<>();
    private boolean allowReadsByDefault = true;
    private Optional<AuditLog> audit = Optional.empty();

    private Builder() {}

    /** Adds a rule. */
    public Builder rule(PolicyRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule cannot be null"));
      return this;
    }

    /** Whether READ operations no rule matches are allowed (default true); writes never are. */
    public Builder allowReadsByDefault(boolean allow) {
      this.allowReadsByDefault = allow;
      return this;
    }

    /** Records every decision in this log (without waiting for durability). */
    public Builder auditLog(AuditLog log) {
      this.audit = Optional.of(Objects.requireNonNull(log, "log cannot be null"));
      return this;
    }

    /** Builds the policy. */
    public ToolAccessPolicy build() {
      return new ToolAccessPolicy(this);
    }
  }
}
