package io.modelbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.cli.demo.DemoRun.ToolRun;
import io.modelbridge.cli.demo.ProductRanker.Product;
import io.modelbridge.cli.demo.ProductRanker.Scored;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.offline.OfflineChatModel;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.ToolPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scenario 1: a shopper browses summer dresses and buys one; she asks for matching accessories; the
 * recommendation uses her live context and only in-stock products.
 */
final class RetailScenario {

  static final int CANDIDATES = 3;
  static final String SHOPPER_EMAIL_DOMAIN = "@example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A business event from the shop front. */
  record ShopEvent(String type, String sku) {}

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
    List<ShopEvent> events = List.of(
        new ShopEvent("page_view", "D-102"), new ShopEvent("page_view", "D-101"),
        new ShopEvent("page_view", "D-103"), new ShopEvent("add_to_cart", "D-101"),
        new ShopEvent("purchase", "D-101"));
    List<String> viewed = new ArrayList<>();
    Optional<Product> bought = Optional.empty();
    for (ShopEvent e : events) {
      Product p = catalogue.get(e.sku());
      console.line("event " + e.type() + " " + p.sku() + " " + p.name());
      if (e.type().equals("purchase")) {
        bought = Optional.of(p);
      } else if (!viewed.contains(p.name())) {
        viewed.add(p.name());
      }
    }
    Product purchase = bought.orElseThrow(() -> new BusinessDemo.DemoException("the retail events hold no purchase"));
    viewed.remove(purchase.name());
    String liveContext = "She just bought: " + purchase.text() + " She also looked at: " + String.join(", ", viewed) + ".";
    console.line("live context: bought " + purchase.sku() + ", also viewed " + viewed.size() + " other dresses");

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

    console.stage("Asking the model (pseudonymized, audited)");
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from("You are the shop's assistant. Recommend accessories for the customer, "
        + "chosen ONLY from these in-stock candidates (sku, name, price):\n" + candidateLines(candidates)
        + "Her live context: " + liveContext + "\n"
        + "Answer with JSON only: {\"recommended\": [\"<sku>\", ...], \"message\": \"<one sentence for her>\"}."));
    messages.add(UserMessage.from("Hi, I just bought the " + purchase.name() + ". Which accessories go with it? "
        + "Please send the list to " + email + "."));
    messages.add(AiMessage.from(List.of(profile.request())));
    messages.add(ToolExecutionResultMessage.from(profile.request(), profile.outcome().result()));
    ModelAnswer answer = run.ask(shopper, ChatRequest.builder().messages(messages).build());

    console.stage("Validating the answer (only listed, in-stock products)");
    Set<String> allowed = new LinkedHashSet<>();
    candidates.forEach(c -> allowed.add(c.product().sku()));
    List<String> picked = validated(answer, allowed, catalogue);
    if (picked.isEmpty() && !answer.provider().equals(OfflineChatModel.NAME)) {
      console.line("retrying once with the violation fed back to the model");
      messages.add(answer.response().aiMessage());
      messages.add(UserMessage.from("Your answer did not follow the rules: recommend only skus from the "
          + "candidate list " + allowed + ", as JSON {\"recommended\": [...], \"message\": \"...\"}."));
      answer = run.ask(shopper, ChatRequest.builder().messages(messages).build());
      picked = validated(answer, allowed, catalogue);
    }
    if (picked.isEmpty()) {
      picked = new ArrayList<>(allowed);
      console.line(answer.provider().equals(OfflineChatModel.NAME)
          ? "the offline model does not choose products: the embedding ranking is the recommendation"
          : "the model's choice was refused twice: falling back to the embedding ranking");
    }
    console.stage("Recommendation for her");
    for (String sku : picked) {
      Product p = catalogue.get(sku);
      console.line("recommended: " + p.sku() + " " + p.name() + ", " + p.price() + " EUR, in stock: " + p.stock());
    }
    modelMessage(answer).ifPresent(m -> console.line("assistant says: " + Console.cut(m, 200)));
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

  /**
   * The skus the model recommended if its answer is JSON naming only allowed, in-stock products; empty
   * (and the violation printed) otherwise.
   */
  private List<String> validated(ModelAnswer answer, Set<String> allowed, Map<String, Product> catalogue) {
    Optional<JsonNode> json = answer.provider().equals(OfflineChatModel.NAME)
        ? Optional.empty() : jsonIn(answer.response().aiMessage().text());
    if (json.isEmpty() || !json.get().path("recommended").isArray()) {
      console.line("answer is not the structured JSON asked for" + (answer.provider().equals(OfflineChatModel.NAME)
          ? " (the offline model summarises its context instead)" : ""));
      return List.of();
    }
    List<String> picked = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (JsonNode n : json.get().path("recommended")) {
      String sku = n.asText();
      Product p = catalogue.get(sku);
      if (p == null) {
        violations.add(sku + " does not exist");
      } else if (!p.inStock()) {
        violations.add(sku + " is out of stock");
      } else if (!allowed.contains(sku)) {
        violations.add(sku + " was not among the candidates");
      } else {
        picked.add(sku);
      }
    }
    if (picked.isEmpty() && violations.isEmpty()) {
      violations.add("no product recommended");
    }
    if (!violations.isEmpty()) {
      console.line("REFUSED: " + String.join("; ", violations));
      return List.of();
    }
    console.line("valid: " + picked.size() + " product(s), all listed and in stock");
    return picked;
  }

  private static Optional<String> modelMessage(ModelAnswer answer) {
    return jsonIn(answer.response().aiMessage().text()).map(j -> j.path("message").asText(""))
        .filter(m -> !m.isBlank());
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
