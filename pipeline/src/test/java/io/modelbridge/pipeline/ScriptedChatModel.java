package io.modelbridge.pipeline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An in-process model that answers what the test scripts, one function per call, and keeps every request. */
final class ScriptedChatModel implements ChatModel {

  final List<ChatRequest> requests = new ArrayList<>();
  private final List<Function<ChatRequest, String>> script;

  @SafeVarargs
  ScriptedChatModel(Function<ChatRequest, String>... answers) {
    this.script = List.of(answers);
  }

  static ScriptedChatModel of(String... answers) {
    List<Function<ChatRequest, String>> fs = new ArrayList<>();
    for (String a : answers) {
      fs.add(r -> a);
    }
    @SuppressWarnings("unchecked")
    Function<ChatRequest, String>[] arr = fs.toArray(new Function[0]);
    return new ScriptedChatModel(arr);
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    int i = Math.min(requests.size() - 1, script.size() - 1);
    return ChatResponse.builder().aiMessage(AiMessage.from(script.get(i).apply(request))).modelName("scripted").build();
  }

  /** Every message text of request {@code i}, joined. */
  String sent(int i) {
    StringBuilder sb = new StringBuilder();
    requests.get(i).messages().forEach(m -> sb.append(m).append('\n'));
    return sb.toString();
  }
}
