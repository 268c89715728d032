package io.modelbridge.core.tools;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.tool.ToolProvider;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.internal.GovernedToolProvider;
import io.modelbridge.core.tools.internal.ToolDispatcher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A system adapter's operations exposed to a model as LangChain4j tools, with governance outside the model.
 *
 * <p>Each operation becomes one tool named {@code <systemId>_<operation>} (dots as underscores), whose
 * parameters are the operation's input fields (plus {@code expectedVersion} for updates and deletes).
 * {@link #toolSpecifications(CallContext)} lists only the tools the {@link ToolPolicy} allows for that
 * tenant and principal. {@link #execute(CallContext, ToolExecutionRequest)} runs one call:
 * <ol>
 *   <li>re-checks the policy (a model asking for a hidden tool gets {@code DENIED_BY_POLICY});
 *   <li>runs the {@code beforeToolCall} hooks (a refusal gives {@code REFUSED});
 *   <li>parses the JSON arguments and validates them against the input schema ({@code INVALID_ARGUMENTS}
 *       with every problem, so the model can correct them);
 *   <li>for a {@code WRITE}, any operation whose adapter requires approval, and any call marked degraded
 *       ({@link #DEGRADED_ATTRIBUTE}): runs a dry run, hands the
 *       preview to the {@link ApprovalCallback} and runs the write only if approved
 *       ({@code REJECTED_BY_APPROVER} otherwise; {@code PREVIEWED} when no approver is configured);
 *   <li>runs the operation ({@code EXECUTED}, or {@code FAILED} with a text saying what to do);
 *   <li>runs the {@code afterToolCall} hooks with attributes {@code system}, {@code operation},
 *       {@code effect}, {@code policy.rule}, {@code policy.decision}, {@code approval}, {@code approver}.
 * </ol>
 * Model mistakes and adapter failures never throw: they come back as a {@link ToolOutcome} whose
 * {@link ToolOutcome#result() result} is the text for the model. Immutable and thread-safe.
 */
public final class GovernedTools {

  /** Hook attribute names set on every {@link io.modelbridge.core.hook.ToolCall}. */
  public static final List<String> HOOK_ATTRIBUTES = List.of(
      ToolDispatcher.ATTR_SYSTEM, ToolDispatcher.ATTR_OPERATION, ToolDispatcher.ATTR_EFFECT,
      ToolDispatcher.ATTR_POLICY_RULE, ToolDispatcher.ATTR_POLICY_DECISION, ToolDispatcher.ATTR_APPROVAL,
      ToolDispatcher.ATTR_APPROVER);

  /**
   * Context attribute that marks a call as proposed by a degraded answer (every model provider failed and
   * the gateway's degraded responder answered): set it to {@code true} on the {@link CallContext} given to
   * {@link #execute}. Such a call always needs approval, even for an operation that otherwise does not, and
   * its {@link ApprovalRequest#degraded()} is true. The pipeline sets it for a pack that allows degraded writes.
   */
  public static final String DEGRADED_ATTRIBUTE = ToolDispatcher.DEGRADED_ATTRIBUTE;

  /**
   * The member of a tool result (a JSON object) that lists the {@link io.modelbridge.adapters.spi.FieldPath}s
   * of the values in it that the adapter's descriptor declares personal
   * ({@link io.modelbridge.adapters.spi.FieldSchema#personal()}), for example
   * {@code "personal":["records[*].fields.CUSTOMER_NAME","records[*].key.CUSTOMER_NAME"]}. A
   * pseudonymizing hook ({@code PiiHook}) replaces the whole value at each of them, wherever it is placed,
   * without being told the field names again. Left out when the entity has no personal field.
   */
  public static final String PERSONAL_PATHS = "personal";

  private final Builder config;
  private final ToolDispatcher dispatcher;

  private GovernedTools(Builder config) {
    this.config = config;
    this.dispatcher = new ToolDispatcher(config.adapter, config.policy, Optional.ofNullable(config.approver),
        config.hooks, config.maxResultRecords);
    List<String> unmatched = config.policy.rulesMatchingNone(dispatcher.systemId(), dispatcher.descriptors());
    if (!unmatched.isEmpty()) {
      throw new IllegalStateException("the tool policy has rules for system '" + dispatcher.systemId()
          + "' that match none of its operations: " + String.join("; ", unmatched) + "; its operations: "
          + dispatcher.descriptors().stream().map(ToolDescriptor::operation).toList()
          + ". Fix the rules' operation names (adapters expose names in lower case)");
    }
  }

  /** A builder; {@link Builder#adapter} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this instance's settings, to derive a changed one. */
  public Builder toBuilder() {
    return config.copy();
  }

  /** The name of the tool for an operation of a system: {@code <systemId>_<operation>}, dots as underscores. */
  public static String toolName(String systemId, String operation) {
    return ToolDispatcher.toolName(systemId, operation);
  }

  /** The id of the system whose operations these are. */
  public String systemId() {
    return dispatcher.systemId();
  }

  /** Every tool with what a policy knows about it, whatever the policy decides. */
  public List<ToolDescriptor> descriptors() {
    return dispatcher.descriptors();
  }

  /**
   * The tools the model may see in {@code context}: only those the policy allows. A policy that throws
   * hides the tool.
   */
  public List<ToolSpecification> toolSpecifications(CallContext context) {
    Objects.requireNonNull(context, "context cannot be null");
    return dispatcher.specifications(context);
  }

  /**
   * Runs one tool call the model asked for, with every governance step (see the class description).
   *
   * @return the outcome; its {@code result()} is the text to send back in a
   *     {@code ToolExecutionResultMessage}
   * @throws NullPointerException if an argument is null; nothing the model sends makes this throw
   */
  public ToolOutcome execute(CallContext context, ToolExecutionRequest request) {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(request, "request cannot be null");
    return dispatcher.execute(context,
        request.id() == null ? "" : request.id(),
        request.name() == null ? "" : request.name(),
        request.arguments() == null ? "" : request.arguments());
  }

  /**
   * A LangChain4j {@link ToolProvider} for {@code AiServices.builder(..).toolProvider(..)}: on each AI
   * service call it offers the tools allowed for the {@link CallContext} bound to the calling thread
   * ({@link CallContext#currentOrAnonymous()}) and runs each call under that context. Needs
   * {@code dev.langchain4j:langchain4j} on the class path (an optional dependency of core: everything else in
   * this class works without it).
   */
  public ToolProvider toolProvider() {
    return GovernedToolProvider.create(dispatcher);
  }

  /**
   * For {@code AiServices.builder(..).hallucinatedToolNameStrategy(..)}: AiServices does not hand a call of
   * a tool it was not offered to any executor (by default it throws, ending the conversation). This
   * strategy runs such a call through {@link #execute} under the {@link CallContext} bound to the calling
   * thread instead, so a prompt-injected request for a hidden tool is answered with
   * {@code DENIED_BY_POLICY} and recorded by the hooks like any other call.
   */
  public Function<ToolExecutionRequest, ToolExecutionResultMessage> hallucinatedToolNameStrategy() {
    return request -> ToolExecutionResultMessage.from(request,
        execute(CallContext.currentOrAnonymous(), request).result());
  }

  /** Configures {@link GovernedTools}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private SystemAdapter adapter;
    private ToolPolicy policy = ToolPolicy.readOnly();
    private ApprovalCallback approver;
    private HookChain hooks = HookChain.empty();
    private int maxResultRecords = 50;

    private Builder() {}

    private SystemAdapter second;
    private boolean adapterFromCopy;

    private static String systemOf(SystemAdapter a) {
      try {
        return a.descriptor().systemId();
      } catch (RuntimeException e) {
        return a.getClass().getName();
      }
    }

    private Builder copy() {
      Builder b = new Builder();
      b.adapter = adapter;
      b.adapterFromCopy = true;
      b.policy = policy;
      b.approver = approver;
      b.hooks = hooks;
      b.maxResultRecords = maxResultRecords;
      return b;
    }

    /**
     * The adapter whose operations become tools. Required, and one per {@code GovernedTools}: a second call
     * makes {@link #build()} fail naming the second adapter (build one {@code GovernedTools} per system and
     * pass them all to {@code AiServices.tools(...)}). On a builder from {@link GovernedTools#toBuilder()} it
     * replaces the adapter.
     */
    public Builder adapter(SystemAdapter adapter) {
      Objects.requireNonNull(adapter, "adapter cannot be null");
      if (this.adapter != null && this.adapter != adapter && !adapterFromCopy && second == null) {
        this.second = adapter;
        return this;
      }
      this.adapter = adapter;
      this.adapterFromCopy = false;
      return this;
    }

    /** Who may see and call which tool; defaults to {@link ToolPolicy#readOnly()}. */
    public Builder policy(ToolPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy cannot be null");
      return this;
    }

    /**
     * The human in the loop for writes. Without one, a write that needs approval is not run: the model
     * gets the dry-run preview with status {@code PREVIEWED}.
     */
    public Builder approver(ApprovalCallback approver) {
      this.approver = Objects.requireNonNull(approver, "approver cannot be null");
      return this;
    }

    /** The hooks every tool call passes (audit, pseudonymization); defaults to none. */
    public Builder hooks(HookChain hooks) {
      this.hooks = Objects.requireNonNull(hooks, "hooks cannot be null");
      return this;
    }

    /**
     * How many records one tool call returns to the model at most (default 50); the result says when it
     * was truncated. Keeps a QUERY over millions of rows from flooding the model's context.
     *
     * @throws IllegalArgumentException if not between 1 and 10,000
     */
    public Builder maxResultRecords(int max) {
      if (max < 1 || max > 10_000) {
        throw new IllegalArgumentException("maxResultRecords must be between 1 and 10000, was " + max);
      }
      this.maxResultRecords = max;
      return this;
    }

    /**
     * The governed tools.
     *
     * @throws IllegalStateException if no adapter was set, a second adapter was set, two operations map to
     *     the same tool name, or the policy has a rule naming this system whose operations match none of the
     *     adapter's ({@link ToolPolicy#rulesMatchingNone})
     */
    public GovernedTools build() {
      if (adapter == null) {
        throw new IllegalStateException("adapter is required: call adapter(SystemAdapter) before build()");
      }
      if (second != null) {
        // Before this check a second adapter silently replaced the first (issue 13).
        throw new IllegalStateException("adapter(...) was called twice: '" + systemOf(adapter) + "' then '"
            + systemOf(second) + "'; one GovernedTools serves one system: build one per adapter and pass "
            + "them all to AiServices.tools(...)");
      }
      return new GovernedTools(copy());
    }
  }
}
