package io.modelbridge.cli;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.cli.demo.BusinessDemo;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.gateway.GatewayMetrics;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.ModelAnswer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelbridge demo}: the README's main command. Part 1 shows the model gateway working without a
 * network: on embedded defaults the first provider is an OpenAI-compatible endpoint on a closed loopback
 * port (unreachable on purpose, so the retry and the fallback are visible), the second is the built-in
 * offline model; the same deterministic question is asked twice, the first answer comes through the
 * fallback, the second from the cache. Part 2 runs the business scenarios of {@link BusinessDemo} (retail
 * recommendation from live context, order desk with reconciliation and a guarded write-back) over embedded
 * legacy systems, and verifies the audit log the run wrote. See {@code docs/demo.md}.
 *
 * <p>With {@code OPENAI_BASE_URL} (and {@code OPENAI_API_KEY}) or {@code OLLAMA_BASE_URL} set, part 2 uses
 * that model first, the offline model as the last resort.
 *
 * <p>Exit codes: 0 the demo ran and the audit log verified intact; 1 the audit log did not verify;
 * 2 the configuration file is invalid, or a step failed (the message names it).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {"Run the demo offline: the gateway (fallback, offline model, cache), then a retail and an"
        + " order-desk scenario over embedded legacy systems, with pseudonymization, governed tools, approval,"
        + " conflict detection on write-back and a verified audit log.",
        "Set OPENAI_BASE_URL (+ OPENAI_API_KEY, OPENAI_MODEL) or OLLAMA_BASE_URL (+ OLLAMA_MODEL) to use a real model."})
public final class DemoCommand implements Callable<Integer> {

  static final String ORDERS = "[{\"order\": \"SO-1001\", \"customer\": \"C-17\", \"status\": \"open\", \"amount\": 1250.00},"
      + " {\"order\": \"SO-1002\", \"customer\": \"C-04\", \"status\": \"open\", \"amount\": 310.50},"
      + " {\"order\": \"SO-1003\", \"customer\": \"C-17\", \"status\": \"open\", \"amount\": 89.90}]";
  static final String QUESTION = "Which orders are still open and what are they worth in total?";

  @Spec CommandSpec spec;

  private final Function<String, Optional<String>> env;

  /** The command reading the process environment. */
  public DemoCommand() {
    this(name -> Optional.ofNullable(System.getenv(name)));
  }

  /** The command reading the model settings from {@code env} instead of the process environment (tests). */
  DemoCommand(Function<String, Optional<String>> env) {
    this.env = Objects.requireNonNull(env, "env cannot be null");
  }

  @Option(names = "--workdir",
      description = "directory for the CRM export, the catalogue and audit.log (default: a fresh temporary directory)")
  Path workdir;

  @Option(names = "--gateway-only", description = "run only part 1, the gateway (fallback, offline model, cache)")
  boolean gatewayOnly;

  @Option(names = "--config",
      description = "gateway configuration (.properties, .yaml or .yml) instead of the embedded defaults")
  Path config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelGateway gateway;
    try {
      gateway = config != null ? ModelGateway.fromConfig(config) : embeddedGateway(out);
    } catch (ModelBridgeException | IllegalArgumentException | IllegalStateException | IOException e) {
      err.println("demo: cannot build the gateway: " + e.getMessage());
      return 2;
    }
    out.println("Part 1: the model gateway (fallback, offline model, cache)");
    out.println("Providers, tried in order: " + String.join(" -> ", gateway.providerNames()));
    CallContext context = CallContext.of("demo-tenant", "demo-user", "demo");
    ChatRequest request = ChatRequest.builder()
        .messages(SystemMessage.from("Open orders from the order system:\n" + ORDERS), UserMessage.from(QUESTION))
        .temperature(0.0)
        .build();
    try {
      for (int step = 1; step <= 2; step++) {
        out.println();
        out.println("Step " + step + ": asking \"" + QUESTION + "\" (temperature 0, so the answer may be cached)");
        GatewayMetrics before = gateway.metrics();
        ModelAnswer answer = gateway.call(context, request);
        GatewayMetrics after = gateway.metrics();
        long fallbacks = after.fallbacks() - before.fallbacks();
        if (fallbacks > 0) {
          out.println("  fallbacks: " + fallbacks + " (retries: " + (after.retries() - before.retries())
              + ", provider failures: " + (after.attempts() - before.attempts() - (answer.cached() || answer.degraded() ? 0 : 1))
              + ", by reason so far: " + after.providerFailuresByReason() + ")");
        }
        out.println("  answered by: " + answer.provider()
            + (answer.cached() ? " (cache hit, no provider called)" : "")
            + (answer.degraded() ? " (degraded responder)" : ""));
        out.println("  provider attempts: " + answer.attempts() + ", latency: " + answer.latency().toMillis() + " ms");
        out.println("  answer:");
        answer.response().aiMessage().text().lines().forEach(line -> out.println("    " + line));
        out.flush();
      }
    } catch (ModelBridgeException e) {
      err.println("demo: the call failed: " + e.getMessage());
      return 2;
    }
    printMetrics(out, gateway.metrics());
    if (gatewayOnly) {
      return 0;
    }
    return business(out, err);
  }

  private int business(PrintWriter out, PrintWriter err) {
    // The embedding model's native loaders log GPU probing and library extraction at INFO/WARN: noise for
    // a human reading the demo. An explicit setting by the user wins.
    if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
    }
    out.println();
    out.println("Part 2: business scenarios over embedded legacy systems");
    Path dir;
    if (workdir != null && Files.exists(workdir) && !Files.isDirectory(workdir)) {
      err.println("demo: --workdir " + workdir + " exists and is not a directory; name a directory");
      return 2;
    }
    try {
      dir = workdir != null ? Files.createDirectories(workdir) : Files.createTempDirectory("modelbridge-demo-");
    } catch (IOException e) {
      err.println("demo: cannot create the working directory "
          + (workdir != null ? workdir : "in " + System.getProperty("java.io.tmpdir")) + ": " + e);
      return 2;
    }
    BusinessDemo.Result result;
    try {
      result = BusinessDemo.run(dir, env, out);
    } catch (RuntimeException e) {
      // every demo step reports as ModelBridgeException; anything else (a driver, the ONNX runtime) is shown
      // by its message, never as a stack trace
      out.flush();
      err.println("demo: failed: " + e.getMessage());
      err.println("demo: the files written so far are in " + dir);
      return 2;
    }
    out.println();
    out.println("Demo finished. Files (CRM export, catalogue, audit.log with its anchors and key audit.pub) are in " + dir);
    out.flush();
    return result.auditIntact() ? 0 : 1;
  }

  private static ModelGateway embeddedGateway(PrintWriter out) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/v1";
    out.println("Embedded defaults: provider 'primary' is an OpenAI-compatible endpoint at " + url
        + " (nothing listens there, on purpose), then the offline model.");
    return ModelGateway.builder()
        .openAiCompatible("primary", url, "demo-key", "demo-model")
        .offline()
        .timeout(Duration.ofSeconds(2))
        .maxRetries(1)
        .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .build();
  }

  private static void printMetrics(PrintWriter out, GatewayMetrics m) {
    out.println();
    out.println("Gateway metrics:");
    out.println("  calls: " + m.calls() + ", cache hits: " + m.cacheHits() + ", cache misses: " + m.cacheMisses());
    out.println("  provider attempts: " + m.attempts() + ", retries: " + m.retries()
        + ", fallbacks: " + m.fallbacks() + ", degraded answers: " + m.degradedAnswers());
    out.println("  provider failures by reason: " + (m.providerFailuresByReason().isEmpty() ? "none" : m.providerFailuresByReason()));
    out.println("  failed calls: " + m.failedCalls() + ", budget refusals: " + m.budgetRefusals()
        + ", hook refusals: " + m.hookRefusals());
    out.println("  latency: mean " + m.latency().meanMicros() + " us, p50 <= " + m.latency().p50Micros()
        + " us, max " + m.latency().maxMicros() + " us");
    out.flush();
  }
}
