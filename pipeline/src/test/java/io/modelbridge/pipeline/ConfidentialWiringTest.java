package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.samples.SampleDatabases;
import io.modelbridge.security.pii.PiiHook;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, confidentiality: the regressions, each named after what broke, on a real H2 database through
 * the JDBC adapter with {@code personalColumns=orders.customer_name}; and the recommended wiring of
 * docs/security.md (between the snippet markers).
 */
class ConfidentialWiringTest {

  static final String NAME = "Jane Doe";
  static final String EMAIL = "jane.doe@example.com";
  static final String STREET = "12 Quai des Orfèvres";

  Connection connection;
  SystemAdapter erp;
  final List<ChatRequest> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    String url = SampleDatabases.h2MemoryUrl("wiring_" + UUID.randomUUID().toString().replace("-", ""));
    connection = DriverManager.getConnection(url);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_name VARCHAR(100), "
          + "email VARCHAR(100), street VARCHAR(100))");
      s.execute("INSERT INTO orders VALUES (7, '" + NAME + "', '" + EMAIL + "', '" + STREET + "')");
    }
    erp = AdapterRegistry.discover().create("jdbc", AdapterConfig.builder("erp").set("url", url)
        .set("tables", "orders").set("writable", "false")
        .set("personalColumns", "orders.customer_name").build());
  }

  @AfterEach
  void tearDown() throws Exception {
    erp.close();
    connection.close();
  }

  /** Calls erp_orders_get first, then repeats every token it was shown. */
  ChatModel model() {
    Pattern token = Pattern.compile("<[A-Z_]+_\\d+>");
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        sent.add(request);
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        if (!(last instanceof ToolExecutionResultMessage result)) {
          return ChatResponse.builder().aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder()
              .id("c1").name("erp_orders_get").arguments("{\"order_id\":7}").build()))).build();
        }
        List<String> tokens = new ArrayList<>();
        Matcher m = token.matcher(result.text());
        while (m.find()) {
          tokens.add(m.group());
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("Order 7: " + String.join(", ", tokens))).build();
      }
    };
  }

  String everythingSent() {
    StringBuilder sb = new StringBuilder();
    sent.forEach(r -> r.messages().forEach(m -> sb.append(m).append('\n')));
    return sb.toString();
  }

  /** The application's own tool loop (docs/governed-tools.md, "in your own loop"). */
  static String ask(ModelGateway gateway, GovernedTools tools, CallContext clerk, String question) {
    List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(question)));
    while (true) {
      AiMessage ai = gateway.call(clerk, ChatRequest.builder().messages(messages)
          .toolSpecifications(tools.toolSpecifications(clerk)).build()).response().aiMessage();
      messages.add(ai);
      if (!ai.hasToolExecutionRequests()) {
        return ai.text();
      }
      for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
        messages.add(ToolExecutionResultMessage.from(call, tools.execute(clerk, call).result()));
      }
    }
  }

  @Test
  void recommendedWiring_piiHookDefaultsOnGatewayAndTools() {
    ChatModel model = model();
    // snippet-start
    ModelGateway gateway = ModelGateway.builder()
        .provider("main", model)
        .hook(PiiHook.defaults())                        // prompts, history and tool results out; answers back
        .build();
    GovernedTools tools = GovernedTools.builder()
        .adapter(erp)                                    // personalColumns=orders.customer_name in its config
        .hooks(HookChain.of(List.of(PiiHook.defaults())))  // results protected before anything else sees them
        .build();
    CallContext clerk = CallContext.of("acme", "clerk-7", "order-desk");
    String answer = ask(gateway, tools, clerk, "Who ordered 7?");
    // snippet-end
    assertThat(everythingSent()).doesNotContain(NAME, EMAIL);
    assertThat(answer).contains(NAME, EMAIL);
  }

  @Test
  void adapterPersonalColumn_protectedByDefaultsOnGateway() {
    ModelGateway gateway = ModelGateway.builder().provider("main", model()).hook(PiiHook.defaults()).build();
    GovernedTools tools = GovernedTools.builder().adapter(erp).build();
    String answer = ask(gateway, tools, CallContext.of("acme", "clerk-7", "order-desk"), "Who ordered 7?");
    assertThat(everythingSent()).doesNotContain(NAME, EMAIL).contains("<PERSONAL_1>");
    assertThat(answer).isEqualTo("Order 7: " + NAME + ", " + EMAIL);
  }

  @Test
  void hookOnGatewayAndTools_protectsOnceAndRestores() {
    ModelGateway gateway = ModelGateway.builder().provider("main", model()).hook(PiiHook.defaults()).build();
    GovernedTools tools = GovernedTools.builder().adapter(erp)
        .hooks(HookChain.of(List.of(PiiHook.defaults()))).build();
    String answer = ask(gateway, tools, CallContext.of("acme", "clerk-7", "order-desk"), "Who ordered 7?");
    assertThat(everythingSent()).doesNotContain(NAME, EMAIL, "<\\", "PERSONAL_2");
    assertThat(answer).isEqualTo("Order 7: " + NAME + ", " + EMAIL).doesNotContain("<", "\\");
  }

  @Test
  void nestedPersonalField_addressStreet_neverReachesModel() {
    Mapping orders = Mapping.fromYaml(String.join("\n",
        "name: erp-orders", "entity: order", "key: [orderId]", "fields:",
        "  - {target: orderId, from: order_id, type: integer, required: true}",
        "  - {target: customer.name, from: customer_name}",
        "  - {target: customer.address.street, from: street, personal: true}"));
    List<String> prompts = new ArrayList<>();
    ChatModel echo = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        prompts.add(request.messages().get(1).toString());
        return ChatResponse.builder().aiMessage(AiMessage.from(
            "{\"orderId\":\"7\",\"proposedDate\":\"2030-01-15\",\"reason\":\"carrier delay\"}")).build();
      }
    };
    Pipeline pipeline = Pipeline.builder(DomainPack.loadResource("order-desk", "1.0.0"), echo).withoutAudit().build();
    try {
      pipeline.ask(CallContext.of("acme", "clerk-7", "order-desk"),
          PipelineRequest.builder("correct-delivery-date", "Order 7 is late, what date can we promise?")
              .fetch(new Fetch("orders", erp, OperationRequest.of("orders.get", Map.of("order_id", 7)), orders))
              .build());
    } catch (PipelineException e) {
      // the pack may refuse the echo; what matters here is what the model was sent
    }
    assertThat(prompts).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(STREET, NAME, EMAIL)
        .contains("\"street\":\"<PERSONAL_"));
  }
}
