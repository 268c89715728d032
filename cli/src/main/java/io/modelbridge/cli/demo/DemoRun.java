package io.modelbridge.cli.demo;

import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.GovernedTools;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.modelbridge.pipeline.PipelineTrace;
import io.modelbridge.pipeline.StageRecord;
import io.modelbridge.pipeline.feedback.FeedbackStore;
import io.modelbridge.security.audit.AuditHook;
import io.modelbridge.security.audit.AuditLog;
import java.util.List;
import java.util.Map;

/** What both scenarios share: the console, the systems, the pipeline's gateway, the audit log, the feedback. */
final class DemoRun {

  final Console console;
  final DemoSystems systems;
  final ModelGateway pipelineGateway;
  final PromptCapture capture;
  final AuditLog audit;
  final AuditHook auditHook;
  /** What the users did with each pipeline answer, against the pack version. */
  final FeedbackStore feedback;
  private final List<String> prompts;
  private final List<String> providers;

  DemoRun(Console console, DemoSystems systems, ModelGateway pipelineGateway,
      PromptCapture capture, AuditLog audit, AuditHook auditHook, FeedbackStore feedback, List<String> prompts,
      List<String> providers) {
    this.console = console;
    this.systems = systems;
    this.pipelineGateway = pipelineGateway;
    this.capture = capture;
    this.audit = audit;
    this.auditHook = auditHook;
    this.feedback = feedback;
    this.prompts = prompts;
    this.providers = providers;
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

  /** Prints a pipeline trace, one line per stage with its audit entry number. */
  void printTrace(PipelineTrace trace) {
    console.line("pipeline trace (one line per stage, audited):");
    for (StageRecord r : trace.stages()) {
      console.line("  " + Console.cut(r.describe(), 150));
    }
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
