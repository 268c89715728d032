package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.mapping.FileDeadLetterSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MapCommandTest {

  static final String MAPPING = String.join("\n",
      "name: crm-customers",
      "entity: customer",
      "key: [customerId]",
      "fields:",
      "  - {target: customerId, from: id, required: true}",
      "  - {target: name, from: name, personal: true}",
      "  - {target: creditLimit, from: limit, type: decimal, locale: de, scale: 2}",
      "  - {target: active, from: active, type: boolean}",
      "");

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void csvInput_allDelivered_exits0(@TempDir Path dir) throws Exception {
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    Path input = Files.writeString(dir.resolve("in.csv"),
        "id,name,limit,active\nC1,Acme,\"1.234,50\",ja\nC2,Beta,0,N\n");
    Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(),
        "--output", dir.resolve("out.jsonl").toString(), "--rejects", dir.resolve("rej.jsonl").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("in=2 delivered=2 rejected=0");
    List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"key\":\"C1\"").contains("\"creditLimit\":1234.50").contains("\"active\":true");
    assertThat(Files.readAllLines(dir.resolve("rej.jsonl"))).isEmpty();
    Path missingKey = Files.writeString(dir.resolve("keys.csv"), "id,name\nC1,Acme\n,Nobody\nC3,Gamma\n");
    Run r2 = run("map", "--mapping", mapping.toString(), "--input", missingKey.toString(),
        "--output", dir.resolve("out2.jsonl").toString(), "--rejects", dir.resolve("rej2.jsonl").toString());
    assertThat(r2.exit()).isEqualTo(1);
    assertThat(FileDeadLetterSink.read(dir.resolve("rej2.jsonl")).get(0).sourceKey()).isEqualTo("? (keys.csv:3)");
  }

  @Test
  void semicolonSeparatedCsv_withDelimiterOption(@TempDir Path dir) throws Exception {
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    Path input = Files.writeString(dir.resolve("in.csv"), "id;name;limit\nC1;Acme;1.234,50\n");
    Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(), "--delimiter", ";",
        "--output", dir.resolve("out.jsonl").toString(), "--rejects", dir.resolve("rej.jsonl").toString());
    assertThat(r.exit()).isZero();
    assertThat(Files.readString(dir.resolve("out.jsonl"))).contains("\"creditLimit\":1234.50");
  }

  @Test
  void jsonlInputWithBadRecords_exits1AndWritesReplayableRejects(@TempDir Path dir) throws Exception {
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    Path input = Files.writeString(dir.resolve("in.jsonl"),
        "{\"id\":\"C1\",\"name\":\"Acme\",\"limit\":\"10\"}\n\n{\"name\":\"Jane Roe\",\"limit\":\"lots\"}\n"
            + "{\"id\":\"C3\",\"active\":\"maybe\"}\n");
    Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(),
        "--output", dir.resolve("out.jsonl").toString(), "--rejects", dir.resolve("rej.jsonl").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("in=3 delivered=1 rejected=2");
    var rejects = FileDeadLetterSink.read(dir.resolve("rej.jsonl"));
    assertThat(rejects).hasSize(2);
    assertThat(rejects.get(0).violations()).extracting(v -> v.path() + ":" + v.rule())
        .containsExactlyInAnyOrder("customerId:required", "creditLimit:type");
    assertThat(rejects.get(0).sourceKey()).isEqualTo("? (in.jsonl:3)");
    assertThat(rejects.get(1).sourceKey()).isEqualTo("C3");
    assertThat(r.out() + r.err()).doesNotContain("Jane");
  }

  @Test
  void invalidMappingOrMissingInput_exits2_corruptLineIsOneReject(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\nentity: y\nfields:\n  - {target: a, frm: b}\n");
    Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"C1\"}\n");
    Run r = run("map", "--mapping", bad.toString(), "--input", input.toString(),
        "--output", dir.resolve("o.jsonl").toString(), "--rejects", dir.resolve("r.jsonl").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown setting 'frm'");
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    Run missing = run("map", "--mapping", mapping.toString(), "--input", dir.resolve("nope.csv").toString(),
        "--output", dir.resolve("o.jsonl").toString(), "--rejects", dir.resolve("r.jsonl").toString());
    assertThat(missing.exit()).isEqualTo(2);
    Path corrupt = Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"C1\"}\n{not json\n");
    Run c = run("map", "--mapping", mapping.toString(), "--input", corrupt.toString(),
        "--output", dir.resolve("o.jsonl").toString(), "--rejects", dir.resolve("r.jsonl").toString());
    // a corrupt line is one rejected record, not the end of the run
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("in=2 delivered=1 rejected=1");
    assertThat(FileDeadLetterSink.read(dir.resolve("r.jsonl")).get(0).violations().get(0).message())
        .contains("line 2").contains("not valid JSON");
  }
}
