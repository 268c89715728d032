package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.ValueType;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.samples.SampleDatabases;
import io.modelbridge.security.pii.PiiHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 11, confidentiality, through the public API only: records with personal fields marked in the
 * mapping (at nested paths), in the adapter's descriptor ({@code personalColumns} of the JDBC adapter on
 * H2, whose column names are upper case) and in the canonical schema ({@code x-personal}), with values of
 * every kind (arbitrary Unicode, e-mails, phones, quotes, token look-alikes). (a) Through the
 * {@link Pipeline}; (b) through {@link ModelGateway} and {@link GovernedTools} with
 * {@link PiiHook#defaults()} in every documented placement, the model calling the tool and echoing every
 * value. No personal value reaches any request the model receives; the application gets every value back
 * exactly.
 */
class ConfidentialityProperties {

  /** Where a column is marked personal. */
  enum Mark { NONE, MAPPING, DESCRIPTOR, SCHEMA }

  /** One column of the table: its canonical target path (nested) and where it is marked personal. */
  record Column(String target, Mark mark) {}

  /** A table and its rows (one value per column; ids are 1..n). */
  record Case(List<Column> columns, List<List<String>> rows) {
    boolean personal(int column, boolean descriptorOnly) {
      Mark m = columns.get(column).mark();
      return descriptorOnly ? m == Mark.DESCRIPTOR : m != Mark.NONE;
    }
  }

  /** Where the hook is placed in (b). */
  enum Placement { GATEWAY, GATEWAY_AND_TOOLS }

  private static final String SEPARATOR = "\u241E";

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(14);
    Arbitrary<String> piiLike = Arbitraries.of("jane.doe@example.com", "+33 6 12 34 56 78", "Jane Doe",
        "1 rue de la Paix", "<PERSONAL_1>", "<EMAIL_2>", "<\\EMAIL_1>", "say \"hi\" \\ back", "张伟 13812345678",
        "DE89 3704 0044 0532 0130 00", "Ünïcødé Ñame", "a\nb\tc", "{\"json\":1}", "<PHONE#00ff>");
    return Arbitraries.oneOf(any, piiLike, Combinators.combine(any, piiLike).as((a, b) -> a + " " + b))
        .filter(s -> !s.isBlank() && !s.contains(SEPARATOR) && wellFormed(s) && s.indexOf('\u0000') < 0);
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<String>> prefix = Arbitraries.of("customer", "address", "contact", "billing").list().ofMaxSize(3);
    Arbitrary<Mark> mark = Arbitraries.of(Mark.values());
    return Arbitraries.integers().between(1, 5).flatMap(k -> Combinators.combine(
        prefix.list().ofSize(k), mark.list().ofSize(k),
        values().list().ofSize(k).list().ofMinSize(1).ofMaxSize(4)).as((prefixes, marks, rows) -> {
          List<Column> cols = new ArrayList<>();
          for (int i = 0; i < k; i++) {
            List<String> p = new ArrayList<>(prefixes.get(i));
            p.add("f" + i);
            cols.add(new Column(String.join(".", p), marks.get(i)));
          }
          return new Case(cols, rows);
        }));
  }

  // ---------------------------------------------------------------------------------------------- fixtures

  /** A real H2 database with table PEOPLE(ID, C0..Ck) and the rows; the JDBC adapter over it. */
  private static final class Db implements AutoCloseable {
    final Connection connection;
    final SystemAdapter adapter;

    Db(Case c) throws SQLException {
      String url = SampleDatabases.h2MemoryUrl("conf_" + UUID.randomUUID().toString().replace("-", ""));
      connection = DriverManager.getConnection(url);
      StringBuilder ddl = new StringBuilder("CREATE TABLE people (id INTEGER PRIMARY KEY");
      for (int i = 0; i < c.columns().size(); i++) {
        ddl.append(", c").append(i).append(" VARCHAR(400)");
      }
      try (Statement s = connection.createStatement()) {
        s.execute(ddl.append(')').toString());
      }
      String marks = "?" + ",?".repeat(c.columns().size());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO people VALUES (" + marks + ")")) {
        for (int r = 0; r < c.rows().size(); r++) {
          insert.setInt(1, r + 1);
          for (int i = 0; i < c.columns().size(); i++) {
            insert.setString(i + 2, c.rows().get(r).get(i));
          }
          insert.executeUpdate();
        }
      }
      // as a user writes it: lower case, table-qualified; H2 reports PEOPLE.C0
      String personal = java.util.stream.IntStream.range(0, c.columns().size())
          .filter(i -> c.columns().get(i).mark() == Mark.DESCRIPTOR).mapToObj(i -> "people.c" + i)
          .collect(Collectors.joining(","));
      AdapterConfig.Builder config = AdapterConfig.builder("erp").set("url", url).set("tables", "people")
          .set("writable", "false");
      if (!personal.isEmpty()) {
        config.set("personalColumns", personal);
      }
      adapter = AdapterRegistry.discover().create("jdbc", config.build());
    }

    /** The field name the adapter reports for a column (the database decides its case). */
    String field(String column) {
      return adapter.descriptor().entities().get(0).fields().stream().map(f -> f.name())
          .filter(n -> n.equalsIgnoreCase(column)).findFirst().orElseThrow();
    }

    @Override
    public void close() throws SQLException {
      adapter.close();
      connection.close();
    }
  }

  /** A model that records every request and answers what the test scripts. */
  private static final class RecordingModel implements ChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final java.util.function.Function<ChatRequest, AiMessage> script;

    RecordingModel(java.util.function.Function<ChatRequest, AiMessage> script) {
      this.script = script;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      return ChatResponse.builder().aiMessage(script.apply(request)).modelName("recording").build();
    }

    String everything() {
      StringBuilder sb = new StringBuilder();
      for (ChatRequest r : requests) {
        r.messages().forEach(m -> sb.append(m).append('\n'));
        // the JSON a provider would send encodes strings; look at the decoded text as well
        sb.append(r.toString()).append('\n');
      }
      return sb.toString();
    }
  }

  private static final Path PACK = writePack();

  private static Path writePack() {
    try {
      Path dir = Files.createTempDirectory("mb-echo-pack");
      Files.writeString(dir.resolve("pack.yaml"), String.join("\n", "id: echo", "version: 1.0.0",
          "description: echoes the data it was given", "tasks:", "  echo:", "    template: echo.txt",
          "    schema: echo.schema.json", ""));
      Files.writeString(dir.resolve("echo.txt"), "{{data}}\n{{question}}\n");
      Files.writeString(dir.resolve("echo.schema.json"), "{\"type\":\"object\",\"required\":[\"echo\"],"
          + "\"properties\":{\"echo\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values of personal columns that must not reach a model (long enough not to occur by chance). */
  private static List<String> mustNotLeak(Case c, boolean descriptorOnly) {
    List<String> personal = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (List<String> row : c.rows()) {
      for (int i = 0; i < row.size(); i++) {
        (c.personal(i, descriptorOnly) ? personal : other).add(row.get(i));
      }
    }
    // a value also given in a field that is not personal may legitimately be sent from there
    return personal.stream().filter(v -> v.codePoints().filter(Character::isLetterOrDigit).count() >= 4)
        .filter(v -> other.stream().noneMatch(o -> o.contains(v))).toList();
  }

  private static void assertNoLeak(RecordingModel model, List<String> personal) {
    String sent = model.everything();
    assertThat(model.requests).isNotEmpty();
    for (String v : personal) {
      assertThat(sent).as("personal value sent to the model").doesNotContain(v);
      assertThat(sent).doesNotContain(DataJson.write(v).substring(1, DataJson.write(v).length() - 1));
    }
  }

  // ------------------------------------------------------------------------------------- (a) the pipeline

  private static String schemaFor(Case c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", "object");
    for (Column col : c.columns()) {
      if (col.mark() != Mark.SCHEMA) {
        continue;
      }
      Map<String, Object> node = root;
      String[] parts = col.target().split("\\.");
      for (int i = 0; i < parts.length; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) node.computeIfAbsent("properties", k -> new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) props.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        node = child;
      }
      node.put("x-personal", true);
    }
    return DataJson.write(root);
  }

  /** Echoes every string of the data it was shown, with its record id and path. */
  private static AiMessage echo(ChatRequest request) {
    String prompt = ((UserMessage) request.messages().get(1)).singleText();
    List<Map<String, String>> out = new ArrayList<>();
    try {
      JsonNode data = DataJson.tree(prompt.substring(0, prompt.indexOf('\n')));
      for (JsonNode record : data.path("people")) {
        collect(record, "", record.path("id").asText(), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AiMessage.from(DataJson.write(Map.of("echo", out)));
  }

  private static void collect(JsonNode node, String path, String id, List<Map<String, String>> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
          id, out));
    } else if (node.isTextual()) {
      out.add(Map.of("at", id + ":" + path, "value", node.textValue()));
    }
  }

  @Property(tries = 60)
  void pipeline_neverSendsAPersonalValue_andRestoresEveryValue(@ForAll("cases") Case c) throws Exception {
    Path schema = Files.createTempFile("mb-conf", ".schema.json");
    try (Db db = new Db(c)) {
      Files.writeString(schema, schemaFor(c));
      Mapping.Builder m = Mapping.builder("people", "person").key("id").schema(schema.toString())
          .field("id", f -> f.from(db.field("id")).type(ValueType.INTEGER));
      for (int i = 0; i < c.columns().size(); i++) {
        Column col = c.columns().get(i);
        String source = db.field("c" + i);
        m.field(col.target(), f -> {
          f.from(source).type(ValueType.STRING);
          if (col.mark() == Mark.MAPPING) {
            f.personal();
          }
        });
      }
      RecordingModel model = new RecordingModel(ConfidentialityProperties::echo);
      Pipeline pipeline = Pipeline.builder(DomainPack.load(PACK), model).withoutAudit().build();
      PipelineResult result = pipeline.ask(CallContext.of("acme", "clerk", "conf"),
          PipelineRequest.builder("echo", "Echo every value.")
              .fetch(new Fetch("people", db.adapter, OperationRequest.of("people.query", Map.of()), m.build()))
              .build());

      assertNoLeak(model, mustNotLeak(c, false));
      Map<String, String> back = new LinkedHashMap<>();
      result.answer().path("echo").forEach(e -> back.put(e.path("at").asText(), e.path("value").asText()));
      Map<String, String> expected = new LinkedHashMap<>();
      for (int r = 0; r < c.rows().size(); r++) {
        for (int i = 0; i < c.columns().size(); i++) {
          expected.put((r + 1) + ":" + c.columns().get(i).target(), c.rows().get(r).get(i));
        }
      }
      assertThat(back).isEqualTo(expected);
    } finally {
      Files.deleteIfExists(schema);
    }
  }

  // ------------------------------------------------------------------------ (b) gateway and governed tools

  /** Calls the query tool first; then echoes every field of every record it got, as plain text. */
  private static AiMessage callThenEcho(ChatRequest request) {
    List<ChatMessage> ms = request.messages();
    if (!(ms.get(ms.size() - 1) instanceof ToolExecutionResultMessage result)) {
      String tool = request.toolSpecifications().stream().map(s -> s.name()).filter(n -> n.endsWith("_query"))
          .findFirst().orElseThrow();
      return AiMessage.from(List.of(ToolExecutionRequest.builder().id("t1").name(tool).arguments("{}").build()));
    }
    List<String> parts = new ArrayList<>();
    try {
      for (JsonNode record : DataJson.tree(result.text()).path("records")) {
        String id = record.path("key").elements().next().asText();
        record.path("fields").fields().forEachRemaining(e -> {
          if (e.getValue().isTextual()) {
            parts.add(id + ":" + e.getKey().toLowerCase(java.util.Locale.ROOT) + "=" + e.getValue().textValue());
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AiMessage.from(String.join(SEPARATOR, parts));
  }

  @Property(tries = 60)
  void gatewayAndGovernedTools_neverSendAPersonalValue_andRestoreEveryValue(@ForAll("cases") Case c,
      @ForAll Placement placement) throws Exception {
    try (Db db = new Db(c)) {
      RecordingModel model = new RecordingModel(ConfidentialityProperties::callThenEcho);
      ModelGateway gateway = ModelGateway.builder().provider("recording", model).hook(PiiHook.defaults()).build();
      GovernedTools tools = GovernedTools.builder().adapter(db.adapter)
          .hooks(placement == Placement.GATEWAY_AND_TOOLS ? HookChain.of(List.of(PiiHook.defaults())) : HookChain.empty())
          .build();
      CallContext ctx = CallContext.of("acme", "clerk", "conf");

      List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("List every person and their data.")));
      ChatResponse first = gateway.call(ctx, ChatRequest.builder().messages(messages)
          .toolSpecifications(tools.toolSpecifications(ctx)).build()).response();
      messages.add(first.aiMessage());
      for (ToolExecutionRequest call : first.aiMessage().toolExecutionRequests()) {
        ToolOutcome outcome = tools.execute(ctx, call);
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.EXECUTED);
        messages.add(ToolExecutionResultMessage.from(call, outcome.result()));
      }
      String answer = gateway.call(ctx, ChatRequest.builder().messages(messages)
          .toolSpecifications(tools.toolSpecifications(ctx)).build()).response().aiMessage().text();

      assertNoLeak(model, mustNotLeak(c, true));
      List<String> expected = new ArrayList<>();
      for (int r = 0; r < c.rows().size(); r++) {
        for (int i = 0; i < c.columns().size(); i++) {
          expected.add((r + 1) + ":c" + i + "=" + c.rows().get(r).get(i));
        }
      }
      assertThat(List.of(answer.split(SEPARATOR, -1))).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
