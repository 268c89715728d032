package io.modelbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.cli.demo.DemoRun.ToolRun;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.offline.OfflineChatModel;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.ApprovalRequest;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.ToolPolicy;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.ValueType;
import io.modelbridge.mapping.reconcile.Difference;
import io.modelbridge.mapping.reconcile.Reconciler;
import io.modelbridge.mapping.reconcile.ReconciliationReport;
import io.modelbridge.pipeline.ActionResult;
import io.modelbridge.pipeline.AnswerRefusedException;
import io.modelbridge.pipeline.Fetch;
import io.modelbridge.pipeline.Pipeline;
import io.modelbridge.pipeline.PipelineRequest;
import io.modelbridge.pipeline.PipelineResult;
import io.modelbridge.pipeline.Stage;
import io.modelbridge.pipeline.feedback.Feedback;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.security.policy.PolicyRule;
import io.modelbridge.security.policy.ToolAccessPolicy;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 2: a clerk asks about a late order; the assistant reads it in the ERP and the CRM through governed
 * READ tools and finds the mismatch by reconciliation; the question, with the finding as live context, goes
 * through the {@link Pipeline} with the {@code order-desk} domain pack, whose action proposes the corrected
 * due date as an {@code orders.update} that waits for approval. While the model drafts the first answer a
 * concurrent clerk changes the order, so the pipeline's write-back check refuses it ({@code CONFLICT}); asked
 * again on fresh data, the write is previewed, approved and executed. Only a refused answer, or a degraded one
 * (every real provider failed; the pack does not allow degraded writes), falls back to the reconciliation's
 * date.
 */
final class OrderDeskScenario {

  static final String PACK = "order-desk";
  static final String PACK_VERSION = "1.1.0";
  static final String TASK = "correct-delivery-date";
  /** The ERP's order as the pack's canonical order (the pack's rules read order_date and required_date). */
  static final Mapping ORDERS = Mapping.builder("erp-orders", "order").key("order_id")
      .field("order_id", f -> f.from("order_id").type(ValueType.INTEGER).required())
      .field("customer_id", f -> f.from("customer_id"))
      .field("order_date", f -> f.from("order_date").type(ValueType.DATE).required())
      .field("required_date", f -> f.from("required_date").type(ValueType.DATE))
      .field("shipped_date", f -> f.from("shipped_date").type(ValueType.DATE))
      .build();

  private final DemoRun run;
  private final Console console;
  private final AtomicBoolean concurrentChangeDone = new AtomicBoolean();

  OrderDeskScenario(DemoRun run) {
    this.run = run;
    this.console = run.console;
  }

  void play() {
    console.scenario("Scenario 2: Order desk - a late order, two systems, one approved and guarded write-back");
    CallContext clerk = CallContext.of("demo-shop", "clerk-7", "order-desk");
    DemoSystems systems = run.systems;
    long order = systems.lateOrder;

    ToolPolicy policy = ToolAccessPolicy.builder()
        .rule(PolicyRule.builder("clerks-correct-orders").allow().principals("clerk-*").systems("erp")
            .operations("orders.update").effects(Effect.IDEMPOTENT_WRITE).build())
        .auditLog(run.audit)
        .build();
    HookChain hooks = HookChain.of(List.of(run.auditHook));
    GovernedTools erp = GovernedTools.builder().adapter(systems.erp).policy(policy).hooks(hooks)
        .approver(this::approve).build();
    GovernedTools crm = GovernedTools.builder().adapter(systems.crm).policy(policy).hooks(hooks).build();

    console.stage("The clerk asks; the assistant reads the order in the ERP and the CRM (governed READ tools)");
    ToolRun erpOrder = run.tool(erp, clerk, "erp_orders_get", "{\"order_id\":" + order + "}");
    ToolRun erpCustomer = run.tool(erp, clerk, "erp_customers_get", "{\"customer_id\":\"" + systems.orderCustomer + "\"}");
    ToolRun crmOrder = run.tool(crm, clerk, "crm_orders_get", "{\"order_id\":" + order + "}");
    for (ToolRun t : List.of(erpOrder, erpCustomer, crmOrder)) {
      if (!t.executed()) {
        throw new BusinessDemo.DemoException("reading " + t.request().name() + " failed: " + t.outcome().reason());
      }
    }
    String question = "Order " + order + " of customer " + systems.orderCustomer + " arrived late and the contact, "
        + field(crmOrder.outcome().result(), "contact_email") + ", asks about it. What date did we promise, and is"
        + " the ERP right?";
    console.line("clerk-7: " + question);
    String readVersion = version(erpOrder.outcome().result());
    console.line("ERP order " + order + ": required date " + field(erpOrder.outcome().result(), "required_date")
        + ", shipped " + field(erpOrder.outcome().result(), "shipped_date") + ", version " + readVersion);
    console.line("CRM order " + order + ": promised date " + field(crmOrder.outcome().result(), "promised_date"));

    console.stage("Reconciling the customer's orders, ERP against CRM (data-mapping reconcile)");
    ReconciliationReport report = reconcile();
    console.line("ERP " + report.left() + " orders, CRM " + report.right() + " orders: " + report.matched()
        + " match, " + report.mismatched() + " differ, " + (report.missingLeft() + report.missingRight())
        + " missing on one side");
    for (Difference d : report.sample()) {
      if (d instanceof Difference.FieldMismatch m) {
        console.line("MISMATCH order " + m.key() + " " + m.path() + ": ERP " + m.left() + ", CRM " + m.right());
      } else {
        console.line("difference: " + d);
      }
    }

    console.stage("The clerk's question through the pipeline (domain pack " + PACK + " " + PACK_VERSION + ")");
    String finding = "Reconciliation ERP against CRM for order " + order + ": ERP required date "
        + systems.erpRequiredDate + "; CRM promised date " + systems.crmPromisedDate
        + ". The CRM holds the date agreed with the customer.";
    console.line("live context (the reconciliation's finding): " + finding);
    Pipeline pipeline = Pipeline.builder(DomainPack.loadResource(PACK, PACK_VERSION), new ConcurrentClerk(order))
        .audit(run.audit)
        .liveContext((ctx, customer) -> finding)
        .tools(erp)
        .build();
    PipelineRequest request = PipelineRequest.builder(TASK, question)
        .fetch(new Fetch("orders", systems.erp, OperationRequest.of("orders.get", Map.of("order_id", order)), ORDERS))
        .subject(systems.orderCustomer)
        .build();
    PipelineResult first;
    try {
      first = pipeline.ask(clerk, request);
    } catch (AnswerRefusedException e) {
      run.printPipelineCall();
      e.trace().ifPresent(run::printTrace);
      console.line("REFUSED after one retry (" + e.reason() + "): " + e.violations().stream()
          .map(v -> v.rule() + (v.path().isEmpty() ? "" : " at " + v.path())).distinct().limit(3)
          .reduce((a, b) -> a + "; " + b).orElse("no details"));
      fallBackToTheReconciliation(erp, clerk, order);
      return;
    }
    run.printPipelineCall();
    run.printTrace(first.trace());
    console.line("valid proposal from the " + (run.capture.lastProvider().startsWith(OfflineChatModel.NAME)
        ? "offline model (the date nearest 'promised'/'CRM' in the request)" : "model") + ": order "
        + first.answer().path("orderId").asText() + " due " + first.answer().path("proposedDate").asText()
        + " (" + Console.cut(first.answer().path("reason").asText(""), 120) + ")");
    ActionResult conflict = first.action().orElseThrow(
        () -> new BusinessDemo.DemoException("the order-desk pack proposed no write-back"));
    if (degradedAndNotWritten(conflict, erp, clerk, order)) {
      return;
    }
    if (conflict.status() != ActionResult.Status.CONFLICT) {
      throw new BusinessDemo.DemoException("the first write-back was not refused although the order changed: "
          + conflict.status());
    }
    Map<String, String> act = first.trace().stage(Stage.ACT).map(r -> r.details()).orElse(Map.of());
    console.line("REFUSED: " + conflict.tool() + " CONFLICT, based on version " + act.getOrDefault("basedOnVersion", "?")
        + ", current version " + act.getOrDefault("currentVersion", "?") + ": the order changed since it was read;"
        + " nothing was written (no approval asked)");

    console.stage("Asking again on fresh data: approval with dry-run preview, then the write-back");
    PipelineResult second = pipeline.ask(clerk, request);
    console.line("answered by: " + run.capture.lastProvider() + " (the same prompt on the fresh version)");
    run.printTrace(second.trace());
    ActionResult written = second.action().orElseThrow(
        () -> new BusinessDemo.DemoException("the order-desk pack proposed no write-back"));
    if (degradedAndNotWritten(written, erp, clerk, order)) {
      return;
    }
    if (written.status() != ActionResult.Status.EXECUTED) {
      throw new BusinessDemo.DemoException("the write-back on the fresh version failed: " + written.status() + " "
          + written.detail());
    }
    console.line(written.tool() + " EXECUTED on the fresh version " + second.trace().stage(Stage.ACT)
        .map(r -> r.details().getOrDefault("basedOnVersion", "?")).orElse("?"));
    run.feedback.record(new Feedback(second.packId(), second.packVersion(), TASK, second.correlationId(),
        Feedback.Outcome.ACCEPTED, Instant.now()));
    console.line("feedback recorded: the clerk ACCEPTED the corrected date after approval (pack " + second.packId()
        + " " + second.packVersion() + ")");
    ToolRun check = run.tool(erp, clerk, "erp_orders_get", "{\"order_id\":" + order + "}");
    console.line("WRITTEN: order " + order + " required date " + field(check.outcome().result(), "required_date")
        + ", version " + version(check.outcome().result()));
  }

  /**
   * A degraded answer (the real provider failed, the offline model stood in) never drives the write: the
   * pipeline did not run it, so the proposal comes from the reconciliation.
   */
  private boolean degradedAndNotWritten(ActionResult action, GovernedTools erp, CallContext clerk, long order) {
    if (action.status() != ActionResult.Status.REFUSED_DEGRADED) {
      return false;
    }
    console.line("NOT RUN: " + action.tool() + " - the answer is degraded (every real provider failed and the offline"
        + " model answered) and the pack does not allow degraded writes; nothing was written");
    fallBackToTheReconciliation(erp, clerk, order);
    return true;
  }

  /** Only when the model's answer is refused: the reconciliation's CRM date, written on the current version. */
  private void fallBackToTheReconciliation(GovernedTools erp, CallContext clerk, long order) {
    LocalDate crmDate = run.systems.crmPromisedDate;
    console.line("the model's answer was refused: the proposal comes from the reconciliation, the CRM's " + crmDate);
    ToolRun read = run.tool(erp, clerk, "erp_orders_get", "{\"order_id\":" + order + "}");
    ToolRun write = run.tool(erp, clerk, "erp_orders_update", "{\"order_id\":" + order + ",\"required_date\":\""
        + crmDate + "\",\"expectedVersion\":\"" + version(read.outcome().result()) + "\"}");
    if (!write.executed()) {
      throw new BusinessDemo.DemoException("the write-back of the reconciliation's date failed: "
          + write.outcome().reason());
    }
    console.line("WRITTEN: order " + order + " required date " + field(write.outcome().result(), "required_date")
        + ", version " + version(write.outcome().result()));
  }

  /**
   * The model as the pipeline sees it, with what a second clerk does while it drafts the first answer: the
   * order is changed in the ERP, which moves its version on, so the pipeline's write-back check finds a
   * conflict.
   */
  private final class ConcurrentClerk implements ChatModel {
    private final long order;

    ConcurrentClerk(long order) {
      this.order = order;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      ChatResponse response = run.pipelineGateway.chat(request);
      if (concurrentChangeDone.compareAndSet(false, true)) {
        try {
          run.systems.concurrentClerkChangesOrder(order);
        } catch (SQLException e) {
          throw new BusinessDemo.DemoException("the concurrent change could not be made: " + e.getMessage(), e);
        }
        console.line("meanwhile clerk-12 changes order " + order + " in the ERP (shipper), its version moves on");
      }
      return response;
    }
  }

  /** The approval callback: the demo shows the preview and approves as the supervising clerk would. */
  private ApprovalDecision approve(ApprovalRequest request) {
    console.line("approval requested: " + request.tool().toolName() + " by " + request.context().principal()
        + ", expected version " + request.expectedVersion().orElse("none"));
    console.line("dry-run preview (nothing written yet): required date " + field(request.preview(), "required_date")
        + ", version " + field(request.preview(), "version"));
    console.line("APPROVED by supervisor-1 (the demo approves automatically)");
    return ApprovalDecision.approve("supervisor-1", "due date backed by the CRM agreement");
  }

  private ReconciliationReport reconcile() {
    Mapping erpOrders = Mapping.builder("erp-orders", "order").key("orderId")
        .field("orderId", f -> f.from("order_id").type(ValueType.INTEGER).required())
        .field("customerId", f -> f.from("customer_id"))
        .field("dueDate", f -> f.from("required_date").type(ValueType.DATE))
        .build();
    Mapping crmOrders = Mapping.builder("crm-orders", "order").key("orderId")
        .field("orderId", f -> f.from("order_id").type(ValueType.INTEGER).required())
        .field("customerId", f -> f.from("customer_id"))
        .field("dueDate", f -> f.from("promised_date").type(ValueType.DATE))
        .build();
    Reconciler reconciler = Reconciler.builder().compareOnly("customerId", "dueDate")
        .tempDir(run.systems.crmFile.getParent()).build();
    List<String> erpRejects = new ArrayList<>();
    List<String> crmRejects = new ArrayList<>();
    try (RecordStream left = run.systems.erp.execute(OperationRequest.of("orders.query",
            Map.of("customer_id", run.systems.orderCustomer)));
        RecordStream right = run.systems.crm.execute(OperationRequest.of("orders.query", Map.of()))) {
      ReconciliationReport report = reconciler.reconcile(
          erpOrders.deliveredFrom(left, r -> erpRejects.add(r.toString())),
          crmOrders.deliveredFrom(right, r -> crmRejects.add(r.toString())),
          d -> { });
      if (!erpRejects.isEmpty() || !crmRejects.isEmpty()) {
        console.line("rejected while mapping: ERP " + erpRejects.size() + ", CRM " + crmRejects.size());
      }
      return report;
    }
  }

  private static JsonNode firstRecord(String toolResult) {
    try {
      return DataJson.tree(toolResult).path("records").path(0);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BusinessDemo.DemoException("a tool result is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String version(String toolResult) {
    return firstRecord(toolResult).path("version").asText("?");
  }

  static String field(String toolResultOrPreview, String name) {
    JsonNode record = firstRecord(toolResultOrPreview);
    JsonNode value = record.path("fields").path(name);
    return value.isMissingNode() || value.isNull() ? "-" : value.asText();
  }
}
