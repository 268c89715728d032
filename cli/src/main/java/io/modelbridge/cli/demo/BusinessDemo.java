package io.modelbridge.cli.demo;

import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.pipeline.feedback.FeedbackStore;
import io.modelbridge.security.audit.AuditHook;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditVerifier;
import io.modelbridge.security.audit.VerificationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The business part of {@code modelbridge demo}: two scenarios over embedded legacy systems, printed stage
 * by stage, then the verification of the audit log the run wrote.
 *
 * <ol>
 *   <li><b>Retail</b>: a shopper's events (page views, add to cart, purchase) build her live context; her
 *       question for matching accessories is answered from in-stock products only, ranked by a real
 *       in-process embedding model; the question goes through the pipeline with the {@code retail} domain pack,
 *       whose rules refuse an out-of-stock or unknown product (one retry); the prompt leaves the JVM
 *       pseudonymized.
 *   <li><b>Order desk</b>: a late order is read from the ERP (Northwind in H2) and the CRM (a CSV export) and
 *       reconciled; the question, with the finding, goes through the pipeline with the {@code order-desk} pack,
 *       whose action proposes the corrected due date as a write that waits for approval; the first write-back
 *       is refused as a conflict because a concurrent clerk changed the order, the second, on fresh data,
 *       is approved and executed.
 * </ol>
 *
 * <p>What the users did with each pipeline answer is recorded in {@code feedback.jsonl} against the pack
 * version, and the acceptance report per pack version is printed before the audit verification.
 *
 * <p>Model: the offline model, or a real endpoint first when the environment names one (see
 * {@link #run(Path, Function, PrintWriter)}). Nothing leaves the machine but calls to that endpoint.
 */
public final class BusinessDemo {

  private BusinessDemo() {}

  /**
   * What a run showed.
   *
   * @param auditIntact whether {@link AuditVerifier} found the run's audit log intact
   * @param auditEntries how many entries the log holds
   * @param promptsSent every request exactly as it left the JVM (after pseudonymization), in order
   * @param providers the provider that answered each model call, in order
   */
  public record Result(boolean auditIntact, long auditEntries, List<String> promptsSent, List<String> providers) {
    /** Copies the lists. */
    public Result {
      promptsSent = List.copyOf(promptsSent);
      providers = List.copyOf(providers);
    }
  }

  /**
   * Runs both scenarios and verifies the audit log.
   *
   * @param workdir an existing, writable directory for the CRM export, the catalogue and {@code audit.log}
   * @param env the environment to read {@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY},
   *     {@code OPENAI_MODEL}, {@code OLLAMA_BASE_URL}, {@code OLLAMA_MODEL} from (for example
   *     {@code name -> Optional.ofNullable(System.getenv(name))})
   * @param out where the stages are printed
   * @return what the run showed
   * @throws ModelBridgeException if a step failed: the message says which step and why
   */
  public static Result run(Path workdir, Function<String, Optional<String>> env, PrintWriter out) {
    Console console = new Console(out);
    Path feedbackFile = workdir.resolve("feedback.jsonl");
    List<String> prompts = new ArrayList<>();
    List<String> providers = new ArrayList<>();
    DemoAudit demoAudit;
    try {
      Files.deleteIfExists(feedbackFile);
      demoAudit = DemoAudit.open(workdir, Clock.systemUTC());
    } catch (IOException e) {
      throw new DemoException("cannot reset the audit log or the feedback file in " + workdir + ": " + e.getMessage(), e);
    }
    Path auditFile = demoAudit.logFile();
    FeedbackStore feedback = FeedbackStore.file(feedbackFile);
    console.scenario("Setting up the embedded legacy systems");
    try (DemoSystems systems = DemoSystems.start(workdir); DemoAudit closing = demoAudit) {
      AuditLog audit = closing.log();
      console.line("ERP: Northwind (shared sample data) in in-memory H2, JDBC adapter 'erp' (orders, customers)");
      console.line("CRM: CSV export " + systems.crmFile + ", file adapter 'crm'");
      console.line("Shop: catalogue " + systems.catalogueFile + ", file adapter 'shop'");
      console.line("Audit log: " + auditFile + " (hash-chained, Ed25519-signed checkpoints every "
          + DemoAudit.CHECKPOINT_EVERY + " entries and every " + DemoAudit.CHECKPOINT_INTERVAL.toSeconds()
          + " s, anchored in " + auditFile.getFileName() + ".anchors; verification key " + closing.keyFile() + ")");
      console.line("Model: " + DemoModel.realProvider(env).map(p -> p + ", then the offline model as last resort")
          .orElse("the offline model (set OPENAI_BASE_URL or OLLAMA_BASE_URL to use a real one)"));
      PromptCapture capture = new PromptCapture();
      AuditHook auditHook = AuditHook.builder(audit).build();
      // The pipeline pseudonymizes and audits its own stages: its gateway only captures what leaves, to print it.
      ModelGateway pipelineGateway = DemoModel.gateway(env, capture);
      DemoRun run = new DemoRun(console, systems, pipelineGateway, capture, audit, auditHook, feedback,
          prompts, providers);
      new RetailScenario(run).play();
      new OrderDeskScenario(run).play();
    } catch (SQLException e) {
      throw new DemoException("the embedded ERP database failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DemoException("cannot write the demo files in " + workdir + ": " + e.getMessage(), e);
    }
    console.scenario("Feedback: what the users did with the answers, acceptance per pack version");
    console.line("file: " + feedbackFile + " (one JSON line per answer)");
    feedback.report().describe().lines().forEach(console::line);
    console.scenario("Audit verification");
    VerificationReport report = AuditVerifier.verify(auditFile, demoAudit.verificationKey());
    console.line("file: " + auditFile + ", entries: " + report.lines()
        + ", last signed checkpoint at seq " + report.lastCheckpointSeq() + ", anchors checked: "
        + report.anchorsChecked());
    console.line(report.intact()
        ? "result: INTACT (" + report.proves() + ")"
        : "result: NOT INTACT: " + report.finding().map(Object::toString).orElse("unknown finding"));
    console.line("check it yourself: " + demoAudit.verifyCommand());
    return new Result(report.intact(), report.lines(), prompts, providers);
  }

  /** A demo step failed; the message names the step. */
  static final class DemoException extends ModelBridgeException {
    private static final long serialVersionUID = 1L;

    DemoException(String message, Throwable cause) {
      super(message, cause, false);
    }

    DemoException(String message) {
      super(message, false);
    }
  }
}
