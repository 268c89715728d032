package io.modelbridge.core.tools.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.modelbridge.core.CallContext;

/**
 * Plugs governed tools into LangChain4j {@code AiServices}: on every AI service call it offers the tools the
 * policy allows for the {@link CallContext} bound to the calling thread, and runs each tool call through
 * the dispatcher under that same context.
 */
public final class GovernedToolProvider implements ToolProvider {

  private final ToolDispatcher dispatcher;

  private GovernedToolProvider(ToolDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * A provider over {@code dispatcher}. Declared to return the interface so that a class calling this is
   * verified without loading LangChain4j's {@code langchain4j} artifact, which is optional for core.
   */
  public static ToolProvider create(ToolDispatcher dispatcher) {
    return new GovernedToolProvider(dispatcher);
  }

  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    // AiServices asks on the caller's thread: the context is the one the application bound there.
    CallContext context = CallContext.currentOrAnonymous();
    ToolProviderResult.Builder result = ToolProviderResult.builder();
    for (ToolSpecification spec : dispatcher.specifications(context)) {
      result.add(spec, (call, memoryId) -> dispatcher
          .execute(context, call.id() == null ? "" : call.id(), call.name(),
              call.arguments() == null ? "" : call.arguments())
          .result());
    }
    return result.build();
  }

  @Override
  public boolean isDynamic() {
    // The visible tools depend on who calls: never cache them across invocations.
    return true;
  }
}
