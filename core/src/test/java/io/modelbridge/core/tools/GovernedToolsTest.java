package io.modelbridge.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.hook.ToolOutcome.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GovernedToolsTest {

  static final CallContext VIEWER = CallContext.of("acme", "viewer", "support");
  static final CallContext CLERK = CallContext.of("acme", "clerk", "credit-desk");

  /** Viewers see reads only; clerks see everything. */
  static final ToolPolicy POLICY = (ctx, tool) -> {
    if (!tool.effect().writes()) {
      return PolicyDecision.allow("reads-for-all", "reads are allowed");
    }
    return ctx.principal().equals("clerk")
        ? PolicyDecision.allow("clerk-writes", "clerks may write")
        : PolicyDecision.deny("writes-for-clerks", "only clerks may write");
  };

  /** Records every hook call. */
  static final class RecordingHook implements CallHook {
    final List<ToolCall> before = new CopyOnWriteArrayList<>();
    final List<ToolCall> afterCalls = new CopyOnWriteArrayList<>();
    final List<ToolOutcome> afterOutcomes = new CopyOnWriteArrayList<>();

    @Override
    public ToolCall beforeToolCall(ToolCall call) {
      before.add(call);
      return call;
    }

    @Override
    public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
      afterCalls.add(call);
      afterOutcomes.add(outcome);
      return outcome;
    }
  }

  final InMemoryCustomerAdapter adapter = new InMemoryCustomerAdapter();
  final RecordingHook hook = new RecordingHook();
  final List<ApprovalRequest> reviewed = new ArrayList<>();

  GovernedTools tools(ApprovalCallback approver) {
    return GovernedTools.builder().adapter(adapter).policy(POLICY).approver(approver)
        .hooks(HookChain.of(List.of(hook))).build();
  }

  ApprovalCallback approving(String who) {
    return req -> {
      reviewed.add(req);
      return ApprovalDecision.approve(who, "looks right");
    };
  }

  ApprovalCallback rejecting(String who) {
    return req -> {
      reviewed.add(req);
      return ApprovalDecision.reject(who, "credit too high");
    };
  }

  static ToolExecutionRequest call(String name, String args) {
    return ToolExecutionRequest.builder().id("call-1").name(name).arguments(args).build();
  }

  @Test
  void toolSpecifications_showOnlyWhatThePolicyAllows() {
    GovernedTools t = tools(approving("alice"));
    assertThat(t.toolSpecifications(VIEWER)).extracting(ToolSpecification::name)
        .containsExactly("crm_customers_get", "crm_customers_query");
    assertThat(t.toolSpecifications(CLERK)).extracting(ToolSpecification::name)
        .containsExactly("crm_customers_get", "crm_customers_query", "crm_customers_setCredit",
            "crm_customers_create");
  }

  @Test
  void toolSpecification_isTypedFromTheInputSchema() {
    ToolSpecification query = tools(approving("alice")).toolSpecifications(VIEWER).get(1);
    assertThat(query.description()).startsWith("Finds customers with at least the given credit")
        .contains("READ");
    var props = query.parameters().properties();
    assertThat(props.get("minCredit")).isInstanceOf(JsonNumberSchema.class);
    assertThat(props.get("since")).isInstanceOf(JsonStringSchema.class);
    assertThat(((JsonStringSchema) props.get("since")).description()).contains("YYYY-MM-DD");
    assertThat(props.get("active")).isInstanceOf(JsonBooleanSchema.class);
    assertThat(query.parameters().required()).isEmpty();
    assertThat(query.parameters().additionalProperties()).isFalse();

    ToolSpecification get = tools(approving("alice")).toolSpecifications(VIEWER).get(0);
    assertThat(get.parameters().properties().get("id")).isInstanceOf(JsonIntegerSchema.class);
    assertThat(get.parameters().required()).containsExactly("id");

    ToolSpecification update = tools(approving("alice")).toolSpecifications(CLERK).get(2);
    assertThat(update.parameters().properties()).containsOnlyKeys("id", "credit", "expectedVersion");
    assertThat(update.parameters().required()).containsExactly("id", "credit");
  }

  @Test
  void descriptors_classifyPersonalDataAndApproval() {
    List<ToolDescriptor> d = tools(approving("alice")).descriptors();
    assertThat(d).hasSize(4);
    assertThat(d).allSatisfy(x -> assertThat(x.dataClassifications()).contains(ToolDescriptor.PERSONAL));
    assertThat(d).filteredOn(ToolDescriptor::approvalRequired).extracting(ToolDescriptor::operation)
        .containsExactly("customers.setCredit", "customers.create");
  }

  @Test
  void read_runsDirectly_andReturnsRecordsWithVersion() {
    ToolOutcome o = tools(rejecting("nobody")).execute(VIEWER, call("crm_customers_get", "{\"id\":1}"));
    assertThat(o.status()).isEqualTo(Status.EXECUTED);
    assertThat(o.result()).contains("\"name\":\"Ada Example\"").contains("\"version\":\"1\"")
        .contains("\"credit\":1000.00").contains("\"since\":\"2020-01-15\"").contains("\"returned\":1");
    assertThat(reviewed).isEmpty();
    assertThat(adapter.executed).hasSize(1);
    assertThat(adapter.executed.get(0).dryRun()).isFalse();
  }

  @Test
  void read_resultIsTruncatedAtTheConfiguredMaximum() {
    GovernedTools t = tools(approving("alice")).toBuilder().maxResultRecords(1).build();
    ToolOutcome o = t.execute(VIEWER, call("crm_customers_query", "{}"));
    assertThat(o.status()).isEqualTo(Status.EXECUTED);
    assertThat(o.result()).contains("\"returned\":1").contains("\"truncated\":true");
  }

  @Test
  void injectedCallOfAHiddenTool_isDeniedByPolicy_andChangesNothing() {
    GovernedTools t = tools(approving("alice"));
    ToolOutcome o = t.execute(VIEWER, call("crm_customers_create",
        "{\"id\":9,\"name\":\"Mallory\",\"credit\":1000000}"));
    assertThat(o.status()).isEqualTo(Status.DENIED_BY_POLICY);
    assertThat(adapter.executed).isEmpty();
    assertThat(adapter.rows).doesNotContainKey(9L);
    assertThat(reviewed).isEmpty();
    // The model learns nothing about the hidden tool: same text as for a tool that does not exist.
    ToolOutcome unknown = t.execute(VIEWER, call("crm_customers_drop", "{}"));
    assertThat(unknown.status()).isEqualTo(Status.DENIED_BY_POLICY);
    assertThat(o.result().replace("crm_customers_create", "X"))
        .isEqualTo(unknown.result().replace("crm_customers_drop", "X"));
    // ...but the audit trail knows which rule denied it, and no before-hook let it through.
    assertThat(hook.before).isEmpty();
    assertThat(hook.afterCalls.get(0).attributes()).containsEntry("policy.decision", "deny")
        .containsEntry("policy.rule", "writes-for-clerks").containsEntry("operation", "customers.create")
        .containsEntry("effect", "WRITE").containsEntry("system", "crm");
    assertThat(hook.afterOutcomes.get(0).reason()).contains("writes-for-clerks");
  }

  @Test
  void write_runsAfterApproval_ofADryRunPreview() {
    GovernedTools t = tools(approving("alice"));
    ToolOutcome o = t.execute(CLERK, call("crm_customers_setCredit",
        "{\"id\":2,\"credit\":\"400.00\",\"expectedVersion\":\"1\"}"));
    assertThat(o.status()).isEqualTo(Status.EXECUTED);
    assertThat(o.result()).contains("\"credit\":400.00").contains("\"version\":\"2\"");
    assertThat(adapter.rows.get(2L)).containsEntry("credit", new BigDecimal("400.00")).containsEntry("version", 2L);
    assertThat(adapter.executed).extracting(OperationRequest::dryRun).containsExactly(true, false);
    assertThat(reviewed).hasSize(1);
    ApprovalRequest req = reviewed.get(0);
    assertThat(req.preview()).contains("\"credit\":400.00");
    assertThat(req.arguments()).containsEntry("id", 2L).containsEntry("credit", new BigDecimal("400.00"));
    assertThat(req.expectedVersion()).contains("1");
    assertThat(req.context()).isEqualTo(CLERK);
    assertThat(hook.afterCalls.get(0).attributes()).containsEntry("approval", "approved")
        .containsEntry("approver", "alice").containsEntry("policy.decision", "allow")
        .containsEntry("policy.rule", "clerk-writes").containsEntry("effect", "IDEMPOTENT_WRITE");
  }

  @Test
  void degradedProposal_reachesTheApproverMarkedDegraded_andNoOtherIs() {
    GovernedTools t = tools(rejecting("carol"));
    t.execute(CLERK.withAttribute(GovernedTools.DEGRADED_ATTRIBUTE, "true"), call("crm_customers_setCredit",
        "{\"id\":2,\"credit\":\"400.00\",\"expectedVersion\":\"1\"}"));
    t.execute(CLERK, call("crm_customers_setCredit", "{\"id\":2,\"credit\":\"300.00\",\"expectedVersion\":\"1\"}"));

    assertThat(reviewed).extracting(ApprovalRequest::degraded).containsExactly(true, false);
    assertThat(reviewed.get(0).description()).startsWith("DEGRADED PROPOSAL")
        .contains("crm_customers_setCredit").contains("based on version 1").doesNotContain("400");
    assertThat(reviewed.get(1).description()).isEqualTo(
        "write crm_customers_setCredit (crm customers.setCredit) based on version 1");
    assertThat(adapter.rows.get(2L)).containsEntry("version", 1L);
  }

  @Test
  void degradedMark_onARead_asksNoApproval() {
    GovernedTools t = tools(approving("alice"));
    ToolOutcome o = t.execute(CLERK.withAttribute(GovernedTools.DEGRADED_ATTRIBUTE, "true"),
        call("crm_customers_get", "{\"id\":2}"));
    assertThat(o.status()).isEqualTo(Status.EXECUTED);
    assertThat(reviewed).isEmpty();
  }

  @Test
  void write_rejectedByTheApprover_changesNothing() {
    GovernedTools t = tools(rejecting("bob"));
    ToolOutcome o = t.execute(CLERK, call("crm_customers_setCredit",
        "{\"id\":2,\"credit\":999999,\"expectedVersion\":\"1\"}"));
    assertThat(o.status()).isEqualTo(Status.REJECTED_BY_APPROVER);
    assertThat(o.result()).contains("rejected").contains("credit too high").contains("Nothing was changed");
    assertThat(adapter.rows.get(2L)).containsEntry("credit", new BigDecimal("250.50")).containsEntry("version", 1L);
    assertThat(adapter.executed).extracting(OperationRequest::dryRun).containsExactly(true);
    assertThat(hook.afterCalls.get(0).attributes()).containsEntry("approval", "rejected")
        .containsEntry("approver", "bob");
  }

  @Test
  void write_withAFailingApprover_doesNotRun() {
    GovernedTools t = tools(req -> {
      throw new IllegalStateException("approval service down");
    });
    ToolOutcome o = t.execute(CLERK, call("crm_customers_create", "{\"id\":7,\"name\":\"N\",\"credit\":1}"));
    assertThat(o.status()).isEqualTo(Status.REJECTED_BY_APPROVER);
    assertThat(adapter.rows).doesNotContainKey(7L);
  }

  @Test
  void write_withoutApprover_returnsThePreviewOnly() {
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy(POLICY).build();
    ToolOutcome o = t.execute(CLERK, call("crm_customers_create",
        "{\"id\":7,\"name\":\"New Co\",\"credit\":10,\"since\":\"2024-02-29\"}"));
    assertThat(o.status()).isEqualTo(Status.PREVIEWED);
    assertThat(o.result()).contains("NOT EXECUTED").contains("\"since\":\"2024-02-29\"");
    assertThat(adapter.rows).doesNotContainKey(7L);
  }

  @Test
  void invalidArguments_goBackToTheModel_withEveryProblem() {
    GovernedTools t = tools(approving("alice"));
    ToolOutcome o = t.execute(CLERK, call("crm_customers_create",
        "{\"id\":\"seven\",\"credit\":\"lots\",\"since\":\"31.12.2024\",\"colour\":\"red\"}"));
    assertThat(o.status()).isEqualTo(Status.INVALID_ARGUMENTS);
    assertThat(o.result())
        .contains("argument 'id' must be a whole number")
        .contains("argument 'credit' must be a decimal number")
        .contains("argument 'since' must be a date written uuuu-MM-dd")
        .contains("unknown argument 'colour'")
        .contains("missing required argument 'name'")
        .contains("Correct the arguments and call the tool again");
    assertThat(adapter.executed).isEmpty();
    assertThat(reviewed).isEmpty();
  }

  @Test
  void invalidArguments_notAnObjectOrNotJson() {
    GovernedTools t = tools(approving("alice"));
    assertThat(t.execute(VIEWER, call("crm_customers_get", "[1]")).result()).contains("not an array");
    ToolOutcome broken = t.execute(VIEWER, call("crm_customers_get", "{\"id\": 1"));
    assertThat(broken.status()).isEqualTo(Status.INVALID_ARGUMENTS);
    assertThat(broken.result()).contains("not valid JSON");
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":1,\"id\":2}")).status())
        .isEqualTo(Status.INVALID_ARGUMENTS);
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":1.5}")).result())
        .contains("'id' must be a whole number").contains("not a number with a fraction");
    assertThat(t.execute(VIEWER, call("crm_customers_query", "{\"touchedAfter\":\"yesterday\"}")).result())
        .contains("'touchedAfter' must be an instant written");
    assertThat(adapter.executed).isEmpty();
  }

  /** Issue 11: the tools refused "1" for an INTEGER while the file and HTTP adapters took it. */
  @Test
  void toolArguments_getTheSpisVerdict_likeEveryAdapter() {
    GovernedTools t = tools(approving("alice"));
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":\"1\"}")).status()).isEqualTo(Status.EXECUTED);
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":1.0}")).status()).isEqualTo(Status.EXECUTED);
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":\" 1 \"}")).result()).contains("spaces");
    assertThat(t.execute(VIEWER, call("crm_customers_query", "{\"touchedAfter\":\"2024-01-01T01:00:00+01:00\"}"))
        .status()).isEqualTo(Status.EXECUTED);
    assertThat(t.execute(VIEWER, call("crm_customers_query", "{\"touchedAfter\":\"2024-01-01T00:00:00\"}")).result())
        .contains("no offset");
  }

  @Test
  void numbersOutOfRange_areInvalidArguments_notErrors() {
    GovernedTools t = tools(approving("alice"));
    // 2^63: one past the largest long, read exactly (never as a double).
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":9223372036854775808.0}")).result())
        .contains("'id' is out of the range of a whole number");
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":1e400}")).status())
        .isEqualTo(Status.INVALID_ARGUMENTS);
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":99999999999999999999}")).status())
        .isEqualTo(Status.INVALID_ARGUMENTS);
    // 1e400 overflowed a double; read exactly it is a finite decimal and passes as it was sent.
    assertThat(t.execute(VIEWER, call("crm_customers_query", "{\"minCredit\":1e400}")).status())
        .isEqualTo(Status.EXECUTED);
    assertThat(t.execute(VIEWER, call("crm_customers_query", "{\"minCredit\":-1e-400}")).status())
        .isEqualTo(Status.EXECUTED);
    assertThat(adapter.executed).hasSize(2);
  }

  @Test
  void theModelCanCorrectItsArguments_andTheConversationGoesOn() {
    GovernedTools t = tools(approving("alice"));
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"customerId\":1}")).status())
        .isEqualTo(Status.INVALID_ARGUMENTS);
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":1.0}")).status())
        .isEqualTo(Status.EXECUTED);
  }

  @Test
  void staleVersion_tellsTheModelToReReadAndRetry() {
    GovernedTools t = tools(approving("alice"));
    ToolOutcome o = t.execute(CLERK, call("crm_customers_setCredit",
        "{\"id\":1,\"credit\":5,\"expectedVersion\":\"0\"}"));
    assertThat(o.status()).isEqualTo(Status.FAILED);
    assertThat(o.result()).contains("changed since you read it").contains("Read the record again")
        .contains("expectedVersion");
    assertThat(reviewed).isEmpty(); // the dry run already found the conflict
    assertThat(adapter.rows.get(1L)).containsEntry("version", 1L);
  }

  @Test
  void adapterFailures_mapToOutcomesWithAClearText() {
    GovernedTools t = tools(approving("alice"));
    ToolOutcome missing = t.execute(VIEWER, call("crm_customers_get", "{\"id\":404}"));
    assertThat(missing.status()).isEqualTo(Status.FAILED);
    assertThat(missing.result()).contains("no customer record with key '404'");

    ToolOutcome rejected = t.execute(CLERK, call("crm_customers_setCredit", "{\"id\":1,\"credit\":5}"));
    assertThat(rejected.status()).isEqualTo(Status.INVALID_ARGUMENTS);
    assertThat(rejected.result()).contains("expectedVersion");

    adapter.failNextWith("unavailable");
    ToolOutcome down = t.execute(VIEWER, call("crm_customers_get", "{\"id\":1}"));
    assertThat(down.status()).isEqualTo(Status.FAILED);
    assertThat(down.result()).contains("unavailable").contains("retry later");
  }

  @Test
  void hooks_seeEveryCallAndOutcome_withGovernanceAttributes() {
    GovernedTools t = tools(approving("alice"));
    t.execute(VIEWER, call("crm_customers_get", "{\"id\":1}"));
    t.execute(VIEWER, call("crm_customers_get", "{\"id\":\"x\"}"));
    t.execute(VIEWER, call("crm_customers_create", "{}"));
    t.execute(CLERK, call("crm_customers_create", "{\"id\":5,\"name\":\"Z\",\"credit\":1}"));
    assertThat(hook.afterOutcomes).extracting(ToolOutcome::status).containsExactly(
        Status.EXECUTED, Status.INVALID_ARGUMENTS, Status.DENIED_BY_POLICY, Status.EXECUTED);
    assertThat(hook.before).hasSize(3); // the denied call never reached a before-hook
    assertThat(hook.afterCalls.get(0).attributes()).containsOnlyKeys(
        "system", "operation", "effect", "policy.rule", "policy.decision", "approval")
        .containsEntry("approval", "not-required").containsEntry("policy.rule", "reads-for-all");
    assertThat(hook.afterCalls.get(3).attributes()).containsKeys(GovernedTools.HOOK_ATTRIBUTES.toArray(String[]::new))
        .containsEntry("approver", "alice");
    assertThat(hook.afterCalls).allSatisfy(c -> assertThat(c.id()).isEqualTo("call-1"));
    assertThat(hook.afterCalls.get(3).context()).isEqualTo(CLERK);
  }

  @Test
  void beforeHook_canRefuse_orRewriteArguments() {
    CallHook refuser = new CallHook() {
      @Override
      public ToolCall beforeToolCall(ToolCall call) {
        if (call.context().purpose().equals("support")) {
          throw new CallRefusedException("office-hours", "outside office hours");
        }
        return call.withArguments(call.argumentsJson().replace("\"id\":99", "\"id\":2"));
      }
    };
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy(POLICY)
        .hooks(HookChain.of(List.of(hook, refuser))).build();
    ToolOutcome refused = t.execute(VIEWER, call("crm_customers_get", "{\"id\":1}"));
    assertThat(refused.status()).isEqualTo(Status.REFUSED);
    assertThat(refused.result()).contains("office-hours");
    assertThat(adapter.executed).isEmpty();
    assertThat(hook.afterOutcomes).extracting(ToolOutcome::status).containsExactly(Status.REFUSED);

    ToolOutcome rewritten = t.execute(CLERK, call("crm_customers_get", "{\"id\":99}"));
    assertThat(rewritten.result()).contains("Bob Sample");
  }

  @Test
  void afterHook_canRewriteTheResultTheModelSees() {
    CallHook masker = new CallHook() {
      @Override
      public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
        return outcome.withResult(outcome.result().replace("Ada Example", "<PERSON_1>"));
      }
    };
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy(POLICY)
        .hooks(HookChain.of(List.of(masker))).build();
    assertThat(t.execute(VIEWER, call("crm_customers_get", "{\"id\":1}")).result())
        .contains("<PERSON_1>").doesNotContain("Ada");
  }

  @Test
  void failingPolicy_hidesAndRefusesTheTool() {
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy((ctx, tool) -> {
      throw new IllegalStateException("policy store down");
    }).hooks(HookChain.of(List.of(hook))).build();
    assertThat(t.toolSpecifications(CLERK)).isEmpty();
    assertThat(t.execute(CLERK, call("crm_customers_get", "{\"id\":1}")).status())
        .isEqualTo(Status.DENIED_BY_POLICY);
    assertThat(hook.afterCalls.get(0).attributes()).containsEntry("policy.rule", "policy-error");
    assertThat(adapter.executed).isEmpty();
  }

  @Test
  void defaultPolicy_isReadOnly() {
    GovernedTools t = GovernedTools.builder().adapter(adapter).build();
    assertThat(t.toolSpecifications(CLERK)).extracting(ToolSpecification::name)
        .containsExactly("crm_customers_get", "crm_customers_query");
    assertThat(t.execute(CLERK, call("crm_customers_create", "{\"id\":5,\"name\":\"Z\",\"credit\":1}")).status())
        .isEqualTo(Status.DENIED_BY_POLICY);
  }

  @Test
  void builder_rejectsMissingAdapterAndBadLimits() {
    assertThatThrownBy(() -> GovernedTools.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("adapter is required");
    assertThatThrownBy(() -> GovernedTools.builder().maxResultRecords(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    assertThatThrownBy(() -> ApprovalDecision.approve(" ", "ok")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullNameOrArguments_fromAModel_areHandled() {
    GovernedTools t = tools(approving("alice"));
    assertThat(t.execute(VIEWER, ToolExecutionRequest.builder().name("crm_customers_query").build()).status())
        .isEqualTo(Status.EXECUTED);
    assertThat(t.execute(VIEWER, ToolExecutionRequest.builder().arguments("{}").build()).status())
        .isEqualTo(Status.DENIED_BY_POLICY);
  }

  @Test
  void concurrentCalls_fromManyConversations_areEachGovernedOnTheirOwn() throws Exception {
    GovernedTools t = tools(approving("alice"));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<ToolOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        boolean viewer = i % 2 == 0;
        futures.add(pool.submit(() -> t.execute(viewer ? VIEWER : CLERK, viewer
            ? call("crm_customers_create", "{\"id\":77,\"name\":\"Q\",\"credit\":1}")
            : call("crm_customers_get", "{\"id\":1}"))));
      }
      Map<Status, Long> counts = new java.util.EnumMap<>(Status.class);
      for (var f : futures) {
        counts.merge(f.get().status(), 1L, Long::sum);
      }
      assertThat(counts).containsEntry(Status.DENIED_BY_POLICY, 100L).containsEntry(Status.EXECUTED, 100L);
      assertThat(adapter.rows).doesNotContainKey(77L);
      assertThat(hook.afterCalls).hasSize(200);
      assertThat(hook.afterCalls).filteredOn(c -> c.context().equals(VIEWER))
          .allSatisfy(c -> assertThat(c.attributes()).containsEntry("policy.decision", "deny"));
    } finally {
      pool.shutdownNow();
    }
  }
}
