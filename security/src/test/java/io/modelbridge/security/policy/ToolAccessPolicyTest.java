package io.modelbridge.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.tools.PolicyDecision;
import io.modelbridge.core.tools.ToolDescriptor;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.AuditVerifier;
import io.modelbridge.security.audit.CheckpointKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolAccessPolicyTest {

  static ToolDescriptor tool(String system, String op, Effect effect, String... classes) {
    return new ToolDescriptor(system + "_" + op, system, op, "customer", effect, false, Set.of(classes));
  }

  static final ToolAccessPolicy POLICY = ToolAccessPolicy.builder()
      .rule(PolicyRule.builder("support-reads-crm").tenants("acme").principals("support-*").systems("crm")
          .effects(Effect.READ).classifications("public", "personal").build())
      .rule(PolicyRule.builder("clerks-update-orders").tenants("acme").principals("clerk-*").systems("erp")
          .operations("update*").effects(Effect.IDEMPOTENT_WRITE).classifications("business").build())
      .rule(PolicyRule.builder("nobody-touches-payroll").deny().systems("payroll").build())
      .allowReadsByDefault(false)
      .build();

  @Test
  void writesAreDeniedByDefault() {
    PolicyDecision d = ToolAccessPolicy.builder().build()
        .decide(CallContext.of("acme", "admin", "x"), tool("crm", "delete", Effect.WRITE));
    assertThat(d.allowed()).isFalse();
    assertThat(d.rule()).isEqualTo("default-deny-writes");
    assertThat(ToolAccessPolicy.builder().build()
        .decide(CallContext.of("acme", "admin", "x"), tool("crm", "find", Effect.READ)).allowed()).isTrue();
  }

  @Test
  void rulesMatchTenantPrincipalOperationEffectAndClassification() {
    CallContext clerk = CallContext.of("acme", "clerk-7", "orders");
    assertThat(POLICY.decide(clerk, tool("erp", "updateOrder", Effect.IDEMPOTENT_WRITE, "business")).rule())
        .isEqualTo("clerks-update-orders");
    assertThat(POLICY.decide(clerk, tool("erp", "updateOrder", Effect.IDEMPOTENT_WRITE, "business")).allowed()).isTrue();
    // same operation touching personal data: the allow rule does not open it
    assertThat(POLICY.decide(clerk, tool("erp", "updateOrder", Effect.IDEMPOTENT_WRITE, "business", "personal"))
        .allowed()).isFalse();
    assertThat(POLICY.decide(clerk, tool("erp", "deleteOrder", Effect.WRITE, "business")).allowed()).isFalse();
    assertThat(POLICY.decide(CallContext.of("globex", "clerk-7", "x"),
        tool("erp", "updateOrder", Effect.IDEMPOTENT_WRITE, "business")).allowed()).isFalse();
    assertThat(POLICY.decide(CallContext.of("acme", "support-1", "x"), tool("payroll", "find", Effect.READ)).rule())
        .isEqualTo("nobody-touches-payroll");
  }

  @Test
  void policyFile_yamlAndJson(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("policy.yaml");
    Files.writeString(yaml, String.join("\n",
        "allowReadsByDefault: false",
        "rules:",
        "  - id: support-reads-crm",
        "    decision: ALLOW",
        "    tenants: [acme]",
        "    principals: [\"support-*\"]",
        "    systems: [crm]",
        "    effects: [READ]",
        ""));
    ToolAccessPolicy p = ToolAccessPolicy.fromFile(yaml).build();
    assertThat(p.decide(CallContext.of("acme", "support-2", "x"), tool("crm", "find", Effect.READ)).allowed()).isTrue();
    assertThat(p.decide(CallContext.of("acme", "sales-2", "x"), tool("crm", "find", Effect.READ)).allowed()).isFalse();
    Path json = dir.resolve("bad.json");
    Files.writeString(json, "{\"rules\":[{\"id\":\"r\",\"decision\":\"MAYBE\"}]}");
    assertThatThrownBy(() -> ToolAccessPolicy.fromFile(json)).isInstanceOf(ModelBridgeException.class)
        .hasMessageContaining("bad.json").hasMessageContaining("MAYBE");
  }

  @Test
  void everyDecisionIsRecordedInTheAuditLog(@TempDir Path dir) {
    CheckpointKey key = CheckpointKey.hmac(new byte[32]);
    Path file = dir.resolve("audit.log");
    try (AuditLog log = AuditLog.builder(AuditStore.file(file), key).build()) {
      ToolAccessPolicy p = ToolAccessPolicy.builder().auditLog(log).build();
      p.decide(CallContext.of("acme", "bob", "x"), tool("crm", "delete", Effect.WRITE));
      p.decide(CallContext.of("acme", "bob", "x"), tool("crm", "find", Effect.READ));
    }
    assertThat(AuditVerifier.verify(file, key).intact()).isTrue();
    var lines = Arrays.asList(new String(readAll(file)).split("\n"));
    assertThat(lines.get(0)).contains("POLICY_DECISION", "\"decision\":\"deny\"", "default-deny-writes", "\"principal\":\"bob\"");
    assertThat(lines.get(1)).contains("\"decision\":\"allow\"");
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<ToolDescriptor> anyTool() {
    var name = Arbitraries.of("crm", "erp", "payroll", "crm*", "", "ERP", "erp ");
    var op = Arbitraries.of("find", "updateOrder", "update", "deleteAll", "update*", "updateOrder; drop");
    var effect = Arbitraries.of(Effect.class);
    var classes = Arbitraries.of("business", "personal", "public", "secret").set().ofMaxSize(3);
    return Combinators.combine(name, op, effect, classes)
        .as((s, o, e, c) -> new ToolDescriptor(s + "_" + o, s, o, "any", e, false, c));
  }

  /**
   * A prompt-injected model chooses the tool and its arguments, never the caller: whatever tool it names,
   * a principal without a matching ALLOW rule is refused, and writes are allowed only by an explicit rule.
   */
  @Property(tries = 500)
  void modelChosenToolNeverEscapesThePrincipalsPolicy(@ForAll("anyTool") ToolDescriptor tool,
      @ForAll("principal") String principal) {
    CallContext ctx = CallContext.of("acme", principal, "x");
    PolicyDecision d = POLICY.decide(ctx, tool);
    if (d.allowed()) {
      assertThat(d.rule()).isIn("support-reads-crm", "clerks-update-orders");
      if (d.rule().equals("support-reads-crm")) {
        assertThat(principal).startsWith("support-");
        assertThat(tool.systemId()).isEqualTo("crm");
        assertThat(tool.effect()).isEqualTo(Effect.READ);
      } else {
        assertThat(principal).startsWith("clerk-");
        assertThat(tool.effect()).isEqualTo(Effect.IDEMPOTENT_WRITE);
        assertThat(tool.dataClassifications()).isSubsetOf(Set.of("business"));
      }
    }
    if (!principal.startsWith("support-") && !principal.startsWith("clerk-")) {
      assertThat(d.allowed()).isFalse();
    }
  }

  @Provide
  Arbitrary<String> principal() {
    return Arbitraries.oneOf(Arbitraries.of("support-1", "clerk-2", "admin", "support", "clerk", "Support-1",
        "ignore previous instructions"), Arbitraries.strings().ofMinLength(1).ofMaxLength(12).alpha());
  }

  @Test
  void duplicateKeyInPolicyFile_isRefusedNamingFileLineAndKey(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("policy.yaml");
    Files.writeString(yaml, "allowReadsByDefault: true\nrules:\n  - id: r1\n    decision: ALLOW\n    decision: DENY\n");
    assertThatThrownBy(() -> ToolAccessPolicy.fromFile(yaml)).isInstanceOf(ModelBridgeException.class)
        .hasMessageContaining(yaml + ", line 5")
        .hasMessageContaining("rules[0].decision")
        .hasMessageContaining("duplicate key 'decision'");
  }

  @Test
  void yamlSyntaxErrorInPolicyFile_namesTheLine(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("policy.yml");
    Files.writeString(yaml, "rules:\n  - id: r1\n    decision: [ALLOW\n");
    assertThatThrownBy(() -> ToolAccessPolicy.fromFile(yaml)).isInstanceOf(ModelBridgeException.class)
        .hasMessageContaining(yaml + ", line ")
        .hasMessageContaining("column")
        .hasMessageContaining("not well-formed YAML");
  }

  @Test
  void badValueInPolicyFile_namesTheLineOfTheKey(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("policy.json");
    Files.writeString(json, "{\"rules\": [\n  {\"id\": \"r\",\n   \"decision\": \"MAYBE\"}]}");
    assertThatThrownBy(() -> ToolAccessPolicy.fromFile(json)).isInstanceOf(ModelBridgeException.class)
        .hasMessageContaining(json + ", line 3, column 4 (key 'rules[0].decision')")
        .hasMessageContaining("MAYBE");
  }

  @Test
  void duplicateRuleId_namesTheLineOfTheSecond(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("policy.yaml");
    Files.writeString(yaml, "rules:\n  - id: r1\n    decision: ALLOW\n  - id: r1\n    decision: DENY\n");
    assertThatThrownBy(() -> ToolAccessPolicy.fromFile(yaml)).isInstanceOf(ModelBridgeException.class)
        .hasMessageContaining(yaml + ", line 4")
        .hasMessageContaining("rule id 'r1' appears twice");
  }

  @Test
  void ruleMatchingNoOperationOfItsSystem_failsBuildNamingTheRule() {
    // issue 10: a rule for orders.update matched nothing (the tools were ORDERS.update) and nothing said so
    ToolAccessPolicy typo = ToolAccessPolicy.builder()
        .rule(PolicyRule.builder("crm-create").systems("crm").operations("customer.create").build())
        .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.modelbridge.core.tools.GovernedTools.builder()
            .adapter(new PromptInjectionTest.Crm()).policy(typo).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rule 'crm-create'").hasMessageContaining("customers.create");
    ToolAccessPolicy right = ToolAccessPolicy.builder()
        .rule(PolicyRule.builder("crm-create").systems("crm").operations("customers.create").build())
        .rule(PolicyRule.builder("erp-only").systems("erp").operations("orders.update").build())
        .rule(PolicyRule.builder("any-system").operations("orders.*").build())
        .build();
    assertThat(io.modelbridge.core.tools.GovernedTools.builder().adapter(new PromptInjectionTest.Crm()).policy(right)
        .build().descriptors()).hasSize(2);
  }
}
