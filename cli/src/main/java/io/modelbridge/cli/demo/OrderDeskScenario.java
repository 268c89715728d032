package io.modelbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.cli.demo.DemoRun.ToolRun;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.offline.OfflineChatModel;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.ApprovalRequest;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.ToolPolicy;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.ValueType;
import io.modelbridge.mapping.reconcile.Difference;
import io.modelbridge.mapping.reconcile.Reconciler;
import io.modelbridge.mapping.reconcile.ReconciliationReport;
import io.modelbridge.security.policy.PolicyRule;
import io.modelbridge.security.policy.ToolAccessPolicy;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 2: a clerk asks about a late order; the assistant reads it in the ERP and the CRM, finds the
 * mismatch by reconciliation, proposes a corrected due date as a write that waits for approval; the
 * write-back is refused once because a concurrent clerk changed the order, then succeeds on the fresh
 * version.
 */
final class OrderDeskScenario {

  private static final ObjectMapper JSON = new ObjectMapper();

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
    String question = "Order " + order + " of customer " + systems.orderCustomer
        + " arrived late. What date did we promise, and is the ERP right?";
    console.line("clerk-7: " + question);
    ToolRun erpOrder = run.tool(erp, clerk, "erp_orders_get", "{\"order_id\":" + order + "}");
    ToolRun erpCustomer = run.tool(erp, clerk, "erp_customers_get", "{\"customer_id\":\"" + systems.orderCustomer + "\"}");
    ToolRun crmOrder = run.tool(crm, clerk, "crm_orders_get", "{\"order_id\":" + order + "}");
    for (ToolRun t : List.of(erpOrder, erpCustomer, crmOrder)) {
      if (!t.executed()) {
        throw new BusinessDemo.DemoException("reading " + t.request().name() + " failed: " + t.outcome().reason());
      }
    }
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

    console.stage("Asking the model for a correction (pseudonymized, audited)");
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from("You are the order desk assistant. The reconciliation found: ERP required "
        + "date " + systems.erpRequiredDate + ", CRM promised date " + systems.crmPromisedDate + " for order "
        + order + ". The CRM holds what was agreed with the customer. Answer with JSON only: "
        + "{\"order\": <order id>, \"correctedDueDate\": \"YYYY-MM-DD\", \"reason\": \"<one sentence>\"}."));
    messages.add(UserMessage.from(question));
    messages.add(AiMessage.from(List.of(erpOrder.request(), erpCustomer.request(), crmOrder.request())));
    for (ToolRun t : List.of(erpOrder, erpCustomer, crmOrder)) {
      messages.add(ToolExecutionResultMessage.from(t.request(), t.outcome().result()));
    }
    ModelAnswer answer = run.ask(clerk, ChatRequest.builder().messages(messages).responseFormat(PROPOSAL).build());
    LocalDate corrected = proposal(answer, order);

    console.stage("Proposing the write-back: WRITE that waits for approval (dry-run preview first)");
    String update = "{\"order_id\":" + order + ",\"required_date\":\"" + corrected + "\",\"expectedVersion\":\""
        + readVersion + "\"}";
    ToolRun first = run.tool(erp, clerk, "erp_orders_update", update);
    if (first.executed()) {
      throw new BusinessDemo.DemoException("the first write-back was not refused although the order changed");
    }
    console.line("REFUSED: the order changed since it was read (conflict on write-back); nothing was written");

    console.stage("Re-reading the order and retrying on the fresh version");
    ToolRun reread = run.tool(erp, clerk, "erp_orders_get", "{\"order_id\":" + order + "}");
    String freshVersion = version(reread.outcome().result());
    String stillRequired = field(reread.outcome().result(), "required_date");
    console.line("fresh version " + freshVersion + "; required date still " + stillRequired
        + (stillRequired.equals(corrected.toString()) ? " (already corrected: nothing to do)" : ", the correction still applies"));
    ToolRun second = run.tool(erp, clerk, "erp_orders_update", "{\"order_id\":" + order + ",\"required_date\":\""
        + corrected + "\",\"expectedVersion\":\"" + freshVersion + "\"}");
    if (!second.executed()) {
      throw new BusinessDemo.DemoException("the write-back on the fresh version failed: " + second.outcome().reason());
    }
    console.line("WRITTEN: order " + order + " required date " + field(second.outcome().result(), "required_date")
        + ", version " + version(second.outcome().result()));
  }

  /** The approval callback: the demo shows the preview and approves as the supervising clerk would. */
  private ApprovalDecision approve(ApprovalRequest request) {
    console.line("approval requested: " + request.tool().toolName() + " by " + request.context().principal()
        + ", expected version " + request.expectedVersion().orElse("none"));
    console.line("dry-run preview (nothing written yet): required date " + field(request.preview(), "required_date")
        + ", version " + field(request.preview(), "version"));
    if (concurrentChangeDone.compareAndSet(false, true)) {
      try {
        long order = ((Number) request.arguments().get("order_id")).longValue();
        run.systems.concurrentClerkChangesOrder(order);
        console.line("meanwhile clerk-12 changes order " + order + " in the ERP (shipper), its version moves on");
      } catch (SQLException e) {
        throw new BusinessDemo.DemoException("the concurrent change could not be made: " + e.getMessage(), e);
      }
    }
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

  /** The shape of the model's proposal, sent as the request's JSON response format. */
  static final ResponseFormat PROPOSAL = ResponseFormat.builder().type(ResponseFormatType.JSON)
      .jsonSchema(JsonSchema.builder().name("delivery_date_correction").rootElement(JsonObjectSchema.builder()
          .addIntegerProperty("order")
          .addStringProperty("correctedDueDate", "YYYY-MM-DD")
          .addStringProperty("reason", "one sentence")
          .required("order", "correctedDueDate", "reason").additionalProperties(false).build()).build())
      .build();

  /** The corrected date the model proposed, validated; the reconciliation's CRM date otherwise. */
  private LocalDate proposal(ModelAnswer answer, long order) {
    LocalDate crmDate = run.systems.crmPromisedDate;
    Optional<JsonNode> json = RetailScenario.jsonIn(answer.response().aiMessage().text());
    if (json.isEmpty()) {
      console.line("answer is not the structured JSON asked for; the proposal comes from the reconciliation");
      console.line("proposal: set the ERP required date of order " + order + " to the CRM's " + crmDate);
      return crmDate;
    }
    try {
      LocalDate date = LocalDate.parse(json.get().path("correctedDueDate").asText());
      if (json.get().path("order").asLong() != order) {
        console.line("REFUSED model proposal: it names another order; using the reconciliation's date");
        return crmDate;
      }
      if (!date.equals(crmDate) && !date.equals(run.systems.erpRequiredDate)) {
        console.line("REFUSED model proposal " + date + ": neither system holds that date; using " + crmDate);
        return crmDate;
      }
      console.line("valid proposal from the " + (answer.provider().equals(OfflineChatModel.NAME)
          ? "offline model (the date nearest 'promised'/'CRM' in the request)" : "model") + ": order " + order
          + " due " + date + " (" + Console.cut(json.get().path("reason").asText(""), 120) + ")");
      return date;
    } catch (DateTimeParseException e) {
      console.line("REFUSED model proposal: correctedDueDate is not a date; using the reconciliation's date");
      return crmDate;
    }
  }

  private static JsonNode firstRecord(String toolResult) {
    try {
      return JSON.readTree(toolResult).path("records").path(0);
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
