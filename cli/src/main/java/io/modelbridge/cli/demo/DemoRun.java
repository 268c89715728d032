package io.modelbridge.cli.demo;

import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.GovernedTools;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.modelbridge.security.audit.AuditHook;
import io.modelbridge.security.audit.AuditLog;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Map;

/** What both scenarios share: the console, the systems, the gateway with its hooks, the audit log. */
final class DemoRun {

  private static final int ANSWER_LINES = 4;

  final Console console;
  final DemoSystems systems;
  final ModelGateway gateway;
  final ModelGateway pipelineGateway;
  final PromptCapture capture;
  final AuditLog audit;
  final AuditHook auditHook;
  private final List<String> prompts;
  private final List<String> providers;

  DemoRun(Console console, DemoSystems systems, ModelGateway gateway, ModelGateway pipelineGateway,
      PromptCapture capture, AuditLog audit, AuditHook auditHook, List<String> prompts, List<String> providers) {
    this.console = console;
    this.systems = systems;
    this.gateway = gateway;
    this.pipelineGateway = pipelineGateway;
    this.capture = capture;
    this.audit = audit;
    this.auditHook = auditHook;
    this.prompts = prompts;
    this.providers = providers;
  }

  /** Calls the model through the gateway and prints what was pseudonymized and the prompt as it left. */
  ModelAnswer ask(CallContext context, ChatRequest request) {
    ModelAnswer answer = gateway.call(context, request);
    prompts.add(capture.lastPrompt());
    providers.add(answer.provider());
    Map<String, Integer> tokens = capture.tokenCounts();
    console.line("pseudonymized before sending: " + (tokens.isEmpty() ? "nothing"
        : tokens.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
            .reduce((a, b) -> a + ", " + b).orElse("")));
    console.block("prompt as it left the JVM:", capture.lastPrompt().strip());
    console.line("answered by: " + answer.provider() + (answer.degraded() ? " (degraded responder)" : "")
        + ", provider attempts: " + answer.attempts() + ", " + answer.latency().toMillis() + " ms");
    String text = answer.response().aiMessage().text() == null ? "" : answer.response().aiMessage().text();
    List<String> lines = text.lines().toList();
    console.line("answer (personal data restored, first lines):");
    lines.stream().limit(ANSWER_LINES).forEach(l -> console.line("  " + Console.cut(l, 100)));
    if (lines.size() > ANSWER_LINES) {
      console.line("  ... (" + (lines.size() - ANSWER_LINES) + " more lines)");
    }
    return answer;
  }

  /** Records and prints a model call the pipeline made: the prompt as it left the JVM and who answered. */
  void printPipelineCall() {
    prompts.add(capture.lastPrompt());
    providers.add(capture.lastProvider());
    Map<String, Integer> tokens = capture.tokenCounts();
    console.line("pseudonymized before sending: " + (tokens.isEmpty() ? "nothing"
        : tokens.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
            .reduce((a, b) -> a + ", " + b).orElse("")));
    console.block("prompt as it left the JVM (last attempt):", capture.lastPrompt().strip());
    console.line("answered by: " + capture.lastProvider());
  }

  /**
   * Runs one tool call through governed tools, as the assistant would, and prints it. Returns the request
   * and its outcome so the caller can hand both to the model.
   */
  ToolRun tool(GovernedTools tools, CallContext context, String toolName, String arguments) {
    ToolExecutionRequest request = ToolExecutionRequest.builder()
        .id("call-" + (++toolCalls)).name(toolName).arguments(arguments).build();
    ToolOutcome outcome = tools.execute(context, request);
    console.line("tool " + toolName + " " + arguments + " -> " + outcome.status()
        + (outcome.status() == ToolOutcome.Status.EXECUTED ? "" : " (" + outcome.reason() + ")"));
    return new ToolRun(request, outcome);
  }

  private int toolCalls;

  /** A tool call and what came of it. */
  record ToolRun(ToolExecutionRequest request, ToolOutcome outcome) {
    boolean executed() {
      return outcome.status() == ToolOutcome.Status.EXECUTED;
    }
  }
}
