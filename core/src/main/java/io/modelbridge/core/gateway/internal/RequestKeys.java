package io.modelbridge.core.gateway.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Cache keys and token estimates for requests. A key is the tenant plus the SHA-256 of the normalized
 * request (messages with line endings and trailing blanks normalized, every parameter) and the model.
 */
public final class RequestKeys {

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  });
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestKeys() {}

  /** The cache key of {@code request} for {@code tenant} when the configured model is {@code model}. */
  public static String key(String tenant, String model, ChatRequest request) {
    StringBuilder sb = new StringBuilder(256);
    field(sb, tenant);
    field(sb, request.modelName() != null ? request.modelName() : model);
    field(sb, String.valueOf(request.temperature()));
    field(sb, String.valueOf(request.topP()));
    field(sb, String.valueOf(request.topK()));
    field(sb, String.valueOf(request.frequencyPenalty()));
    field(sb, String.valueOf(request.presencePenalty()));
    field(sb, String.valueOf(request.maxOutputTokens()));
    field(sb, String.valueOf(request.stopSequences()));
    field(sb, String.valueOf(request.toolSpecifications()));
    field(sb, String.valueOf(request.toolChoice()));
    field(sb, String.valueOf(request.responseFormat()));
    for (ChatMessage m : request.messages()) {
      field(sb, m.type().name());
      field(sb, normalize(text(m)));
    }
    MessageDigest digest = SHA256.get();
    byte[] hash = digest.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
    char[] out = new char[hash.length * 2];
    for (int i = 0; i < hash.length; i++) {
      out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[hash[i] & 0xf];
    }
    // The tenant also stays in clear in front of the hash, so isolation never rests on the hash alone.
    return tenant + '\u0000' + new String(out);
  }

  /** The text a message carries, as the cache and the token estimate see it. */
  public static String text(ChatMessage m) {
    if (m instanceof UserMessage) {
      UserMessage u = (UserMessage) m;
      return u.hasSingleText() ? u.singleText() : String.valueOf(u.contents());
    }
    if (m instanceof SystemMessage) {
      return ((SystemMessage) m).text();
    }
    if (m instanceof AiMessage) {
      AiMessage a = (AiMessage) m;
      return a.text() + "\u0000" + a.toolExecutionRequests();
    }
    if (m instanceof ToolExecutionResultMessage) {
      ToolExecutionResultMessage t = (ToolExecutionResultMessage) m;
      return t.id() + "\u0000" + t.toolName() + "\u0000" + t.text();
    }
    return String.valueOf(m);
  }

  /** A rough token count of the request's input: four characters a token, plus a little per message. */
  public static long estimateInputTokens(ChatRequest request) {
    long chars = 0;
    for (ChatMessage m : request.messages()) {
      chars += text(m).length();
    }
    return estimateTokens(chars) + 4L * request.messages().size();
  }

  /** A rough token count of a text of {@code chars} characters. */
  public static long estimateTokens(long chars) {
    return (chars + 3) / 4;
  }

  private static void field(StringBuilder sb, String value) {
    String v = value == null ? "" : value;
    sb.append(v.length()).append(':').append(v).append('\u0001');
  }

  private static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String s = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n").replace('\r', '\n') : text;
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
