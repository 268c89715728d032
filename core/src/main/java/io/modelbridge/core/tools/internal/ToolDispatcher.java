package io.modelbridge.core.tools.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.NotPermittedException;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.hook.ToolOutcome.Status;
import io.modelbridge.core.tools.ApprovalCallback;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.ApprovalRequest;
import io.modelbridge.core.tools.PolicyDecision;
import io.modelbridge.core.tools.ToolDescriptor;
import io.modelbridge.core.tools.ToolPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call path of one governed tool call, top to bottom: find the tool, re-check the policy, run the
 * {@code beforeToolCall} hooks, bind and validate the arguments, obtain approval on a dry-run preview
 * where needed, run the operation, map failures to text the model can act on, run the
 * {@code afterToolCall} hooks. Never throws for anything the model or the adapter does. Thread-safe.
 */
public final class ToolDispatcher {

  /** Hook attribute: the system id. */
  public static final String ATTR_SYSTEM = "system";
  /** Hook attribute: the adapter operation. */
  public static final String ATTR_OPERATION = "operation";
  /** Hook attribute: the operation's effect. */
  public static final String ATTR_EFFECT = "effect";
  /** Hook attribute: the id of the policy rule that decided. */
  public static final String ATTR_POLICY_RULE = "policy.rule";
  /** Hook attribute: {@code allow} or {@code deny}. */
  public static final String ATTR_POLICY_DECISION = "policy.decision";
  /** Hook attribute: {@code not-required}, {@code approved}, {@code rejected} or {@code pending}. */
  public static final String ATTR_APPROVAL = "approval";
  /** Hook attribute: who approved or rejected. */
  public static final String ATTR_APPROVER = "approver";

  /** Context attribute: {@code true} when a degraded answer proposed the call (see GovernedTools). */
  public static final String DEGRADED_ATTRIBUTE = "modelbridge.degraded";

  private static final Logger LOG = LoggerFactory.getLogger(ToolDispatcher.class);

  /** One exposed operation. */
  private record Tool(OperationDescriptor op, ToolDescriptor descriptor, ToolSpecification spec,
      boolean needsApproval) {}

  private final SystemAdapter adapter;
  private final String systemId;
  private final ToolPolicy policy;
  private final Optional<ApprovalCallback> approver;
  private final HookChain hooks;
  private final int maxRecords;
  private final Map<String, Tool> tools;

  /**
   * @throws IllegalStateException if two operations map to the same tool name
   */
  public ToolDispatcher(SystemAdapter adapter, ToolPolicy policy, Optional<ApprovalCallback> approver,
      HookChain hooks, int maxRecords) {
    this.adapter = adapter;
    this.policy = policy;
    this.approver = approver;
    this.hooks = hooks;
    this.maxRecords = maxRecords;
    AdapterDescriptor d = adapter.descriptor();
    this.systemId = d.systemId();
    Map<String, Tool> byName = new LinkedHashMap<>();
    for (OperationDescriptor op : d.operations()) {
      String name = toolName(systemId, op.name());
      boolean personal = d.entity(op.entity()).map(EntitySchema::personalFields).map(s -> !s.isEmpty())
          .orElse(false) || op.input().stream().anyMatch(f -> f.personal());
      boolean needsApproval = op.approvalRequired() || op.effect() == Effect.WRITE;
      ToolDescriptor td = new ToolDescriptor(name, systemId, op.name(), op.entity(), op.effect(),
          needsApproval, personal ? Set.of(ToolDescriptor.PERSONAL) : Set.of());
      Tool previous = byName.put(name, new Tool(op, td, ToolSchemas.specification(name, systemId, op),
          needsApproval));
      if (previous != null) {
        throw new IllegalStateException("operations '" + previous.op().name() + "' and '" + op.name()
            + "' of system '" + systemId + "' both map to tool name '" + name + "'; rename one of them");
      }
    }
    this.tools = Collections.unmodifiableMap(byName);
  }

  /** The tool name of an operation: system id, underscore, operation name with dots as underscores. */
  public static String toolName(String systemId, String operation) {
    return systemId + "_" + operation.replace('.', '_');
  }

  /** The system id of the adapter. */
  public String systemId() {
    return systemId;
  }

  /** Every tool, whatever the policy says. */
  public List<ToolDescriptor> descriptors() {
    List<ToolDescriptor> out = new ArrayList<>(tools.size());
    tools.values().forEach(t -> out.add(t.descriptor()));
    return List.copyOf(out);
  }

  /** The specifications of the tools the policy allows in {@code context}. */
  public List<ToolSpecification> specifications(CallContext context) {
    List<ToolSpecification> out = new ArrayList<>();
    for (Tool t : tools.values()) {
      if (decide(context, t.descriptor()).allowed()) {
        out.add(t.spec());
      }
    }
    return List.copyOf(out);
  }

  /** Runs one tool call through governance; see the class description. */
  public ToolOutcome execute(CallContext context, String id, String toolName, String argumentsJson) {
    Tool tool = tools.get(toolName);
    if (tool == null) {
      ToolCall call = new ToolCall(context, id, toolName, argumentsJson, Map.of(ATTR_SYSTEM, systemId,
          ATTR_POLICY_RULE, "no-such-tool", ATTR_POLICY_DECISION, "deny"));
      return hooks.afterToolCall(call, notAvailable(toolName, "no tool of that name"));
    }
    PolicyDecision decision = decide(context, tool.descriptor());
    ToolCall call = new ToolCall(context, id, toolName, argumentsJson, Map.of(
        ATTR_SYSTEM, systemId,
        ATTR_OPERATION, tool.op().name(),
        ATTR_EFFECT, tool.op().effect().name(),
        ATTR_POLICY_RULE, decision.rule(),
        ATTR_POLICY_DECISION, decision.allowed() ? "allow" : "deny"));
    if (!decision.allowed()) {
      // Same text as for a tool that does not exist: a hidden tool's existence is not confirmed.
      return hooks.afterToolCall(call, notAvailable(toolName, "policy rule '" + decision.rule() + "': "
          + decision.reason()));
    }
    ToolOutcome outcome;
    try {
      call = hooks.beforeToolCall(call);
      outcome = null;
    } catch (CallRefusedException e) {
      outcome = ToolOutcome.notExecuted(Status.REFUSED,
          "ERROR: this call was refused by the application's governance (" + e.hook()
              + "). Do not retry it; tell the user it could not be done.",
          e.getMessage());
    }
    if (outcome == null) {
      Holder h = new Holder(call);
      outcome = run(tool, h);
      call = h.call;
    }
    return hooks.afterToolCall(call, outcome);
  }

  /** The call as attributes are added to it along the path. */
  private static final class Holder {
    ToolCall call;

    Holder(ToolCall call) {
      this.call = call;
    }
  }

  private ToolOutcome run(Tool tool, Holder h) {
    OperationDescriptor op = tool.op();
    ArgumentBinder.Binding binding;
    try {
      binding = ArgumentBinder.bind(op, h.call.argumentsJson());
    } catch (RuntimeException e) {
      // The binder reports every problem it knows as text; anything else must still not end the conversation.
      LOG.warn("tool.arguments.unreadable system={} operation={} error={}", systemId, op.name(),
          e.getClass().getName());
      return ToolOutcome.notExecuted(Status.INVALID_ARGUMENTS, "ERROR: the arguments for tool '"
          + h.call.toolName() + "' could not be read. Send one JSON object with the documented fields.",
          "unreadable arguments: " + e.getClass().getName());
    }
    if (!binding.valid()) {
      return ToolOutcome.notExecuted(Status.INVALID_ARGUMENTS,
          "ERROR: invalid arguments for tool '" + h.call.toolName() + "': " + String.join("; ", binding.problems())
              + ". Correct the arguments and call the tool again.",
          binding.problems().size() + " argument problem(s)");
    }
    OperationRequest request = new OperationRequest(op.name(), binding.arguments(),
        binding.expectedVersion(), false);
    boolean degraded = op.effect() != Effect.READ
        && "true".equalsIgnoreCase(h.call.context().attributes().get(DEGRADED_ATTRIBUTE));
    try {
      // A degraded proposal is never run without a person's approval, whatever the operation declares.
      if (tool.needsApproval() || degraded) {
        String preview = ResultRenderer.render(adapter.execute(request.asDryRun()), maxRecords);
        if (approver.isEmpty()) {
          h.call = h.call.withAttribute(ATTR_APPROVAL, "pending");
          return ToolOutcome.notExecuted(Status.PREVIEWED,
              "NOT EXECUTED: this change needs a person's approval and no approver is available in this "
                  + "session. Nothing was changed. Preview of what it would write: " + preview,
              degraded ? "approval required (degraded proposal), no approver configured"
                  : "approval required, no approver configured");
        }
        ApprovalDecision verdict = review(new ApprovalRequest(h.call.context(), tool.descriptor(),
            binding.arguments(), binding.expectedVersion(), preview, degraded));
        h.call = h.call.withAttribute(ATTR_APPROVAL, verdict.approved() ? "approved" : "rejected")
            .withAttribute(ATTR_APPROVER, verdict.approver());
        if (!verdict.approved()) {
          return ToolOutcome.notExecuted(Status.REJECTED_BY_APPROVER,
              "NOT EXECUTED: the person reviewing this change rejected it"
                  + (verdict.reason().isBlank() ? "" : " (" + verdict.reason() + ")")
                  + ". Nothing was changed. Do not retry the same change; ask the user how to proceed.",
              "rejected by " + verdict.approver());
        }
      } else {
        h.call = h.call.withAttribute(ATTR_APPROVAL, "not-required");
      }
      return ToolOutcome.executed(ResultRenderer.render(adapter.execute(request), maxRecords));
    } catch (InputRejectedException e) {
      return ToolOutcome.notExecuted(Status.INVALID_ARGUMENTS,
          "ERROR: the system rejected argument '" + e.field() + "': " + e.getMessage()
              + ". Correct the arguments and call the tool again.",
          "input rejected by the system: " + e.field());
    } catch (VersionConflictException e) {
      return failed("ERROR: the record changed since you read it; your version is no longer current. "
          + "Read the record again, check that the change still makes sense, and retry with its current "
          + "version as '" + ToolSchemas.EXPECTED_VERSION + "'.", "version conflict");
    } catch (RecordNotFoundException e) {
      return failed("ERROR: " + e.getMessage() + ". Check the key; do not invent keys.", "not found");
    } catch (NotPermittedException e) {
      return failed("ERROR: the system refused this call for lack of rights. Do not retry it; tell the user.",
          "not permitted by the system");
    } catch (SystemUnavailableException e) {
      return failed("ERROR: the system is unavailable right now. Nothing was changed. You may retry later "
          + "or tell the user.", "system unavailable");
    } catch (AdapterException e) {
      return failed("ERROR: the operation failed: " + e.getMessage(), e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      // Only the type: the message may carry data of the call.
      LOG.warn("tool.failed system={} operation={} error={}", systemId, op.name(), e.getClass().getName());
      return failed("ERROR: the tool failed with an internal error. Do not retry; tell the user.",
          "internal error " + e.getClass().getName());
    }
  }

  private static ToolOutcome failed(String text, String reason) {
    return ToolOutcome.notExecuted(Status.FAILED, text, reason);
  }

  private static ToolOutcome notAvailable(String toolName, String reason) {
    String shown = toolName.length() <= 64 ? toolName : toolName.substring(0, 64) + "...";
    return ToolOutcome.notExecuted(Status.DENIED_BY_POLICY,
        "ERROR: no tool named '" + shown + "' is available to you. Use only the tools you were given.",
        reason);
  }

  private ApprovalDecision review(ApprovalRequest request) {
    try {
      ApprovalDecision d = approver.orElseThrow().review(request);
      if (d == null) {
        return ApprovalDecision.reject("approval-error", "the approver gave no answer");
      }
      return d;
    } catch (RuntimeException e) {
      // Fail closed: a write without a clear approval does not run.
      LOG.warn("tool.approval.failed system={} tool={} error={}", systemId, request.tool().toolName(),
          e.getClass().getName());
      return ApprovalDecision.reject("approval-error", "the approval could not be obtained");
    }
  }

  private PolicyDecision decide(CallContext context, ToolDescriptor tool) {
    try {
      PolicyDecision d = policy.decide(context, tool);
      return d != null ? d : PolicyDecision.deny("policy-error", "the policy gave no answer");
    } catch (RuntimeException e) {
      // Fail closed: a policy that cannot decide hides and refuses the tool.
      LOG.warn("tool.policy.failed system={} tool={} error={}", systemId, tool.toolName(),
          e.getClass().getName());
      return PolicyDecision.deny("policy-error", "the policy failed with " + e.getClass().getSimpleName());
    }
  }
}
