package io.modelbridge.pipeline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.Objects;

/**
 * The pipeline's default token estimate: one token per UTF-8 byte of the text, plus
 * {@value #PER_MESSAGE} per message and {@value #PER_REQUEST} per request for the chat framing. It never
 * counts fewer tokens than a byte-level BPE tokenizer (OpenAI's, Llama 3's and the like) produces for the
 * text, because every such token stands for at least one byte; so a prompt within budget by
 * this estimate is within the model's window whatever the text holds (JSON, digits, identifiers, any
 * script, emoji).
 *
 * <p>It is pessimistic on purpose: measured against OpenAI's {@code o200k_base}/{@code cl100k_base}
 * encodings (jtokkit 1.1.0), it counts about 2.5 times the real tokens of JSON business records, 4.9 times
 * those of English prose, and 3 times those of CJK text. When the model's tokenizer is known, give the
 * pipeline LangChain4j's estimator for it instead ({@code new OpenAiTokenCountEstimator("gpt-4o-mini")}
 * through {@link Pipeline.Builder#tokenEstimator}) to fit more records into the same window.
 * Stateless and thread-safe.
 */
public final class UpperBoundTokenEstimator implements TokenCountEstimator {

  /** Tokens counted per message for its role and framing. */
  public static final int PER_MESSAGE = 4;
  /** Tokens counted once per request for the framing of the reply. */
  public static final int PER_REQUEST = 3;

  /** The estimator; stateless, so one instance serves every pipeline. */
  public static final UpperBoundTokenEstimator INSTANCE = new UpperBoundTokenEstimator();

  private UpperBoundTokenEstimator() {}

  /** The number of UTF-8 bytes of {@code text} (a lone surrogate counts as the 3 bytes of its replacement). */
  @Override
  public int estimateTokenCountInText(String text) {
    Objects.requireNonNull(text, "text cannot be null");
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  /** The text's bytes plus {@value #PER_MESSAGE}; tool calls count with their names and arguments. */
  @Override
  public int estimateTokenCountInMessage(ChatMessage message) {
    Objects.requireNonNull(message, "message cannot be null");
    return saturated((long) estimateTokenCountInText(text(message)) + PER_MESSAGE);
  }

  /** The sum over the messages plus {@value #PER_REQUEST}. */
  @Override
  public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
    Objects.requireNonNull(messages, "messages cannot be null");
    long sum = PER_REQUEST;
    for (ChatMessage m : messages) {
      sum += estimateTokenCountInMessage(m);
    }
    return saturated(sum);
  }

  private static int saturated(long n) {
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  private static String text(ChatMessage m) {
    if (m instanceof UserMessage u) {
      return u.hasSingleText() ? u.singleText() : String.valueOf(u.contents());
    }
    if (m instanceof SystemMessage s) {
      return s.text();
    }
    if (m instanceof AiMessage a) {
      return (a.text() == null ? "" : a.text()) + (a.hasToolExecutionRequests() ? a.toolExecutionRequests() : "");
    }
    if (m instanceof ToolExecutionResultMessage t) {
      return t.toolName() + t.text();
    }
    return String.valueOf(m);
  }

  @Override
  public String toString() {
    return "UpperBoundTokenEstimator[1 token per UTF-8 byte]";
  }
}
