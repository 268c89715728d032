package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.modelbridge.core.CallContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The streaming and listener snippet of docs/gateway.md, compiled and run. */
class GatewayStreamingDocSnippetTest {

  @Test
  void docSnippet_streamsWithListenerAndContext() throws Exception {
    try (SseChatServer server = new SseChatServer()) {
      server.then(SseChatServer.stream("Two ", "orders ", "are open."));
      String baseUrl = server.baseUrl();
      List<String> log = new CopyOnWriteArrayList<>();
      StringBuilder shown = new StringBuilder();
      CompletableFuture<ChatResponse> done = new CompletableFuture<>();

      // --- snippet: docs/gateway.md "Streaming" ---
      ChatModelListener requestLog = new ChatModelListener() {
        @Override
        public void onResponse(ChatModelResponseContext ctx) {
          log.add(ctx.attributes().get(ModelGateway.PROVIDER_ATTRIBUTE)
              + " attempts=" + ctx.attributes().get(ModelGateway.ATTEMPTS_ATTRIBUTE)
              + " degraded=" + ctx.attributes().get(ModelGateway.DEGRADED_ATTRIBUTE));
        }
      };
      ModelGateway gateway = ModelGateway.builder()
          .openAiCompatible("vllm", baseUrl, "none", "qwen2.5-7b-instruct")
          .timeout(Duration.ofSeconds(10))                // until the first token (then retried/fallen back)
          .streamIdleTimeout(Duration.ofSeconds(5))       // between tokens (then StreamInterruptedException)
          .listeners(requestLog)
          .build();
      CallContext acme = CallContext.of("acme", "clerk-7", "order-desk");

      StreamingChatModel model = gateway.withContext(acme); // carries the context to the stream's threads
      model.chat("Which orders are open?", new StreamingChatResponseHandler() {
        @Override
        public void onPartialResponse(String text) {
          shown.append(text);                              // show it as it comes
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
          done.complete(response);                         // after every hook, once
        }

        @Override
        public void onError(Throwable error) {
          if (error instanceof StreamInterruptedException e) {
            // e.chunksDelivered() chunks were shown; ask again for a complete answer
          }
          done.completeExceptionally(error);
        }
      });
      // --- end snippet ---

      assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Two orders are open.");
      assertThat(shown).hasToString("Two orders are open.");
      assertThat(log).containsExactly("vllm attempts=1 degraded=false");
    }
  }
}
