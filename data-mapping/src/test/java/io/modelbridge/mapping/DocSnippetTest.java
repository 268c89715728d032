package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The quick start of docs/data-mapping.md, compiled and run; and one mapping shared by many threads. */
class DocSnippetTest {

  static Mapping quickStart() {
    return Mapping.builder("crm-customers", "customer")
        .key("customerId")
        .schema("io/modelbridge/mapping/canonical/customer.schema.json")
        .field("customerId", f -> f.from("KUNDNR").required())
        .field("name", f -> f.from("NAME1").required())
        .field("contactName", f -> f.from("ANSPRECH").personal())
        .field("address.city", f -> f.from("ORT"))
        .field("active", f -> f.from("AKTIV").type(ValueType.BOOLEAN))
        .rule(Rule.of("id-format", "matches(customerId, '[A-Z0-9]{5}')"))
        .build();
  }

  @Test
  void quickStart_buildsAndMaps() {
    Mapping customers = quickStart();
    MappingOutcome out = customers.map(Map.of("KUNDNR", "ALFKI", "NAME1", "Alfreds", "AKTIV", "J"));
    assertThat(out).isInstanceOfSatisfying(MappingOutcome.Delivered.class, d ->
        assertThat(d.entity().fields()).containsEntry("active", true).containsEntry("customerId", "ALFKI"));
    String yaml = String.join("\n",
        "name: crm-customers",
        "entity: customer",
        "key: [customerId]",
        "schema: io/modelbridge/mapping/canonical/customer.schema.json",
        "fields:",
        "  - {target: customerId, from: KUNDNR, required: true}",
        "  - {target: name, from: NAME1, required: true}",
        "  - {target: contactName, from: ANSPRECH, personal: true}",
        "  - {target: address.city, from: ORT}",
        "  - {target: active, from: AKTIV, type: boolean}",
        "rules:",
        "  - {name: id-format, check: \"matches(customerId, '[A-Z0-9]{5}')\"}",
        "");
    assertThat(Mapping.fromYaml(yaml).spec()).isEqualTo(customers.spec());
  }

  @Test
  void oneMapping_givesTheSameResultsOnManyThreads() throws Exception {
    Mapping m = Mapping.fromYaml(MappingTest.ORDER_YAML);
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, Object> r = MappingTest.order();
      r.put("ORDER_NO", String.valueOf(10_000 + i));
      r.put("STAT", i % 7 == 0 ? "99" : "01");
      inputs.add(r);
    }
    List<MappingOutcome> expected = inputs.stream().map(m::map).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<MappingOutcome>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> inputs.stream().map(m::map).toList()));
      }
      for (Future<List<MappingOutcome>> f : futures) {
        List<MappingOutcome> got = f.get();
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i).delivered()).isEqualTo(expected.get(i).delivered());
          if (got.get(i) instanceof MappingOutcome.Delivered d) {
            assertThat(d.entity().fields()).isEqualTo(((MappingOutcome.Delivered) expected.get(i)).entity().fields());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The "Writing files: all or nothing" snippet of docs/data-mapping.md, as written there. */
  static Counts mapFileAllOrNothing(Mapping mapping, java.nio.file.Path input, java.nio.file.Path output,
      java.nio.file.Path rejectsFile) {
    try (RecordFile in = RecordFile.open(input);
        EntityFile out = EntityFile.replacing(output);
        FileDeadLetterSink rejects = FileDeadLetterSink.replacing(rejectsFile)) {
      Counts counts = mapping.mapStream(in, out, rejects);
      out.commit();
      rejects.commit();
      return counts;
    }
  }

  @Test
  void allOrNothingSnippet_writesBothFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path in = java.nio.file.Files.writeString(dir.resolve("in.csv"),
        "KUNDNR,NAME1,AKTIV\nALFKI,Alfreds,J\nbad,Bad,J\n");
    Counts c = mapFileAllOrNothing(quickStart(), in, dir.resolve("out.jsonl"), dir.resolve("rej.jsonl"));
    assertThat(c).isEqualTo(new Counts(2, 1, 1));
    assertThat(java.nio.file.Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(1);
    assertThat(FileDeadLetterSink.read(dir.resolve("rej.jsonl"))).hasSize(1);
  }
}
