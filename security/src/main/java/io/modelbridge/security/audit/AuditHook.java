package io.modelbridge.security.audit;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.security.crypto.AssociatedData;
import io.modelbridge.security.crypto.Encryptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Records every model call (request and answer), every failed model call and every tool call (arguments,
 * policy decision, approval, outcome) in an {@link AuditLog}.
 *
 * <p>Place it after the PII hook in the chain: {@code before*} hooks run in order, so model requests
 * reach this hook pseudonymized, and {@code after*} hooks run in reverse, so model answers reach it before
 * the PII hook restores the originals. Tool arguments, however, reach it after the PII hook restored them
 * for the adapter; therefore tool arguments and results are never stored in clear: they are encrypted
 * with the {@link Encryptor} if one is given (associated data: tenant and {@code audit.arguments} /
 * {@code audit.result}), otherwise only their SHA-256 is stored. Model requests and answers are encrypted
 * too when {@link Builder#encryptModelText(boolean)} is on.
 *
 * <p>When the log has failed (disk full, database down) this hook refuses new model and tool calls: an
 * action that cannot be recorded does not happen.
 */
public final class AuditHook implements CallHook {

  private final AuditLog log;
  private final Optional<Encryptor> encryptor;
  private final boolean encryptModelText;
  private final boolean waitForDurability;

  private AuditHook(Builder b) {
    this.log = b.log;
    this.encryptor = b.encryptor;
    this.encryptModelText = b.encryptModelText;
    this.waitForDurability = b.waitForDurability;
  }

  /** Starts a builder writing to {@code log}. */
  public static Builder builder(AuditLog log) {
    return new Builder(log);
  }

  @Override
  public ModelCall beforeRequest(ModelCall call) {
    refuseIfUnhealthy();
    return call;
  }

  @Override
  public ToolCall beforeToolCall(ToolCall call) {
    refuseIfUnhealthy();
    return call;
  }

  private void refuseIfUnhealthy() {
    if (!log.healthy()) {
      throw new CallRefusedException(name(), "the audit log cannot record calls (closed or its store failed); "
          + "fix the audit store and restart");
    }
  }

  @Override
  public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("provider", answer.provider());
    d.put("cached", Boolean.toString(answer.cached()));
    d.put("degraded", Boolean.toString(answer.degraded()));
    d.put("attempts", Integer.toString(answer.attempts()));
    d.put("latencyMs", Long.toString(answer.latency().toMillis()));
    CallContext ctx = call.context();
    d.put("request", modelText(ctx, "request", render(call.request().messages())));
    AiMessage ai = answer.response().aiMessage();
    d.put("answer", modelText(ctx, "answer", ai == null || ai.text() == null ? "" : ai.text()));
    if (ai != null && ai.hasToolExecutionRequests()) {
      d.put("toolRequests", ai.toolExecutionRequests().stream().map(ToolExecutionRequest::name)
          .collect(Collectors.joining(",")));
    }
    record(AuditEvent.of(AuditEvent.Type.MODEL_CALL, ctx, answer.provider(), d));
    return answer;
  }

  @Override
  public void onError(ModelCall call, ModelBridgeException error) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("error", error.getClass().getSimpleName());
    d.put("message", String.valueOf(error.getMessage()));
    d.put("retryable", Boolean.toString(error.isRetryable()));
    d.put("request", modelText(call.context(), "request", render(call.request().messages())));
    record(AuditEvent.of(AuditEvent.Type.MODEL_ERROR, call.context(), "model", d));
  }

  @Override
  public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
    Map<String, String> d = new LinkedHashMap<>();
    call.attributes().forEach((k, v) -> d.put("attr." + k, v));
    d.put("toolCallId", call.id());
    d.put("status", outcome.status().name());
    d.put("reason", outcome.reason());
    d.put("arguments", protect(call.context(), "arguments", call.argumentsJson()));
    d.put("result", protect(call.context(), "result", outcome.result()));
    boolean writeBack = outcome.status() == ToolOutcome.Status.EXECUTED
        && call.attributes().getOrDefault("effect", "READ").contains("WRITE");
    record(AuditEvent.of(writeBack ? AuditEvent.Type.WRITE_BACK : AuditEvent.Type.TOOL_CALL, call.context(),
        call.toolName(), d));
    return outcome;
  }

  private void record(AuditEvent event) {
    CompletableFuture<Long> done = log.append(event);
    if (waitForDurability) {
      done.join();
    }
  }

  private String modelText(CallContext ctx, String field, String text) {
    return encryptModelText ? protect(ctx, field, text) : text;
  }

  private String protect(CallContext ctx, String field, String text) {
    if (encryptor.isPresent()) {
      return "enc:" + encryptor.get().encryptToString(text, AssociatedData.of(ctx.tenant(), "audit." + field));
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static String render(java.util.List<ChatMessage> messages) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : messages) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(m.type()).append(": ");
      if (m instanceof UserMessage u && u.hasSingleText()) {
        sb.append(u.singleText());
      } else if (m instanceof SystemMessage s) {
        sb.append(s.text());
      } else if (m instanceof AiMessage a) {
        sb.append(a.text() == null ? "" : a.text());
      } else if (m instanceof ToolExecutionResultMessage t) {
        sb.append(t.text());
      } else {
        sb.append(m);
      }
    }
    return sb.toString();
  }

  /** Builder of {@link AuditHook}. */
  public static final class Builder {
    private final AuditLog log;
    private Optional<Encryptor> encryptor = Optional.empty();
    private boolean encryptModelText;
    private boolean waitForDurability = true;

    private Builder(AuditLog log) {
      this.log = Objects.requireNonNull(log, "log cannot be null");
    }

    /** Encrypts tool arguments and results (instead of storing only their hash). */
    public Builder encryptor(Encryptor encryptor) {
      this.encryptor = Optional.of(Objects.requireNonNull(encryptor, "encryptor cannot be null"));
      return this;
    }

    /**
     * Also encrypts model requests and answers (already pseudonymized); needs {@link #encryptor}, else
     * they are stored as SHA-256 only. Default off.
     */
    public Builder encryptModelText(boolean on) {
      this.encryptModelText = on;
      return this;
    }

    /** Whether each hook call waits until its entry is durable (default true). */
    public Builder waitForDurability(boolean on) {
      this.waitForDurability = on;
      return this;
    }

    /** Builds the hook. */
    public AuditHook build() {
      return new AuditHook(this);
    }
  }
}
