package io.modelbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.cli.demo.DemoRun.ToolRun;
import io.modelbridge.cli.demo.ProductRanker.Product;
import io.modelbridge.cli.demo.ProductRanker.Scored;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.events.BusinessEvent;
import io.modelbridge.core.events.ChannelMetrics;
import io.modelbridge.core.events.CustomerContext;
import io.modelbridge.core.events.CustomerContextStore;
import io.modelbridge.core.events.EventChannel;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.offline.OfflineChatModel;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.ToolPolicy;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.ValueType;
import io.modelbridge.pipeline.AnswerRefusedException;
import io.modelbridge.pipeline.Fetch;
import io.modelbridge.pipeline.LiveContext;
import io.modelbridge.pipeline.Pipeline;
import io.modelbridge.pipeline.PipelineRequest;
import io.modelbridge.pipeline.PipelineResult;
import io.modelbridge.pipeline.feedback.Feedback;
import io.modelbridge.pipeline.pack.DomainPack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 1: a shopper browses summer dresses and buys one; she asks for matching accessories; the
 * recommendation uses her live context and only in-stock products. The in-process embedding model ranks the
 * accessories against her context; her question goes through the {@link Pipeline} with the {@code retail}
 * domain pack (fetch, map, live context with the ranking, pseudonymize, prompt, model, validation against
 * the pack's in-stock rule with one retry, restore, audit). The validated answer is the recommendation:
 * offline, the offline model builds it from the request by fixed rules (the in-stock matches listed in her
 * context, in the ranking's order), and the pack's rules check it like any model's answer. Only when the
 * answer is refused are the ranking's in-stock candidates the recommendation.
 */
final class RetailScenario {

  static final int CANDIDATES = 3;
  static final String PACK = "retail";
  static final String PACK_VERSION = "1.1.0";
  /** The catalogue's records as the pack's canonical products. */
  static final Mapping PRODUCTS = Mapping.builder("shop-products", "product").key("sku")
      .field("sku", f -> f.from("sku").required())
      .field("name", f -> f.from("name"))
      .field("category", f -> f.from("category"))
      .field("price", f -> f.from("price").type(ValueType.DECIMAL))
      .field("stock", f -> f.from("stock").type(ValueType.INTEGER).required())
      .build();
  static final String SHOPPER_EMAIL_DOMAIN = "@example.com";
  private static final ObjectMapper JSON = DataJson.mapper();

  private final DemoRun run;
  private final Console console;

  RetailScenario(DemoRun run) {
    this.run = run;
    this.console = run.console;
  }

  void play() {
    console.scenario("Scenario 1: Retail - matching accessories from her live context, in stock only");
    CallContext shopper = CallContext.of("demo-shop", "shop-assistant", "retail-recommendation");

    console.stage("Catalogue read through the 'shop' adapter");
    Map<String, Product> catalogue = readCatalogue();
    long inStock = catalogue.values().stream().filter(Product::inStock).count();
    console.line(catalogue.size() + " products, " + inStock + " in stock, " + (catalogue.size() - inStock)
        + " out of stock");

    console.stage("Events flow in (page views, add to cart, purchase) and update her live context");
    EventChannel channel = EventChannel.inProcess(1_000);
    CustomerContextStore contexts = CustomerContextStore.builder().build();
    channel.subscribe(contexts);
    List<String[]> clicks = List.of(new String[] {BusinessEvent.PAGE_VIEW, "D-102"},
        new String[] {BusinessEvent.PAGE_VIEW, "D-101"}, new String[] {BusinessEvent.PAGE_VIEW, "D-103"},
        new String[] {BusinessEvent.ADD_TO_CART, "D-101"}, new String[] {BusinessEvent.PURCHASE, "D-101"});
    long published = 0;
    for (String[] click : clicks) {
      Product p = catalogue.get(click[1]);
      channel.publish(BusinessEvent.of(shopper.tenant(), DemoSystems.SHOPPER, click[0],
          Map.of(BusinessEvent.ITEM, p.sku())), Duration.ofSeconds(1));
      published = System.nanoTime();
      console.line("event " + click[0] + " " + p.sku() + " " + p.name());
    }
    CustomerContext seen = contexts.snapshot(shopper.tenant(), DemoSystems.SHOPPER);
    while (seen.purchases().isEmpty() && System.nanoTime() - published < Duration.ofSeconds(1).toNanos()) {
      Thread.onSpinWait();
      seen = contexts.snapshot(shopper.tenant(), DemoSystems.SHOPPER);
    }
    long visibleMicros = (System.nanoTime() - published) / 1_000;
    channel.close(Duration.ofSeconds(1));
    ChannelMetrics flow = channel.metrics();
    console.line("event channel: " + flow.accepted() + " accepted, " + flow.delivered() + " delivered, " + flow.rejected()
        + " rejected; the purchase was in her live context " + visibleMicros + " us after publication");
    if (seen.purchases().isEmpty()) {
      throw new BusinessDemo.DemoException("the purchase event did not reach her live context within one second");
    }
    Product purchase = catalogue.get(seen.purchases().get(0));
    List<String> viewed = new ArrayList<>();
    for (String sku : seen.viewed()) {
      if (!sku.equals(purchase.sku())) {
        viewed.add(catalogue.get(sku).name());
      }
    }
    String liveContext = "She just bought: " + purchase.text() + " She also looked at: " + String.join(", ", viewed) + ".";
    console.line("live context: " + seen.toPromptText());

    console.stage("Ranking accessories by similarity to her context (in-process embedding model)");
    console.line("embedding model: LangChain4j all-MiniLM-L6-v2 (quantized), in process, no network");
    List<Product> accessories = catalogue.values().stream().filter(p -> p.category().equals("accessory")).toList();
    List<Scored> ranked = ProductRanker.rank("Accessories that go with this purchase. " + liveContext, accessories);
    List<Scored> candidates = new ArrayList<>();
    for (Scored s : ranked) {
      if (candidates.size() == CANDIDATES) {
        break;
      }
      if (s.product().inStock()) {
        candidates.add(s);
      } else {
        console.line(String.format("skipped (out of stock): %s %s, similarity %.2f",
            s.product().sku(), s.product().name(), s.score()));
      }
    }
    for (Scored s : candidates) {
      console.line(String.format("candidate: %s %s, similarity %.2f, stock %d",
          s.product().sku(), s.product().name(), s.score(), s.product().stock()));
    }

    console.stage("Her profile read through governed tools (ERP, read only)");
    GovernedTools erpTools = GovernedTools.builder()
        .adapter(run.systems.erp)
        .policy(ToolPolicy.readOnly())
        .hooks(HookChain.of(List.of(run.auditHook)))
        .build();
    ToolRun profile = run.tool(erpTools, shopper, "erp_customers_get",
        "{\"customer_id\":\"" + DemoSystems.SHOPPER + "\"}");
    if (!profile.executed()) {
      throw new BusinessDemo.DemoException("reading the shopper's profile failed: " + profile.outcome().reason());
    }
    String email = contactEmail(profile.outcome().result());

    console.stage("Her question through the pipeline (domain pack " + PACK + " " + PACK_VERSION + ")");
    String question = "Hi, I just bought the " + purchase.name() + ". Which accessories go with it? "
        + "Please send the list to " + email + ".";
    String ranking = candidateLines(candidates);
    LiveContext live = (ctx, subject) -> liveContext + "\nBest in-stock matches by similarity:\n" + ranking;
    Pipeline pipeline = Pipeline.builder(DomainPack.loadResource(PACK, PACK_VERSION), run.pipelineGateway)
        .audit(run.audit)
        .liveContext(live)
        .build();
    PipelineRequest request = PipelineRequest.builder("recommend-accessories", question)
        .fetch(new Fetch("products", run.systems.catalogue, OperationRequest.of("products.query", Map.of()), PRODUCTS))
        .subject(DemoSystems.SHOPPER)
        .build();
    List<String> picked = new ArrayList<>();
    Optional<String> message = Optional.empty();
    try {
      PipelineResult result = pipeline.ask(shopper, request);
      run.printPipelineCall();
      run.printTrace(result.trace());
      for (JsonNode item : result.answer().path("recommendations")) {
        picked.add(item.path("sku").asText());
      }
      message = Optional.of(result.answer().path("message").asText("")).filter(m -> !m.isBlank());
      console.line("valid: " + picked.size() + " product(s), all in the catalogue and in stock (pack rules)");
      console.line(run.capture.lastProvider().startsWith(OfflineChatModel.NAME)
          ? "the offline model's structured answer (the in-stock matches listed in her context, in order) passed"
              + " the pack's rules: it is the recommendation"
          : "the model's validated answer is the recommendation");
      run.feedback.record(new Feedback(result.packId(), result.packVersion(), "recommend-accessories",
          result.correlationId(), Feedback.Outcome.ACCEPTED, Instant.now()));
      console.line("feedback recorded: the shopper ACCEPTED the recommendation (pack " + result.packId() + " "
          + result.packVersion() + ")");
    } catch (AnswerRefusedException e) {
      run.printPipelineCall();
      e.trace().ifPresent(run::printTrace);
      console.line("REFUSED after one retry (" + e.reason() + "): " + e.violations().stream()
          .map(v -> v.rule() + (v.path().isEmpty() ? "" : " at " + v.path())).distinct().limit(3)
          .reduce((a, b) -> a + "; " + b).orElse("no details"));
      console.line("the model's answer was refused: falling back to the embedding ranking's in-stock candidates");
      candidates.forEach(c -> picked.add(c.product().sku()));
    }
    console.stage("Recommendation for her");
    for (String sku : picked) {
      Product p = catalogue.get(sku);
      console.line("recommended: " + p.sku() + " " + p.name() + ", " + p.price() + " EUR, in stock: " + p.stock());
    }
    message.ifPresent(m -> console.line("assistant says (personal data restored): " + Console.cut(m, 200)));
  }

  private Map<String, Product> readCatalogue() {
    Map<String, Product> products = new LinkedHashMap<>();
    try (RecordStream rows = run.systems.catalogue.execute(OperationRequest.of("products.query", Map.of()))) {
      while (rows.hasNext()) {
        AdapterRecord r = rows.next();
        Map<String, Object> f = r.fields();
        products.put((String) f.get("sku"), new Product((String) f.get("sku"), (String) f.get("name"),
            (String) f.get("category"), (String) f.get("description"), String.valueOf(f.get("price")),
            ((Number) f.get("stock")).longValue()));
      }
    }
    return products;
  }

  private static String candidateLines(List<Scored> candidates) {
    StringBuilder b = new StringBuilder();
    for (Scored s : candidates) {
      b.append("- ").append(s.product().sku()).append(", ").append(s.product().name()).append(", ")
          .append(s.product().price()).append(" EUR\n");
    }
    return b.toString();
  }

  /** The shop's contact e-mail for the profile: derived from the ERP contact name, as the CRM does. */
  private static String contactEmail(String toolResult) {
    try {
      JsonNode name = JSON.readTree(toolResult).path("records").path(0).path("fields").path("contact_name");
      return name.asText("customer").toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + SHOPPER_EMAIL_DOMAIN;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BusinessDemo.DemoException("the ERP profile is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Optional<JsonNode> jsonIn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text.substring(start, end + 1));
      return node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
