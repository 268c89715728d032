package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.pipeline.pack.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants: template substitution never evaluates its input; counts are conserved from fetch to map. */
class PipelineProperties {

  @Property
  void substitution_insertsValuesVerbatimAndNeverRescansThem(@ForAll String question, @ForAll String data) {
    Template t = Template.parse("[{{question}}|{{data}}]", DomainPack.PLACEHOLDERS);
    String out = t.render(Map.of("question", question, "data", data));
    assertThat(out).isEqualTo("[" + question + "|" + data + "]");
  }

  @Property
  void placeholderLookingInput_staysLiteral(@ForAll("names") String name) {
    Template t = Template.parse("{{question}}", DomainPack.PLACEHOLDERS);
    String evil = "{{" + name + "}}";
    Map<String, String> values = new java.util.HashMap<>();
    values.put(name, "SECRET");
    values.put("question", evil);
    assertThat(t.render(values)).isEqualTo(evil);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> names() {
    return net.jqwik.api.Arbitraries.of("data", "params.maxDiscount", "pack.id", "question", "schema");
  }

  /** An adapter returning the given stock values as records; the mapping rejects negative stock. */
  record ListAdapter(List<AdapterRecord> records) implements SystemAdapter {
    @Override
    public AdapterDescriptor descriptor() {
      return new AdapterDescriptor(io.modelbridge.adapters.spi.SpiVersion.CURRENT, "shop",
          io.modelbridge.adapters.spi.SystemKind.OTHER, List.of(), List.of());
    }

    @Override
    public RecordStream execute(OperationRequest request) {
      return RecordStream.of(records);
    }

    @Override
    public void close() {}
  }

  static final Mapping MAPPING = Mapping.fromYaml(String.join("\n", "name: p", "entity: product", "key: [sku]",
      "fields:", "  - {target: sku, from: sku, required: true}", "  - {target: stock, from: stock, type: integer, required: true}",
      "rules:", "  - {name: stock-not-negative, check: 'stock >= 0'}"));

  @Property(tries = 50)
  void mapStage_countsAddUp(@ForAll @Size(max = 30) List<@IntRange(min = -5, max = 5) Integer> stocks) {
    List<AdapterRecord> records = new ArrayList<>();
    for (int i = 0; i < stocks.size(); i++) {
      records.add(new AdapterRecord(new SourceRef("shop", "products", Map.of("sku", "S" + i), java.util.Optional.empty(),
          java.time.Instant.now()), Map.of("sku", "S" + i, "stock", stocks.get(i))));
    }
    Pipeline p = Pipeline.builder(DomainPack.loadResource("retail", "1.0.0"),
        ScriptedChatModel.of("{\"recommendations\":[{\"sku\":\"S0\",\"reason\":\"r\",\"discount\":0}]}"))
        .withoutAudit().build();
    PipelineRequest req = PipelineRequest.builder("recommend-accessories", "q")
        .fetch(new Fetch("products", new ListAdapter(records), OperationRequest.of("products.query", Map.of()), MAPPING)).build();
    PipelineTrace trace;
    try {
      trace = p.ask(CallContext.anonymous(), req).trace();
    } catch (PipelineException e) {
      trace = e.trace().orElseThrow();
    }
    Map<String, String> d = trace.stage(Stage.MAP).orElseThrow().details();
    long in = Long.parseLong(d.get("in"));
    long delivered = Long.parseLong(d.get("delivered"));
    long rejected = Long.parseLong(d.get("rejected"));
    assertThat(in).isEqualTo(stocks.size()).isEqualTo(delivered + rejected);
    assertThat(rejected).isEqualTo(stocks.stream().filter(s -> s < 0).count());
  }
}
