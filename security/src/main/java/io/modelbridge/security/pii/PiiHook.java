package io.modelbridge.security.pii;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.adapters.spi.FieldPath;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.json.DataJson;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps personal data inside the JVM around every model and tool call:
 *
 * <ul>
 *   <li>{@link #beforeRequest}: every message's text (system, user, earlier AI answers and their tool
 *       arguments, tool results) is protected before it leaves for a provider;
 *   <li>{@link #afterResponse}: tokens in the answer's text and tool-call arguments are restored, so the
 *       application sees the real values;
 *   <li>{@link #beforeToolCall}: tokens in the arguments are restored before they reach an adapter;
 *   <li>{@link #afterToolCall}: the tool's result is protected before it goes back to the model.
 * </ul>
 *
 * <p>In a tool result, the whole value of every field the adapter's descriptor marks personal is replaced,
 * whatever it contains: {@link GovernedTools} lists those fields in the result
 * ({@link GovernedTools#PERSONAL_PATHS}), so {@link #defaults()} protects them in every placement without
 * being told the names again. Protection is idempotent ({@link PiiProtector}): the same hook on the gateway
 * and on the governed tools protects a tool result once and restores the answer. The recommended wiring is
 * {@link #defaults()} on both; see docs/security.md.
 *
 * <p>A failure refuses the call (the hook chain fails closed on {@code before*}); messages never contain
 * personal data.
 */
public final class PiiHook implements CallHook {

  private static final PiiHook DEFAULTS = new PiiHook(PiiProtector.shared(), Set.of());

  /** Where a record's fields sit in a governed tool's result; extra personal fields are applied there. */
  private static final List<FieldPath> RECORD_PARTS = List.of(
      FieldPath.parse("records[*].fields"), FieldPath.parse("records[*].key"),
      FieldPath.parse("preview.records[*].fields"), FieldPath.parse("preview.records[*].key"));

  private final PiiProtector protector;
  private final List<FieldPath> personalFields;

  /**
   * A hook with the given protector and more fields whose whole value is personal data, beyond those the
   * adapters' descriptors declare (which are always protected).
   *
   * @param protector the protector (its vaults scope tokens by conversation); share it between the hooks of
   *     one application, as {@link #defaults()} does
   * @param personalFields {@link FieldPath}s of a record's fields ({@code customer.name},
   *     {@code lines[*].note}); each is applied to the records of a governed tool's result and to the top
   *     of any other JSON result
   * @throws IllegalArgumentException if a path is not valid
   */
  public PiiHook(PiiProtector protector, Set<String> personalFields) {
    this.protector = Objects.requireNonNull(protector, "protector cannot be null");
    Objects.requireNonNull(personalFields, "personalFields cannot be null");
    Set<FieldPath> paths = new LinkedHashSet<>();
    for (String f : personalFields) {
      FieldPath p = FieldPath.parse(f);
      paths.add(p);
      RECORD_PARTS.forEach(part -> paths.add(p.under(part)));
    }
    this.personalFields = List.copyOf(paths);
  }

  /**
   * The hook to install by default, on the gateway and on governed tools alike: the JVM's
   * {@link PiiProtector#shared()} protector (so every placement shares the vaults), and the personal
   * fields the adapters declare.
   */
  public static PiiHook defaults() {
    return DEFAULTS;
  }

  /** The protector in use (to restore text the application handles itself). */
  public PiiProtector protector() {
    return protector;
  }

  @Override
  public String name() {
    return "pii";
  }

  @Override
  public ModelCall beforeRequest(ModelCall call) {
    CallContext ctx = call.context();
    List<ChatMessage> out = new ArrayList<>();
    for (ChatMessage m : call.request().messages()) {
      out.add(protect(m, ctx));
    }
    ChatRequest rewritten = call.request().toBuilder().messages(out).build();
    return call.withRequest(rewritten);
  }

  private ChatMessage protect(ChatMessage m, CallContext ctx) {
    if (m instanceof SystemMessage s) {
      return SystemMessage.from(protector.protect(s.text(), ctx));
    }
    if (m instanceof UserMessage u) {
      List<Content> contents = new ArrayList<>();
      for (Content c : u.contents()) {
        contents.add(c instanceof TextContent t ? TextContent.from(protector.protect(t.text(), ctx)) : c);
      }
      return u.toBuilder().contents(contents).build();
    }
    if (m instanceof AiMessage a) {
      return rewriteAi(a, text -> protector.protect(text, ctx),
          args -> protector.protectJson(args, List.of(), ctx));
    }
    if (m instanceof ToolExecutionResultMessage r) {
      // rebuilt from the original so the error flag and attributes are kept; every text part is protected
      List<Content> contents = new ArrayList<>();
      for (Content c : r.contents()) {
        contents.add(c instanceof TextContent t
            ? TextContent.from(protectResult(t.text(), ctx)) : c);
      }
      return r.toBuilder().contents(contents).build();
    }
    return m;
  }

  private static AiMessage rewriteAi(AiMessage a, java.util.function.UnaryOperator<String> text,
      java.util.function.UnaryOperator<String> args) {
    AiMessage.Builder b = a.toBuilder();
    if (a.text() != null) {
      b.text(text.apply(a.text()));
    }
    if (a.toolExecutionRequests() != null && !a.toolExecutionRequests().isEmpty()) {
      List<ToolExecutionRequest> reqs = new ArrayList<>();
      for (ToolExecutionRequest r : a.toolExecutionRequests()) {
        reqs.add(r.arguments() == null ? r : r.toBuilder().arguments(args.apply(r.arguments())).build());
      }
      b.toolExecutionRequests(reqs);
    }
    return b.build();
  }

  @Override
  public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
    CallContext ctx = call.context();
    ChatResponse response = answer.response();
    AiMessage restored = rewriteAi(response.aiMessage(), text -> protector.restore(text, ctx),
        args -> protector.restoreJson(args, ctx));
    return answer.withResponse(response.toBuilder().aiMessage(restored).build());
  }

  @Override
  public ToolCall beforeToolCall(ToolCall call) {
    return call.withArguments(protector.restoreJson(call.argumentsJson(), call.context()));
  }

  @Override
  public ToolOutcome afterToolCall(ToolCall call, ToolOutcome outcome) {
    return outcome.withResult(protectResult(outcome.result(), call.context()));
  }

  /** A tool result: the configured personal fields and those the result itself declares. */
  private String protectResult(String result, CallContext ctx) {
    List<FieldPath> personal = personalFields;
    int brace = result.indexOf('{');
    if (brace >= 0 && result.indexOf(GovernedTools.PERSONAL_PATHS, brace) > 0) {
      try {
        JsonNode declared = DataJson.tree(result).path(GovernedTools.PERSONAL_PATHS);
        if (declared.isArray() && !declared.isEmpty()) {
          Set<FieldPath> all = new LinkedHashSet<>(personalFields);
          for (JsonNode d : declared) {
            try {
              all.add(FieldPath.parse(d.asText()));
            } catch (IllegalArgumentException e) {
              // not a path: nothing to protect by it; the value is still scanned as text
            }
          }
          personal = List.copyOf(all);
        }
      } catch (JsonProcessingException e) {
        // not JSON: protected as text below
      }
    }
    return protector.protectJson(result, personal, ctx);
  }
}
