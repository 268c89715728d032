package io.modelbridge.core.gateway.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.ByteBuffer;
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

  private RequestKeys() {}

  /**
   * A cache key: the tenant in clear (so isolation never rests on the hash alone) and the SHA-256 of the
   * normalized request and model.
   */
  public record Key(String tenant, long h0, long h1, long h2, long h3) {}

  /** The cache key of {@code request} for {@code tenant} when the configured model is {@code model}. */
  public static Key key(String tenant, String model, ChatRequest request) {
    MessageDigest d = SHA256.get();
    d.reset();
    field(d, tenant);
    field(d, request.modelName() != null ? request.modelName() : model);
    field(d, String.valueOf(request.temperature()));
    field(d, String.valueOf(request.topP()));
    field(d, String.valueOf(request.topK()));
    field(d, String.valueOf(request.frequencyPenalty()));
    field(d, String.valueOf(request.presencePenalty()));
    field(d, String.valueOf(request.maxOutputTokens()));
    field(d, String.valueOf(request.stopSequences()));
    field(d, String.valueOf(request.toolSpecifications()));
    field(d, String.valueOf(request.toolChoice()));
    field(d, String.valueOf(request.responseFormat()));
    for (ChatMessage m : request.messages()) {
      field(d, m.type().name());
      field(d, normalize(text(m)));
    }
    ByteBuffer hash = ByteBuffer.wrap(d.digest());
    return new Key(tenant, hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
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

  private static void field(MessageDigest d, String value) {
    byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    // Length-prefixed, so that no two different field sequences hash the same input.
    int n = bytes.length;
    d.update((byte) (n >>> 24));
    d.update((byte) (n >>> 16));
    d.update((byte) (n >>> 8));
    d.update((byte) n);
    d.update(bytes);
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
