package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.FileDeadLetterSink;
import io.modelbridge.mapping.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code modelbridge map} on hostile input, through the public entry {@link Main#commandLine()} and real
 * files: every run ends with counts that add up, whole lines, no duplicates, and the input untouched.
 */
class MapHostileInputTest {

  static final String MAPPING = String.join("\n",
      "name: people",
      "entity: person",
      "key: [id]",
      "fields:",
      "  - {target: id, from: id, required: true}",
      "  - {target: name, from: name, personal: true}",
      "  - {target: age, from: age, type: integer}",
      "  - {target: note, from: note}",
      "");

  record Run(int exit, String out, String err, long in, long delivered, long rejected) {}

  static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    Matcher m = Pattern.compile("in=(\\d+) delivered=(\\d+) rejected=(\\d+)").matcher(out.toString());
    boolean counted = m.find();
    return new Run(exit, out.toString(), err.toString(), counted ? Long.parseLong(m.group(1)) : -1,
        counted ? Long.parseLong(m.group(2)) : -1, counted ? Long.parseLong(m.group(3)) : -1);
  }

  /** Runs map on {@code input} and checks what every run must hold; returns the run. */
  static Run map(Path dir, Path input) throws Exception {
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    byte[] before = Files.readAllBytes(input);
    Path out = dir.resolve("out.jsonl");
    Path rej = dir.resolve("rej.jsonl");
    Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(), "--output", out.toString(),
        "--rejects", rej.toString());
    assertThat(Files.readAllBytes(input)).as("the input is untouched").isEqualTo(before);
    assertThat(r.in()).as("counts printed: %s %s", r.out(), r.err()).isGreaterThanOrEqualTo(0);
    assertThat(r.in()).as("counts add up").isEqualTo(r.delivered() + r.rejected());
    if (r.exit() < 2) {
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).hasSize((int) r.delivered());
      Set<String> keys = new HashSet<>();
      for (String l : lines) {
        assertThat(keys.add(DataJson.tree(l).get("key").asText())).as("no duplicate: %s", l).isTrue();
      }
      assertThat(FileDeadLetterSink.read(rej)).hasSize((int) r.rejected())
          .noneMatch(x -> x.mapping().equals("(unreadable)"));
      assertThat(r.exit()).isEqualTo(r.rejected() == 0 ? 0 : 1);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
    return r;
  }

  static List<Rejection> rejects(Path dir) {
    return FileDeadLetterSink.read(dir.resolve("rej.jsonl"));
  }

  @Test
  void loneSurrogates_rejectThoseRecordsAndTheRunGoesOn(@TempDir Path dir) throws Exception {
    Path jsonl = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"1\",\"name\":\"Ann\"}\n"
        + "{\"id\":\"2\",\"name\":\"Bo\\uDC00b\"}\n{\"id\":\"3\",\"name\":\"Cy\"}\n{\"id\":\"4\",\"note\":\"\\uD800\"}\n"
        + "{\"id\":\"5\"}\n");
    Run r = map(dir, jsonl);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r).extracting(Run::in, Run::delivered, Run::rejected).containsExactly(5L, 3L, 2L);
    assertThat(rejects(dir)).extracting(x -> x.origin().orElseThrow()).containsExactly("in.jsonl:2", "in.jsonl:4");
    assertThat(rejects(dir).get(0).data().get("name").textValue()).isEqualTo("Bo\uDC00b");
    assertThat(Files.readString(dir.resolve("rej.jsonl"))).doesNotContain("Bo?b").containsIgnoringCase("Bo\\uDC00b");

    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes("id,name,age,note\n1,Ann,3,x\n2,".getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    csv.writeBytes(",4,y\n3,Cy,5,z\n".getBytes(StandardCharsets.UTF_8));
    Run fromCsv = map(dir, Files.write(dir.resolve("in.csv"), csv.toByteArray()));
    assertThat(fromCsv).extracting(Run::exit, Run::in, Run::delivered, Run::rejected).containsExactly(1, 3L, 2L, 1L);
    assertThat(rejects(dir).get(0).violations().get(0).message()).contains("line 3").contains("UTF-8");
  }

  @Test
  void invalidUtf8AtLine5000_isReportedAtLine5000(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes("id,name,age,note\n".getBytes(StandardCharsets.UTF_8));
    for (int line = 2; line <= 5100; line++) {
      csv.writeBytes((line + ",Jürgen Åström,42,").getBytes(StandardCharsets.UTF_8));
      if (line == 5000) {
        csv.write(0xC0);
      }
      csv.writeBytes("ok\n".getBytes(StandardCharsets.UTF_8));
    }
    Run r = map(dir, Files.write(dir.resolve("big.csv"), csv.toByteArray()));
    assertThat(r).extracting(Run::exit, Run::in, Run::delivered, Run::rejected).containsExactly(1, 5099L, 5098L, 1L);
    Rejection bad = rejects(dir).get(0);
    assertThat(bad.origin()).contains("big.csv:5000");
    assertThat(bad.violations().get(0).message()).contains("line 5000").contains("UTF-8");
    assertThat(r.out() + r.err()).doesNotContain("Jürgen");
  }

  @Test
  void nulBytesTenMegabyteLineAndNoTrailingNewline_areDelivered(@TempDir Path dir) throws Exception {
    String big = "y".repeat(10 * 1024 * 1024);
    Path csv = Files.writeString(dir.resolve("in.csv"),
        "id,name,age,note\n1,A\u0000B,1,x\n2,Bo,2," + big + "\n3,Cy,3,last");
    Run r = map(dir, csv);
    assertThat(r).extracting(Run::exit, Run::in, Run::delivered, Run::rejected).containsExactly(0, 3L, 3L, 0L);
    List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(DataJson.tree(lines.get(0)).at("/fields/name").textValue()).isEqualTo("A\u0000B");
    assertThat(DataJson.tree(lines.get(1)).at("/fields/note").textValue()).hasSize(big.length());
  }

  @Test
  void shortAndLongRows_areRejectedWithExpectedAndFoundCells(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("in.csv"), "id,name,age,note\n1,Ann,3,x\n2,Bo\n3,Cy,4,y,extra\n4,Di,5,z\n");
    Run r = map(dir, csv);
    assertThat(r).extracting(Run::exit, Run::in, Run::delivered, Run::rejected).containsExactly(1, 4L, 2L, 2L);
    assertThat(rejects(dir)).extracting(x -> x.violations().get(0).message()).satisfiesExactly(
        m -> assertThat(m).contains("line 3").contains("expected 4 cells, found 2"),
        m -> assertThat(m).contains("line 4").contains("expected 4 cells, found 5"));
  }

  @Test
  void emptyFiles_giveZeroCountsAndEmptyOutputs(@TempDir Path dir) throws Exception {
    for (String name : List.of("e.csv", "e.jsonl", "h.csv")) {
      Path in = Files.writeString(dir.resolve(name), name.equals("h.csv") ? "id,name\n" : "");
      Run r = map(dir, in);
      assertThat(r).extracting(Run::exit, Run::in).containsExactly(0, 0L);
      assertThat(Files.size(dir.resolve("out.jsonl"))).isZero();
    }
  }

  @Test
  void outputOrRejectsThatIsTheInput_isRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    Path input = Files.writeString(dir.resolve("in.csv"), "id,name\n1,Ann\n");
    byte[] before = Files.readAllBytes(input);
    Files.createDirectories(dir.resolve("sub"));
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), input);
    Path hard = Files.createLink(dir.resolve("hard.csv"), input);
    Path out = dir.resolve("out.jsonl");
    Path rej = dir.resolve("rej.jsonl");
    List<String[]> clashes = List.of(
        new String[] {"--output", input.toString(), "--rejects", rej.toString()},
        new String[] {"--output", out.toString(), "--rejects", input.toString()},
        new String[] {"--output", dir.resolve("sub/../in.csv").toString(), "--rejects", rej.toString()},
        new String[] {"--output", link.toString(), "--rejects", rej.toString()},
        new String[] {"--output", out.toString(), "--rejects", hard.toString()},
        new String[] {"--output", out.toString(), "--rejects", out.toString()},
        new String[] {"--output", mapping.toString(), "--rejects", rej.toString()});
    for (String[] paths : clashes) {
      Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(),
          paths[0], paths[1], paths[2], paths[3]);
      assertThat(r.exit()).as(String.join(" ", paths)).isEqualTo(2);
      assertThat(r.err()).contains("are the same file").contains("nothing was opened for writing");
      assertThat(Files.readAllBytes(input)).isEqualTo(before);
      assertThat(Files.readString(mapping)).isEqualTo(MAPPING);
      assertThat(out).doesNotExist();
      assertThat(rej).doesNotExist();
      assertThat(Files.isSymbolicLink(link)).isTrue();
    }
    // a relative path naming the input is caught as well
    Path relative = Path.of("").toAbsolutePath().relativize(input);
    Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(),
        "--output", relative.toString(), "--rejects", rej.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(Files.readAllBytes(input)).isEqualTo(before);
  }

  @Test
  void failedRun_leavesThePreviousOutputAndRejectsUntouched(@TempDir Path dir) throws Exception {
    Path mapping = Files.writeString(dir.resolve("m.yaml"), MAPPING);
    Path input = Files.writeString(dir.resolve("in.csv"), "id,name\n1,Ann\n");
    Path rej = Files.writeString(dir.resolve("rej.jsonl"), "previous\n");
    Files.writeString(dir.resolve("blocker"), "a file where a folder is expected");
    Run r = run("map", "--mapping", mapping.toString(), "--input", input.toString(),
        "--output", dir.resolve("blocker/out.jsonl").toString(), "--rejects", rej.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("in=0 delivered=0 rejected=0");
    assertThat(r.err()).contains("nothing written");
    assertThat(Files.readString(rej)).isEqualTo("previous\n");
  }

  @Test
  void replay_deliversFixedRecordsAndRejectsTheRestAgain_neverBoth(@TempDir Path dir) throws Exception {
    Path strict = Files.writeString(dir.resolve("strict.yaml"), MAPPING);
    Path lenient = Files.writeString(dir.resolve("lenient.yaml"), MAPPING.replace("type: integer", "type: decimal"));
    Path input = Files.writeString(dir.resolve("in.csv"),
        "id,name,age,note\n1,Ann,30,a\n2,Bo,30.5,b\n,Cy,31,c\n4,Di,old,d\n5,Ed,41.25,e\n");
    Path out = dir.resolve("out.jsonl");
    Path rej = dir.resolve("rej.jsonl");
    Run first = run("map", "--mapping", strict.toString(), "--input", input.toString(),
        "--output", out.toString(), "--rejects", rej.toString());
    assertThat(first.out()).contains("in=5 delivered=1 rejected=4");

    Path recovered = dir.resolve("recovered.jsonl");
    Path still = dir.resolve("still.jsonl");
    Run replay = run("map", "--mapping", lenient.toString(), "--replay", rej.toString(),
        "--output", recovered.toString(), "--rejects", still.toString());
    assertThat(replay.exit()).isEqualTo(1);
    assertThat(replay.out()).contains("in=4 delivered=2 rejected=2");
    Set<String> delivered = new HashSet<>();
    for (String l : Files.readAllLines(recovered)) {
      delivered.add(DataJson.tree(l).get("key").asText());
    }
    assertThat(delivered).containsExactlyInAnyOrder("2", "5");
    List<Rejection> again = FileDeadLetterSink.read(still);
    assertThat(again).extracting(Rejection::sourceKey).containsExactly("? (in.csv:4)", "4");
    assertThat(again).extracting(Rejection::sourceKey).doesNotContainAnyElementsOf(delivered);
    assertThat(FileDeadLetterSink.read(rej)).hasSize(4); // the replayed file itself is not changed

    Run self = run("map", "--mapping", lenient.toString(), "--replay", rej.toString(),
        "--output", recovered.toString(), "--rejects", rej.toString());
    assertThat(self.exit()).isEqualTo(2);
    assertThat(FileDeadLetterSink.read(rej)).hasSize(4);
    Run both = run("map", "--mapping", lenient.toString(), "--replay", rej.toString(), "--input", input.toString(),
        "--output", recovered.toString(), "--rejects", still.toString());
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("exactly one");
  }
}
