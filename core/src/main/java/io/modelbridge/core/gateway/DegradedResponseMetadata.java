package io.modelbridge.core.gateway;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.Objects;

/**
 * The metadata of a response that the gateway's degraded responder gave after every provider failed. The
 * gateway puts it on every degraded response it returns through the plain LangChain4j {@code ChatModel}
 * interface ({@link ModelGateway#chat}, {@link ModelGateway#withContext}), so code that only sees a
 * {@link ChatResponse} can still tell a degraded answer apart: {@link ModelGateway#isDegraded(ChatResponse)}.
 * A wrapper that rebuilds the response without its metadata loses the mark; give such code the gateway
 * itself, or use {@link ModelGateway#call} and {@code ModelAnswer.degraded()}.
 */
public final class DegradedResponseMetadata extends ChatResponseMetadata {

  private final String responder;

  private DegradedResponseMetadata(Builder builder) {
    super(builder);
    this.responder = Objects.requireNonNull(builder.responder, "responder cannot be null");
  }

  /** The name of the degraded responder that answered (by default {@code offline}). */
  public String responder() {
    return responder;
  }

  /** Always true: the answer came from the degraded responder. */
  public boolean degraded() {
    return true;
  }

  /** {@code response} with its metadata replaced by degraded metadata keeping id, model, usage and finish. */
  static ChatResponse mark(ChatResponse response, String responder) {
    if (response.metadata() instanceof DegradedResponseMetadata) {
      return response;
    }
    ChatResponseMetadata m = response.metadata();
    Builder b = new Builder();
    b.responder = responder;
    if (m != null) {
      b.id(m.id()).modelName(m.modelName()).tokenUsage(m.tokenUsage()).finishReason(m.finishReason());
    }
    return ChatResponse.builder().aiMessage(response.aiMessage()).metadata(new DegradedResponseMetadata(b)).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DegradedResponseMetadata && super.equals(o)
        && responder.equals(((DegradedResponseMetadata) o).responder);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + responder.hashCode();
  }

  @Override
  public String toString() {
    return "DegradedResponseMetadata{responder=" + responder + ", " + super.toString() + "}";
  }

  private static final class Builder extends ChatResponseMetadata.Builder<Builder> {
    private String responder;

    @Override
    public DegradedResponseMetadata build() {
      return new DegradedResponseMetadata(this);
    }
  }
}
