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
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.core.hook.ToolCall;
import io.modelbridge.core.hook.ToolOutcome;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>{@link #afterToolCall}: the tool's result is protected before it goes back to the model, including
 *       the whole value of every field named in {@code personalFields}.
 * </ul>
 *
 * <p>A failure refuses the call (the hook chain fails closed on {@code before*}); messages never contain
 * personal data.
 */
public final class PiiHook implements CallHook {

  private final PiiProtector protector;
  private final Set<String> personalFields;

  /**
   * A hook with the given protector and the record fields whose whole value is personal data.
   *
   * @param protector the protector (its vaults scope tokens by conversation)
   * @param personalFields field names or dotted paths of tool results, for example from an entity schema
   */
  public PiiHook(PiiProtector protector, Set<String> personalFields) {
    this.protector = Objects.requireNonNull(protector, "protector cannot be null");
    this.personalFields = Set.copyOf(Objects.requireNonNull(personalFields, "personalFields cannot be null"));
  }

  /** The hook with {@link PiiProtector#defaults()} and no personal fields. */
  public static PiiHook defaults() {
    return new PiiHook(PiiProtector.defaults(), Set.of());
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
          args -> protector.protectJson(args, Set.of(), ctx));
    }
    if (m instanceof ToolExecutionResultMessage r) {
      // rebuilt from the original so the error flag and attributes are kept; every text part is protected
      List<Content> contents = new ArrayList<>();
      for (Content c : r.contents()) {
        contents.add(c instanceof TextContent t
            ? TextContent.from(protector.protectJson(t.text(), personalFields, ctx)) : c);
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
    return outcome.withResult(protector.protectJson(outcome.result(), personalFields, call.context()));
  }
}
