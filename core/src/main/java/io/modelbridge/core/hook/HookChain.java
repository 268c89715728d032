package io.modelbridge.core.hook;

import io.modelbridge.core.ModelBridgeException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable, ordered list of {@link CallHook}s and the one place that applies the ordering and failure
 * rules of this package. The gateway runs model calls through it; governed tools run tool calls through
 * it. Thread-safe.
 */
public final class HookChain {

  private static final Logger LOG = LoggerFactory.getLogger(HookChain.class);
  private static final HookChain EMPTY = new HookChain(List.of());

  private final List<CallHook> hooks;

  private HookChain(List<CallHook> hooks) {
    this.hooks = hooks;
  }

  /** A chain of the given hooks, in order. */
  public static HookChain of(List<? extends CallHook> hooks) {
    Objects.requireNonNull(hooks, "hooks cannot be null");
    hooks.forEach(h -> Objects.requireNonNull(h, "hooks cannot contain null"));
    return hooks.isEmpty() ? EMPTY : new HookChain(List.copyOf(hooks));
  }

  /** A chain with no hooks. */
  public static HookChain empty() {
    return EMPTY;
  }

  /** The hooks, in registration order. */
  public List<CallHook> hooks() {
    return hooks;
  }

  /** A new chain with {@code hook} appended. */
  public HookChain with(CallHook hook) {
    Objects.requireNonNull(hook, "hook cannot be null");
    var copy = new java.util.ArrayList<CallHook>(hooks);
    copy.add(hook);
    return new HookChain(List.copyOf(copy));
  }

  /**
   * Runs every {@code beforeRequest} in order.
   *
   * @throws CallRefusedException if a hook refuses or fails
   */
  public ModelCall beforeRequest(ModelCall call) {
    ModelCall current = call;
    for (CallHook hook : hooks) {
      ModelCall input = current;
      current = refuseOnFailure(hook, () -> hook.beforeRequest(input), "beforeRequest");
    }
    return current;
  }

  /** Runs every {@code afterResponse} in reverse order; a failing hook is logged and skipped. */
  public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
    ModelAnswer current = answer;
    for (int i = hooks.size() - 1; i >= 0; i--) {
      CallHook hook = hooks.get(i);
      try {
        current = Objects.requireNonNull(hook.afterResponse(call, current), "afterResponse returned null");
      } catch (RuntimeException e) {
        logIsolated(hook, "afterResponse", e);
      }
    }
    return current;
  }

  /** Runs every {@code onError} in reverse order; a failing hook is logged and skipped. */
  public void onError(ModelCall call, ModelBridgeException error) {
    for (int i = hooks.size() - 1; i >= 0; i--) {
      CallHook hook = hooks.get(i);
      try {
        hook.onError(call, error);
      } catch (RuntimeException e) {
        logIsolated(hook, "onError", e);
      }
    }
  }

  /**
   * Runs every {@code beforeToolCall} in order.
   *
   * @throws CallRefusedException if a hook refuses or fails
   */
  public ToolCall beforeToolCall(ToolCall call) {
    ToolCall current = call;
    for (CallHook hook : hooks) {
      ToolCall input = current;
      current = refuseOnFailure(hook, () -> hook.beforeToolCall(input), "beforeToolCall");
    }
    return current;
  }

  /** Runs every {@code afterToolCall} in reverse order; a failing hook is logged and skipped. */
  public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
    ToolOutcome current = outcome;
    for (int i = hooks.size() - 1; i >= 0; i--) {
      CallHook hook = hooks.get(i);
      try {
        current = Objects.requireNonNull(hook.afterToolCall(call, current), "afterToolCall returned null");
      } catch (RuntimeException e) {
        logIsolated(hook, "afterToolCall", e);
      }
    }
    return current;
  }

  private static <T> T refuseOnFailure(CallHook hook, java.util.function.Supplier<T> step, String phase) {
    T result;
    try {
      result = step.get();
    } catch (CallRefusedException e) {
      throw e;
    } catch (RuntimeException e) {
      // Fail closed: a hook that cannot do its job (a pseudonymizer, a policy) must not let the call through.
      throw new CallRefusedException(
          hook.name(), phase + " failed with " + e.getClass().getSimpleName() + "; the call was not sent", e);
    }
    if (result == null) {
      throw new CallRefusedException(hook.name(), phase + " returned null; the call was not sent");
    }
    return result;
  }

  private static void logIsolated(CallHook hook, String phase, RuntimeException e) {
    // Only the exception type: its message could carry data from the call.
    LOG.warn("hook.failed hook={} phase={} error={} (isolated; the call goes on)",
        hook.name(), phase, e.getClass().getName());
  }
}
