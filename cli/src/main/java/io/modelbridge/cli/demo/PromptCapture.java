package io.modelbridge.cli.demo;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed in the gateway's hook chain right after the PII hook, so it sees each request exactly as it
 * leaves the JVM: the demo prints that text and counts the tokens in it. It never changes the request.
 */
final class PromptCapture implements CallHook {

  private static final Pattern TOKEN = Pattern.compile("<([A-Z][A-Z0-9_]*?)_(\\d+)>");

  private final AtomicReference<String> last = new AtomicReference<>("");
  private final AtomicReference<String> provider = new AtomicReference<>("");

  @Override
  public String name() {
    return "demo-prompt-capture";
  }

  @Override
  public ModelCall beforeRequest(ModelCall call) {
    StringBuilder text = new StringBuilder();
    for (ChatMessage m : call.request().messages()) {
      text.append(render(m)).append('\n');
    }
    last.set(text.toString());
    return call;
  }

  @Override
  public ModelAnswer afterResponse(ModelCall call, ModelAnswer answer) {
    provider.set(answer.provider() + (answer.degraded() ? " (degraded responder)" : "")
        + ", provider attempts: " + answer.attempts() + ", " + answer.latency().toMillis() + " ms");
    return answer;
  }

  /** Which provider answered the last call, its attempts and latency. */
  String lastProvider() {
    return provider.get();
  }

  /** The last request as it left the JVM, one line per message part, prefixed by the message role. */
  String lastPrompt() {
    return last.get();
  }

  /** Distinct pseudonymization tokens in the last request, counted per type ({@code EMAIL=1, PHONE=1}). */
  Map<String, Integer> tokenCounts() {
    Map<String, java.util.Set<String>> seen = new TreeMap<>();
    Matcher m = TOKEN.matcher(last.get());
    while (m.find()) {
      seen.computeIfAbsent(m.group(1), k -> new java.util.TreeSet<>()).add(m.group());
    }
    Map<String, Integer> counts = new TreeMap<>();
    seen.forEach((type, tokens) -> counts.put(type, tokens.size()));
    return counts;
  }

  private static String render(ChatMessage m) {
    if (m instanceof SystemMessage s) {
      return "system: " + s.text();
    }
    if (m instanceof UserMessage u) {
      return "user: " + (u.hasSingleText() ? u.singleText() : u.contents().toString());
    }
    if (m instanceof AiMessage a) {
      StringBuilder b = new StringBuilder("assistant:");
      if (a.text() != null) {
        b.append(' ').append(a.text());
      }
      a.toolExecutionRequests().forEach(r -> b.append(" calls ").append(r.name()).append(r.arguments()));
      return b.toString();
    }
    if (m instanceof ToolExecutionResultMessage t) {
      return "tool " + t.toolName() + ": " + t.text();
    }
    return m.type() + ": " + m;
  }
}
