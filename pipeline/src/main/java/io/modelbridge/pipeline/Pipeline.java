package io.modelbridge.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.offline.OfflineChatModel;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.BatchResult;
import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.mapping.Rejection;
import io.modelbridge.mapping.SourceRecord;
import io.modelbridge.mapping.Violation;
import io.modelbridge.mapping.freshness.MaxAge;
import io.modelbridge.mapping.freshness.WriteBackGuard;
import io.modelbridge.mapping.freshness.WriteConflictException;
import io.modelbridge.pipeline.internal.PromptBudget;
import io.modelbridge.pipeline.internal.ResponseSchemas;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.pipeline.pack.PackTask;
import io.modelbridge.security.audit.AuditEvent;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.pii.PiiProtector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ModelBridge pipeline: the one call path from business systems to a validated, governed and audited
 * answer. {@link #ask(CallContext, PipelineRequest)} reads top to bottom: fetch through adapters, map to
 * canonical entities, check freshness, add live context, pseudonymize, build the prompt from the domain
 * pack, call the model, validate the structured answer (retry once with the violations fed back, then
 * refuse), restore personal data, run the pack's action through governed tools (approval, conflict check),
 * and audit every stage.
 *
 * <p>The prompt never exceeds the model's context window ({@link Builder#contextWindow(int)}) less the
 * answer's share: records go in, in the pack task's selection order, while they fit; the rest are counted
 * and named in the trace; a prompt whose fixed parts do not fit is refused before the model is called. A
 * degraded answer (every provider of a {@code ModelGateway} failed and its degraded responder answered)
 * never drives the pack's action unless the task says {@code allowDegradedWrites: true}, and then only with
 * a person's approval of a request marked degraded.
 *
 * <p>Secure by default: pseudonymization and audit are on unless the builder turns them off by name
 * ({@link Builder#withoutPseudonymization()}, {@link Builder#withoutAudit()}). Immutable and thread-safe
 * (as thread-safe as the model, adapters and live context given to it).
 */
public final class Pipeline {

  /**
   * The context window assumed when the builder is given none: {@value} tokens, the smallest window of the
   * chat models in common use. Set the model's own with {@link Builder#contextWindow(int)}.
   */
  public static final int DEFAULT_CONTEXT_WINDOW = 8_192;
  /** Tokens kept free for the answer unless the pack's task or the builder says otherwise: {@value}. */
  public static final int DEFAULT_ANSWER_TOKENS = 1_024;
  /** How many left-out record names an audit entry lists (the trace lists them all). */
  private static final int AUDIT_NAMES = 20;

  private static final ObjectMapper JSON = DataJson.mapper();
  private static final Pattern ARG = Pattern.compile("\\{\\{\\s*(answer|record)\\.([A-Za-z0-9_]+)\\s*}}");
  private static final long AUDIT_WAIT_SECONDS = 10;
  /** A token issued by PiiProtector: {@code <EMAIL_1>}, {@code <EMAIL>}, {@code <PHONE#hex>}, {@code <IBAN!b64>}. */
  private static final Pattern TOKEN = Pattern.compile("<([A-Z][A-Z_]*?)(?:_\\d+|#[0-9a-fA-F]+|![A-Za-z0-9_=-]+)?>");

  private final DomainPack pack;
  private final ChatModel model;
  private final Optional<PiiProtector> protector;
  private final Optional<AuditLog> audit;
  /** The response format of each task, converted once from the pack's schema (the pack never changes). */
  private final Map<String, ResponseFormat> responseFormats = new java.util.concurrent.ConcurrentHashMap<>();
  private final LiveContext liveContext;
  private final Optional<MaxAge> maxAge;
  private final Map<String, GovernedTools> tools;
  private final int contextWindow;
  private final int answerTokens;
  private final TokenCountEstimator estimator;

  private Pipeline(Builder b) {
    this.pack = b.pack;
    this.model = b.model;
    this.protector = b.pseudonymize ? Optional.of(b.protector) : Optional.empty();
    this.audit = Optional.ofNullable(b.audit);
    this.liveContext = b.liveContext;
    this.maxAge = Optional.ofNullable(b.maxAge);
    this.tools = Map.copyOf(b.tools);
    this.contextWindow = b.contextWindow;
    this.answerTokens = b.answerTokens;
    this.estimator = b.estimator;
  }

  /**
   * A builder with the secure defaults: pseudonymization with {@link PiiProtector#defaults()}, and audit,
   * for which {@link Builder#audit(AuditLog)} must be given (or turned off with {@link Builder#withoutAudit()}).
   */
  public static Builder builder(DomainPack pack, ChatModel model) {
    return new Builder(pack, model);
  }

  /** The domain pack this pipeline answers with. */
  public DomainPack pack() {
    return pack;
  }

  /**
   * Runs one request through every stage.
   *
   * @return the validated answer with the pack version, the action's outcome and the trace
   * @throws PipelineException naming the stage, when a stage fails (adapter down, stale data, unknown task,
   *     a prompt whose fixed parts exceed the token budget, model failure, audit failure)
   * @throws AnswerRefusedException when the answer still breaks the pack's schema or rules after one retry
   */
  public PipelineResult ask(CallContext ctx, PipelineRequest request) {
    Objects.requireNonNull(ctx, "ctx cannot be null");
    Objects.requireNonNull(request, "request cannot be null");
    Trace trace = new Trace(ctx);
    try {
      PackTask task = pack.task(request.task()).orElseThrow(() -> trace.fail(Stage.PROMPT,
          "domain pack " + pack.id() + " " + pack.version() + " has no task '" + request.task() + "'",
          "Use one of " + pack.taskNames(), null));

      // 1-2. Fetch through the adapters and map to canonical entities; every record delivered or rejected.
      Map<String, List<CanonicalEntity>> data = new LinkedHashMap<>();
      Map<String, List<String>> keyFields = new HashMap<>();
      Set<String> personalFields = new HashSet<>();
      List<CanonicalEntity> all = new ArrayList<>();
      for (Fetch f : request.fetches()) {
        List<AdapterRecord> records;
        try (RecordStream stream = f.adapter().execute(f.operation())) {
          records = stream.toList();
        } catch (AdapterException e) {
          throw trace.fail(Stage.FETCH, "system '" + f.adapter().descriptor().systemId() + "' operation '"
              + f.operation().operation() + "' failed (" + e.getClass().getSimpleName() + ")",
              e.isRetryable() ? "The system is unavailable; retry later"
                  : "Check the operation name and its arguments against the adapter's descriptor", e);
        }
        trace.add(Stage.FETCH, records.size() + " records from " + f.adapter().descriptor().systemId() + "/"
            + f.operation().operation(), ordered("alias", f.alias(), "records", String.valueOf(records.size())));
        List<SourceRecord> sources = new ArrayList<>(records.size());
        for (AdapterRecord r : records) {
          sources.add(SourceRecord.of(r));
        }
        BatchResult mapped = f.mapping().mapAll(sources);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alias", f.alias());
        details.put("in", String.valueOf(mapped.counts().in()));
        details.put("delivered", String.valueOf(mapped.counts().delivered()));
        details.put("rejected", String.valueOf(mapped.counts().rejected()));
        int shown = 0;
        for (Rejection r : mapped.rejected()) {
          if (shown++ < 5) {
            details.put("rejected[" + r.sourceKey() + "]", reasons(r.violations()));
          }
        }
        trace.add(Stage.MAP, mapped.counts().in() + " in = " + mapped.counts().delivered() + " delivered + "
            + mapped.counts().rejected() + " rejected (" + f.mapping().name() + ")", details);
        data.put(f.alias(), mapped.delivered());
        keyFields.put(f.alias(), f.mapping().spec().key());
        all.addAll(mapped.delivered());
        personalFields.addAll(f.mapping().personalFields());
      }

      // 3. Freshness: refuse to answer from data older than the maximum age.
      if (maxAge.isPresent()) {
        Optional<CanonicalEntity> stale = maxAge.get().oldestStale(all);
        if (stale.isPresent()) {
          throw trace.fail(Stage.CHECK_DATA, "data of " + stale.get().entity() + " is older than the maximum age "
              + maxAge.get().maxAge(), "Fetch again, or raise the maximum age if older data is acceptable", null);
        }
        trace.add(Stage.CHECK_DATA, all.size() + " entities within max age " + maxAge.get().maxAge(), Map.of());
      } else {
        trace.add(Stage.CHECK_DATA, "no max age configured; " + all.size() + " entities", Map.of());
      }

      // 4. Live context about the subject.
      String live = request.subject().map(s -> liveContext.contextFor(ctx, s)).orElse("");
      trace.add(Stage.LIVE_CONTEXT, request.subject().isPresent() ? live.length() + " chars of live context"
          : "no subject", Map.of());

      // 5. Pseudonymize: personal fields of the records, and what the scanner finds in free text. The data
      // sets are put in the pack's selection order first, so that the budget below keeps the records the
      // pack wants most.
      Map<String, List<CanonicalEntity>> ordered = new LinkedHashMap<>();
      data.forEach((alias, entities) -> ordered.put(alias, PromptBudget.order(entities, task.context())));
      String dataJson = toJson(ordered);
      String question = request.question();
      if (protector.isPresent()) {
        PiiProtector p = protector.get();
        // protectJson replaces the fields marked personal and scans every other string value; scanning the
        // JSON text again would escape the tokens it just issued (<\PERSONAL_1>) and break the JSON.
        dataJson = p.protectJson(dataJson, jsonPaths(data.keySet(), personalFields), ctx);
        question = p.protect(question, ctx);
        live = p.protect(live, ctx);
      }

      // 6. Prompt from the pack's template, within the token budget: the context window less the answer's
      // share (and the pack's own limit). Records go in in the pack's order while they fit; the rest are
      // left out by name, never cut; a prompt whose fixed parts do not fit is refused before the call.
      int answerShare = task.context().answerTokens().orElse(answerTokens);
      int budget = contextWindow - answerShare;
      if (budget < 1) {
        throw trace.fail(Stage.PROMPT, "task " + task.name() + " keeps " + answerShare + " tokens for the answer,"
            + " which leaves nothing of the context window of " + contextWindow + " tokens for the prompt",
            "Give the model's real window with Pipeline.builder(..).contextWindow(..), or lower answerTokens", null);
      }
      if (task.context().maxTokens().isPresent()) {
        budget = Math.min(budget, task.context().maxTokens().getAsInt());
      }
      Map<String, String> values = new HashMap<>();
      values.put("question", question);
      values.put("context", live.isEmpty() ? "(none)" : live);
      values.put("glossary", glossary());
      values.put("schema", task.schemaJson().strip());
      values.put("task", task.name());
      values.put("pack.id", pack.id());
      values.put("pack.version", pack.version());
      pack.params().forEach((k, v) -> values.put("params." + k, String.valueOf(v)));
      SystemMessage system = SystemMessage.from("You answer for the " + pack.id() + " domain pack " + pack.version()
          + ". Reply with one JSON object only, conforming to the JSON Schema in the request.");
      List<PromptBudget.DataSet> sets = dataSets(dataJson, ordered, keyFields, personalFields);
      Optional<PromptBudget.Selection> fitted = PromptBudget.select(sets, json -> {
        Map<String, String> v = new HashMap<>(values);
        v.put("data", json);
        return estimator.estimateTokenCountInMessages(List.of(system, UserMessage.from(task.template().render(v))));
      }, estimator::estimateTokenCountInText, budget);
      int fetched = all.size();
      if (fitted.isEmpty()) {
        Map<String, String> v = new HashMap<>(values);
        v.put("data", PromptBudget.dataJson(sets, Map.of()));
        int fixed = estimator.estimateTokenCountInMessages(List.of(system, UserMessage.from(task.template().render(v))));
        throw trace.fail(Stage.PROMPT, "the prompt of task " + task.name() + " without any record (template,"
            + " question, live context, glossary, schema) needs about " + fixed + " tokens, over its budget of "
            + budget + " (" + budgetText(task, answerShare) + "); the model was not called and nothing was cut",
            "Shorten the question or the live context, give the model's real window with"
                + " Pipeline.builder(..).contextWindow(..), or raise tasks." + task.name() + ".context.maxTokens", null);
      }
      PromptBudget.Selection selection = fitted.get();
      dataJson = selection.dataJson();
      if (protector.isPresent()) {
        // Counted from the tokens in what is sent (fields marked personal and what the scanner found).
        Map<String, Integer> kinds = new TreeMap<>();
        countTokens(dataJson, kinds);
        countTokens(question, kinds);
        countTokens(live, kinds);
        Map<String, String> details = new LinkedHashMap<>();
        kinds.forEach((k, v) -> details.put(k, String.valueOf(v)));
        trace.add(Stage.PSEUDONYMIZE, kinds.values().stream().mapToInt(Integer::intValue).sum()
            + " personal values replaced by tokens (conversation " + ctx.conversationId() + ")", details);
      } else {
        trace.add(Stage.PSEUDONYMIZE, "OFF (withoutPseudonymization): personal data is sent in clear", Map.of());
      }
      values.put("data", dataJson);
      String prompt = task.template().render(values);
      Map<String, String> pd = new LinkedHashMap<>();
      pd.put("pack", pack.id() + " " + pack.version());
      pd.put("estimatedTokens", String.valueOf(selection.estimatedTokens()));
      pd.put("budgetTokens", String.valueOf(budget));
      pd.put("contextWindow", String.valueOf(contextWindow));
      pd.put("answerTokens", String.valueOf(answerShare));
      pd.put("estimator", estimator.getClass().getSimpleName());
      pd.put("selection", task.context().selection().name().toLowerCase().replace('_', '-')
          + task.context().by().map(f -> " by " + f).orElse(""));
      pd.put("fetched", String.valueOf(fetched));
      pd.put("included", String.valueOf(selection.includedCount()));
      pd.put("leftOut", String.valueOf(selection.leftOutCount()));
      Map<String, String> auditPd = new LinkedHashMap<>(pd);
      selection.leftOut().forEach((alias, names) -> {
        if (!names.isEmpty()) {
          pd.put("leftOut[" + alias + "]", String.join(", ", names));
          auditPd.put("leftOut[" + alias + "]", String.join(", ", names.subList(0, Math.min(AUDIT_NAMES, names.size())))
              + (names.size() > AUDIT_NAMES ? ", ... (" + (names.size() - AUDIT_NAMES) + " more, named in the trace)" : ""));
        }
      });
      trace.add(Stage.PROMPT, prompt.length() + " chars, about " + selection.estimatedTokens() + " of " + budget
          + " tokens, from template of task " + task.name() + "; " + fetched + " records fetched = "
          + selection.includedCount() + " in the prompt + " + selection.leftOutCount() + " left out"
          + (selection.leftOutCount() > 0 ? " (over the token budget, named in leftOut[..])" : ""), pd, auditPd);

      // 7-8. Call the model; validate; on violations retry once with them fed back; then refuse.
      List<ChatMessage> messages = new ArrayList<>();
      messages.add(system);
      messages.add(UserMessage.from(prompt));
      ResponseFormat format = responseFormats.computeIfAbsent(task.name(),
          name -> ResponseSchemas.jsonFormat(name, task.schemaJson()));
      JsonNode answer = null;
      List<Violation> violations = List.of();
      AnswerRefusedException.Reason reason = AnswerRefusedException.Reason.VIOLATES_RULES;
      int attempt = 0;
      boolean degraded = false;
      while (attempt < 2) {
        attempt++;
        if (attempt > 1) {
          int retryTokens = estimator.estimateTokenCountInMessages(messages);
          if (retryTokens > budget) {
            trace.add(Stage.VALIDATE_ANSWER, "no retry: the prompt with the refused answer and its violations"
                + " needs about " + retryTokens + " tokens, over the budget of " + budget,
                ordered("estimatedTokens", String.valueOf(retryTokens), "budgetTokens", String.valueOf(budget)));
            break;
          }
        }
        ChatRequest chatRequest = ChatRequest.builder().messages(messages).responseFormat(format)
            .maxOutputTokens(answerShare > 0 ? answerShare : null).build();
        ChatResponse response;
        try {
          if (model instanceof ModelGateway gateway) {
            ModelAnswer answered = gateway.call(ctx, chatRequest);
            response = answered.response();
            degraded = answered.degraded();
          } else {
            response = ctx.call(() -> model.chat(chatRequest));
            degraded = ModelGateway.isDegraded(response);
          }
        } catch (ModelBridgeException e) {
          throw trace.fail(Stage.MODEL, "the model call failed (" + e.getClass().getSimpleName() + ")",
              e.isRetryable() ? "Retry later" : "Check the gateway configuration", e);
        }
        String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
        Map<String, String> md = new LinkedHashMap<>();
        md.put("attempt", String.valueOf(attempt));
        md.put("model", String.valueOf(response.modelName()));
        md.put("answerChars", String.valueOf(text.length()));
        boolean offline = text.startsWith(OfflineChatModel.LABEL) || OfflineChatModel.NAME.equals(response.modelName());
        md.put("offline", String.valueOf(offline));
        md.put("degraded", String.valueOf(degraded));
        trace.add(Stage.MODEL, degraded ? "DEGRADED: every provider failed, the degraded responder answered"
            : (offline ? "offline model" : model.getClass().getSimpleName()) + " answered", md);
        Optional<JsonNode> parsed = parseJson(text);
        if (parsed.isEmpty()) {
          reason = AnswerRefusedException.Reason.NOT_JSON;
          violations = List.of(new Violation("answer", "$", "json", "", "the answer is not a JSON object"));
        } else {
          reason = AnswerRefusedException.Reason.VIOLATES_RULES;
          answer = parsed.get();
          violations = validate(task, answer, data);
        }
        Map<String, String> vd = new LinkedHashMap<>();
        vd.put("attempt", String.valueOf(attempt));
        vd.put("violations", String.valueOf(violations.size()));
        for (int i = 0; i < violations.size() && i < 5; i++) {
          vd.put("violation[" + i + "]", violations.get(i).rule() + " at " + violations.get(i).path());
        }
        trace.add(Stage.VALIDATE_ANSWER, violations.isEmpty() ? "answer valid on attempt " + attempt
            : violations.size() + " violations on attempt " + attempt, vd);
        if (violations.isEmpty()) {
          break;
        }
        messages.add(AiMessage.from(text.isEmpty() ? "(empty answer)" : text));
        messages.add(UserMessage.from("Your answer was refused: " + AnswerRefusedException.summary(violations)
            + ". Answer again with one JSON object that satisfies the schema and these rules."));
      }
      if (!violations.isEmpty()) {
        trace.auditRefusal(reason, violations.size());
        throw new AnswerRefusedException(reason, violations, attempt, trace.finish());
      }

      // 9. Restore personal data in the answer.
      if (protector.isPresent()) {
        String restored = protector.get().restoreJson(JSON.writeValueAsString(answer), ctx);
        int tokens = countTokens(answer);
        answer = JSON.readTree(restored);
        trace.add(Stage.RESTORE, "personal data restored in the answer", Map.of("tokensInAnswer", String.valueOf(tokens)));
      } else {
        trace.add(Stage.RESTORE, "OFF (no pseudonymization)", Map.of());
      }

      // 10. Act through governed tools: conflict check on the version read, then approval and execution.
      Optional<ActionResult> action = Optional.empty();
      if (task.action().isPresent()) {
        action = Optional.of(act(ctx, request, task, answer, data, degraded, trace));
      }
      return new PipelineResult(answer, pack.id(), pack.version(), action, trace.finish());
    } catch (PipelineException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw trace.fail(Stage.RESTORE, "the answer could not be re-read after restoring personal data",
          "Report this as a bug", e);
    } catch (ModelBridgeException | IllegalArgumentException e) {
      throw trace.fail(trace.lastStage(), "failed (" + e.getClass().getSimpleName() + ")",
          "See the cause; nothing was written", e);
    }
  }

  private ActionResult act(CallContext ctx, PipelineRequest request, PackTask task, JsonNode answer,
      Map<String, List<CanonicalEntity>> data, boolean degraded, Trace trace) {
    PackTask.Action a = task.action().orElseThrow();
    String toolName = GovernedTools.toolName(a.system(), a.operation());
    if (degraded && !task.allowDegradedWrites()) {
      // Checked before anything touches the system: a degraded answer never drives a write by default.
      Map<String, String> details = new LinkedHashMap<>();
      details.put("tool", toolName);
      details.put("degraded", "true");
      details.put("allowDegradedWrites", "false");
      trace.add(Stage.ACT, "NOT RUN " + toolName + ": the answer is degraded (every model provider failed and the"
          + " degraded responder answered) and task " + task.name() + " does not allow degraded writes; nothing"
          + " written", details);
      return new ActionResult(toolName, ActionResult.Status.REFUSED_DEGRADED, "the answer is degraded (every model"
          + " provider failed): nothing was written. Ask again when a provider answers, or set"
          + " allowDegradedWrites: true on task " + task.name() + " to let a person approve degraded proposals");
    }
    GovernedTools governed = tools.get(a.system());
    if (governed == null) {
      throw trace.fail(Stage.ACT, "no governed tools for system '" + a.system() + "'",
          "Register them with Pipeline.builder(..).tools(..)", null);
    }
    Fetch fetch = request.fetches().stream().filter(f -> f.alias().equals(a.source())).findFirst()
        .orElseThrow(() -> trace.fail(Stage.ACT, "the action is based on data set '" + a.source()
            + "', which the request did not fetch", "Add a Fetch with alias '" + a.source() + "'", null));
    String key = answer.path(a.key()).asText("");
    CanonicalEntity basedOn = data.getOrDefault(a.source(), List.of()).stream()
        .filter(e -> e.key().equals(key)).findFirst()
        .orElseThrow(() -> trace.fail(Stage.ACT, "the answer's '" + a.key() + "' names no fetched record of '"
            + a.source() + "'", "Add an each-rule requiring the record to exist", null));
    Map<String, String> details = new LinkedHashMap<>();
    details.put("tool", toolName);
    details.put("basedOnVersion", basedOn.version().orElse("(none)"));
    if (degraded) {
      details.put("degraded", "true");
    }
    try {
      new WriteBackGuard(fetch.adapter(), a.getOperation()).check(basedOn);
    } catch (WriteConflictException e) {
      details.put("currentVersion", e.currentVersion().orElse("(deleted)"));
      trace.add(Stage.ACT, "CONFLICT: the record changed since it was read; nothing written", details);
      return new ActionResult(toolName, ActionResult.Status.CONFLICT,
          "record " + e.locator() + " changed since it was read: ask again on fresh data");
    }
    ObjectNode args = JSON.createObjectNode();
    a.arguments().forEach((name, template) -> args.set(name, argument(template, answer, basedOn)));
    basedOn.version().ifPresent(v -> args.put("expectedVersion", v));
    // A degraded proposal the pack allows still goes to a person, who is told it is degraded.
    CallContext toolCtx = degraded ? ctx.withAttribute(GovernedTools.DEGRADED_ATTRIBUTE, "true") : ctx;
    ToolOutcome outcome = governed.execute(toolCtx, ToolExecutionRequest.builder()
        .id(ctx.correlationId()).name(toolName).arguments(args.toString()).build());
    ActionResult.Status status;
    switch (outcome.status()) {
      case EXECUTED: status = ActionResult.Status.EXECUTED; break;
      case PREVIEWED: status = ActionResult.Status.PREVIEWED; break;
      case REJECTED_BY_APPROVER: status = ActionResult.Status.REJECTED_BY_APPROVER; break;
      case DENIED_BY_POLICY: status = ActionResult.Status.DENIED_BY_POLICY; break;
      case FAILED: status = ActionResult.Status.FAILED; break;
      default: status = ActionResult.Status.REFUSED; break;
    }
    details.put("outcome", outcome.status().toString());
    trace.add(Stage.ACT, status + " " + toolName + (outcome.reason().isEmpty() ? "" : ": " + outcome.reason()), details);
    return new ActionResult(toolName, status, outcome.reason().isEmpty() ? outcome.result() : outcome.reason());
  }

  /**
   * The data sets as sent: each record's JSON taken from the pseudonymized data, named by its key as it
   * appears there (a token when the key is personal). Without pseudonymization a personal key is not shown:
   * the record is named by its position in the pack's order.
   */
  private List<PromptBudget.DataSet> dataSets(String protectedJson, Map<String, List<CanonicalEntity>> ordered,
      Map<String, List<String>> keyFields, Set<String> personalFields) throws JsonProcessingException {
    JsonNode root = DataJson.tree(protectedJson);
    List<PromptBudget.DataSet> sets = new ArrayList<>();
    for (Map.Entry<String, List<CanonicalEntity>> e : ordered.entrySet()) {
      String alias = e.getKey();
      List<String> fields = keyFields.getOrDefault(alias, List.of());
      boolean personalKey = fields.stream().anyMatch(personalFields::contains);
      JsonNode array = root.path(alias);
      List<String> records = new ArrayList<>(array.size());
      List<String> names = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        records.add(JSON.writeValueAsString(element));
        names.add(recordName(element, e.getValue().get(i), fields, personalKey, i));
      }
      sets.add(new PromptBudget.DataSet(alias, records, names));
    }
    return sets;
  }

  private String recordName(JsonNode element, CanonicalEntity entity, List<String> keyFields, boolean personalKey,
      int position) {
    String masked = "(personal key, #" + (position + 1) + " in order)";
    if (protector.isEmpty()) {
      return personalKey ? masked : entity.key();
    }
    if (!keyFields.isEmpty() && keyFields.stream().allMatch(element::has)) {
      // As sent to the model: personal values are tokens there.
      StringBuilder sb = new StringBuilder();
      for (String f : keyFields) {
        sb.append(sb.length() > 0 ? "|" : "").append(element.get(f).asText());
      }
      return sb.toString();
    }
    return personalKey || !protector.get().scanner().scan(entity.key()).isEmpty() ? masked : entity.key();
  }

  private String budgetText(PackTask task, int answerShare) {
    return "context window " + contextWindow + " less " + answerShare + " for the answer"
        + task.context().maxTokens().stream().mapToObj(m -> ", at most " + m + " by the pack").findFirst().orElse("");
  }

  private static JsonNode argument(String template, JsonNode answer, CanonicalEntity record) {
    Matcher m = ARG.matcher(template);
    if (m.matches()) {
      return value(m.group(1), m.group(2), answer, record);
    }
    StringBuilder sb = new StringBuilder();
    int pos = 0;
    m.reset();
    while (m.find()) {
      sb.append(template, pos, m.start()).append(value(m.group(1), m.group(2), answer, record).asText());
      pos = m.end();
    }
    sb.append(template.substring(pos));
    return JSON.getNodeFactory().textNode(sb.toString());
  }

  private static JsonNode value(String scope, String field, JsonNode answer, CanonicalEntity record) {
    if (scope.equals("answer")) {
      return answer.path(field).isMissingNode() ? JSON.nullNode() : answer.path(field);
    }
    return JSON.valueToTree(record.fields().get(field));
  }

  private List<Violation> validate(PackTask task, JsonNode answer, Map<String, List<CanonicalEntity>> data) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("answer", JSON.convertValue(answer, Object.class));
    doc.put("params", pack.params());
    List<Violation> out = new ArrayList<>(task.answerCheck().validate("answer", doc));
    if (task.each().isPresent() && out.isEmpty()) {
      PackTask.EachCheck each = task.each().get();
      List<JsonNode> items = new ArrayList<>();
      if (each.path().equals("$")) {
        items.add(answer);
      } else if (answer.path(each.path()).isArray()) {
        answer.path(each.path()).forEach(items::add);
      }
      Map<String, CanonicalEntity> byKey = new HashMap<>();
      for (CanonicalEntity e : data.getOrDefault(each.source(), List.of())) {
        byKey.put(e.key(), e);
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("item", JSON.convertValue(item, Object.class));
        CanonicalEntity record = byKey.get(item.path(each.key()).asText(""));
        if (record != null) {
          d.put("record", record.fields());
        }
        d.put("params", pack.params());
        String where = each.path().equals("$") ? "answer" : each.path() + "[" + i + "]";
        out.addAll(each.rules().validate(where, d));
      }
    }
    return out;
  }

  private static Optional<JsonNode> parseJson(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text.substring(start, end + 1));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private String glossary() {
    StringBuilder sb = new StringBuilder();
    pack.glossary().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
    return sb.toString().strip();
  }

  private static String toJson(Map<String, List<CanonicalEntity>> data) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    data.forEach((alias, entities) -> {
      ArrayNode arr = root.putArray(alias);
      for (CanonicalEntity e : entities) {
        arr.add(JSON.valueToTree(e.fields()));
      }
    });
    return JSON.writeValueAsString(root);
  }

  private static Set<String> jsonPaths(Set<String> aliases, Set<String> personalFields) {
    Set<String> out = new HashSet<>();
    for (String a : aliases) {
      for (String f : personalFields) {
        out.add(a + "[*]." + f);
      }
    }
    out.addAll(personalFields);
    return out;
  }

  private static void countTokens(String text, Map<String, Integer> kinds) {
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      kinds.merge(m.group(1), 1, Integer::sum);
    }
  }

  private static int countTokens(JsonNode answer) {
    int[] n = {0};
    answer.forEach(c -> {
      if (c.isTextual() && c.asText().contains("<")) {
        n[0]++;
      }
    });
    return n[0];
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static String reasons(List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    for (Violation v : violations) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(v.rule()).append('@').append(v.path());
    }
    return sb.toString();
  }

  /** Collects stage records and their audit entries for one call. */
  private final class Trace {
    private final CallContext ctx;
    private final List<Stage> stages = new ArrayList<>();
    private final List<String> summaries = new ArrayList<>();
    private final List<Map<String, String>> details = new ArrayList<>();
    private final List<CompletableFuture<Long>> seqs = new ArrayList<>();

    Trace(CallContext ctx) {
      this.ctx = ctx;
    }

    void add(Stage stage, String summary, Map<String, String> d) {
      add(stage, summary, d, d);
    }

    /** {@code auditDetails} goes to the audit log in place of {@code d} (a shorter form of long lists). */
    void add(Stage stage, String summary, Map<String, String> d, Map<String, String> auditDetails) {
      stages.add(stage);
      summaries.add(summary);
      details.add(d);
      if (audit.isPresent()) {
        Map<String, String> ad = new LinkedHashMap<>(auditDetails);
        ad.put("summary", summary);
        ad.put("pack", pack.id() + "@" + pack.version());
        AuditEvent.Type type = stage == Stage.ACT ? AuditEvent.Type.TOOL_CALL : AuditEvent.Type.MODEL_CALL;
        seqs.add(audit.get().append(AuditEvent.of(type, ctx, "pipeline." + stage.name().toLowerCase(), ad)));
      } else {
        seqs.add(null);
      }
    }

    void auditRefusal(AnswerRefusedException.Reason reason, int violations) {
      audit.ifPresent(log -> log.append(AuditEvent.of(AuditEvent.Type.MODEL_ERROR, ctx, "pipeline.refused",
          Map.of("reason", reason.name(), "violations", String.valueOf(violations),
              "pack", pack.id() + "@" + pack.version()))));
    }

    Stage lastStage() {
      return stages.isEmpty() ? Stage.FETCH : stages.get(stages.size() - 1);
    }

    PipelineException fail(Stage stage, String what, String todo, Throwable cause) {
      audit.ifPresent(log -> log.append(AuditEvent.of(AuditEvent.Type.MODEL_ERROR, ctx, "pipeline.failed",
          Map.of("stage", stage.name(), "pack", pack.id() + "@" + pack.version()))));
      PipelineTrace t = finishQuietly();
      boolean retryable = cause instanceof ModelBridgeException && ((ModelBridgeException) cause).isRetryable()
          || cause instanceof AdapterException && ((AdapterException) cause).isRetryable();
      return new PipelineException(stage, what, todo, Optional.of(t), cause, retryable);
    }

    PipelineTrace finish() {
      List<StageRecord> out = new ArrayList<>();
      for (int i = 0; i < stages.size(); i++) {
        OptionalLong seq = OptionalLong.empty();
        if (seqs.get(i) != null) {
          try {
            seq = OptionalLong.of(seqs.get(i).get(AUDIT_WAIT_SECONDS, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(stages.get(i), "interrupted while waiting for the audit log",
                "Retry", Optional.empty(), e, true);
          } catch (Exception e) {
            throw new PipelineException(stages.get(i), "the audit log did not record the stage ("
                + e.getClass().getSimpleName() + "); the answer is withheld because audit is required",
                "Check the audit log's store (disk space, permissions)", Optional.empty(), e, true);
          }
        }
        out.add(new StageRecord(stages.get(i), summaries.get(i), details.get(i), seq));
      }
      return new PipelineTrace(ctx.correlationId(), out);
    }

    private PipelineTrace finishQuietly() {
      List<StageRecord> out = new ArrayList<>();
      for (int i = 0; i < stages.size(); i++) {
        OptionalLong seq = OptionalLong.empty();
        CompletableFuture<Long> f = seqs.get(i);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
          seq = OptionalLong.of(f.join());
        }
        out.add(new StageRecord(stages.get(i), summaries.get(i), details.get(i), seq));
      }
      return new PipelineTrace(ctx.correlationId(), out);
    }
  }

  /** Builds a {@link Pipeline}; secure by default. */
  public static final class Builder {
    private final DomainPack pack;
    private final ChatModel model;
    private PiiProtector protector = PiiProtector.defaults();
    private boolean pseudonymize = true;
    private AuditLog audit;
    private boolean auditOff;
    private LiveContext liveContext = LiveContext.NONE;
    private MaxAge maxAge;
    private final Map<String, GovernedTools> tools = new HashMap<>();
    private int contextWindow = DEFAULT_CONTEXT_WINDOW;
    private int answerTokens = DEFAULT_ANSWER_TOKENS;
    private TokenCountEstimator estimator = UpperBoundTokenEstimator.INSTANCE;

    private Builder(DomainPack pack, ChatModel model) {
      this.pack = Objects.requireNonNull(pack, "pack cannot be null");
      this.model = Objects.requireNonNull(model, "model cannot be null");
    }

    /** The protector that pseudonymizes (default {@link PiiProtector#defaults()}); share it with your app. */
    public Builder protector(PiiProtector protector) {
      this.protector = Objects.requireNonNull(protector, "protector cannot be null");
      this.pseudonymize = true;
      return this;
    }

    /** Sends personal data to the model in clear. Only for models running inside your own perimeter. */
    public Builder withoutPseudonymization() {
      this.pseudonymize = false;
      return this;
    }

    /** The audit log every stage is written to. Required unless {@link #withoutAudit()}. */
    public Builder audit(AuditLog log) {
      this.audit = Objects.requireNonNull(log, "log cannot be null");
      this.auditOff = false;
      return this;
    }

    /** Runs without an audit trail. Named so the choice is visible in code review. */
    public Builder withoutAudit() {
      this.audit = null;
      this.auditOff = true;
      return this;
    }

    /** The live context supplier (default: none). */
    public Builder liveContext(LiveContext liveContext) {
      this.liveContext = Objects.requireNonNull(liveContext, "liveContext cannot be null");
      return this;
    }

    /** Refuses to answer from data older than {@code maxAge} (default: no limit). */
    public Builder maxAge(MaxAge maxAge) {
      this.maxAge = Objects.requireNonNull(maxAge, "maxAge cannot be null");
      return this;
    }

    /**
     * The model's context window in tokens (prompt and answer together); default
     * {@value Pipeline#DEFAULT_CONTEXT_WINDOW}. Take it from the provider's documentation or configuration.
     * The prompt gets the window less the answer's share ({@link #answerTokens(int)}, or the task's
     * {@code context.answerTokens}), capped by the task's {@code context.maxTokens}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder contextWindow(int tokens) {
      if (tokens < 1) {
        throw new IllegalArgumentException("contextWindow must be a positive number of tokens, was " + tokens);
      }
      this.contextWindow = tokens;
      return this;
    }

    /**
     * Tokens kept free for the answer when the task does not say (default
     * {@value Pipeline#DEFAULT_ANSWER_TOKENS}); also sent as the request's maximum output tokens. 0 keeps
     * nothing free and sets no maximum.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder answerTokens(int tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException("answerTokens must not be negative, was " + tokens);
      }
      this.answerTokens = tokens;
      return this;
    }

    /**
     * How prompt tokens are counted; default {@link UpperBoundTokenEstimator} (one token per UTF-8 byte,
     * never fewer than the model's own count). Give LangChain4j's estimator of the model's tokenizer when
     * there is one, for example {@code new OpenAiTokenCountEstimator("gpt-4o-mini")}.
     */
    public Builder tokenEstimator(TokenCountEstimator estimator) {
      this.estimator = Objects.requireNonNull(estimator, "estimator cannot be null");
      return this;
    }

    /** Governed tools through which the pack's actions on {@code tools.systemId()} run. */
    public Builder tools(GovernedTools tools) {
      Objects.requireNonNull(tools, "tools cannot be null");
      this.tools.put(tools.systemId(), tools);
      return this;
    }

    /**
     * The pipeline.
     *
     * @throws IllegalStateException if neither an audit log nor {@link #withoutAudit()} was given, or
     *     {@code answerTokens} is not below {@code contextWindow}
     */
    public Pipeline build() {
      if (audit == null && !auditOff) {
        throw new IllegalStateException("audit is on by default: give an AuditLog with audit(..), or call"
            + " withoutAudit() to run without an audit trail");
      }
      if (answerTokens >= contextWindow) {
        throw new IllegalStateException("answerTokens " + answerTokens + " leaves nothing of contextWindow "
            + contextWindow + " for the prompt; lower answerTokens or give the model's real window");
      }
      return new Pipeline(this);
    }
  }
}
