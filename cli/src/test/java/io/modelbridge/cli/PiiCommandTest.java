package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PiiCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    CommandLine cli = new CommandLine(new PiiCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void scan_textWritesOneJsonLinePerFinding() {
    int code = run("Contact: jane.doe@example.com, 请拨打13812345678联系我", "scan");
    assertThat(code).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "{\"type\":\"EMAIL\",\"start\":9,\"end\":29,\"text\":\"jane.doe@example.com\"}",
        "{\"type\":\"PHONE\",\"start\":34,\"end\":45,\"text\":\"13812345678\"}");
  }

  @Test
  void scan_pseudonymizeText() {
    assertThat(run("a@example.com and a@example.com, b@example.com", "scan", "--mode", "pseudonymize")).isZero();
    assertThat(out.toString()).isEqualTo("<EMAIL_1> and <EMAIL_1>, <EMAIL_2>");
  }

  @Test
  void scan_jsonlFindingsNameLineAndPath_badLineReported() {
    String in = "{\"c\":{\"mails\":[\"x a@example.com\"]}}\nnot json\n{\"name\":\"Zoe\"}\n";
    int code = run(in, "scan", "--jsonl", "--personal-field", "name");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString().lines()).containsExactly(
        "{\"line\":1,\"path\":\"c.mails[0]\",\"type\":\"EMAIL\",\"start\":2,\"end\":15,\"text\":\"a@example.com\"}",
        "{\"line\":3,\"path\":\"name\",\"type\":\"PERSONAL\",\"start\":0,\"end\":3,\"text\":\"Zoe\"}");
    assertThat(err.toString()).contains("line 2: not a JSON object");
  }

  @Test
  void scan_jsonlPseudonymize() {
    assertThat(run("{\"to\":\"+33 6 12 34 56 78\",\"n\":1}\n", "scan", "--jsonl", "--mode", "pseudonymize")).isZero();
    assertThat(out.toString().strip()).isEqualTo("{\"to\":\"<PHONE_1>\",\"n\":1}");
  }

  @Test
  void eval_printsScoresPerTypeAndLanguageAndExitsZero(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("labels.jsonl");
    Files.writeString(file, "{\"id\":\"t1\",\"lang\":\"en\",\"text\":\"Mail jane.doe@example.com today\","
        + "\"entities\":[{\"type\":\"EMAIL\",\"start\":5,\"end\":25,\"value\":\"jane.doe@example.com\"}]}\n"
        + "{\"id\":\"t2\",\"lang\":\"fr\",\"text\":\"aucune donnée\",\"entities\":[{\"type\":\"EMAIL\","
        + "\"start\":0,\"end\":6}]}\n", StandardCharsets.UTF_8);
    int code = run("", "eval", file.toString(), "--errors");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("labels.jsonl: 2 texts, 2 labelled spans")
        .contains("| EMAIL | 2 | 1 | 1.000 | 0.500 | 0.667 | 1.000 | 0.500 | 0.667 |")
        .contains("| language en | 1 | 1 | 1.000 | 1.000 |")
        .contains("| language fr | 1 | 0 | 1.000 | 0.000 |")
        .contains("EXACT mismatches: 1")
        .contains("FALSE_NEGATIVE EMAIL 0..6 '*****e' in t2")
        .doesNotContain("aucune");
  }

  @Test
  void eval_invalidLineExitsTwoNamingTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"text\":\"ok\",\"entities\":[]}\n{\"text\":\"abc\",\"entities\":[{\"type\":"
        + "\"PHONE\",\"start\":1,\"end\":9}]}\n", StandardCharsets.UTF_8);
    assertThat(run("", "eval", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("line 2 entity 0").contains("ends beyond the text");
    assertThat(run("", "eval", dir.resolve("absent.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read");
  }

  @Test
  void longLine_scannedInOverlappingWindows_eachFindingOnceWithOffsetsOfTheWholeInput() throws Exception {
    // values at every offset around the window boundaries of a 4096-character limit
    StringBuilder text = new StringBuilder();
    String[] values = {"jane.o'neil@example.com", "+33 6 12 34 56 78", "DE89 3704 0044 0532 0130 00", "198.51.100.7"};
    int k = 0;
    while (text.length() < 40_000) {
      text.append("x".repeat(1 + (k * 37) % 211)).append(' ').append(values[k % values.length]).append(' ');
      k++;
    }
    String in = text.toString();
    CommandLine cli = new CommandLine(new PiiCommand(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), 4096));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("scan")).isZero();
    List<String> expected = new java.util.ArrayList<>();
    for (var f : io.modelbridge.security.pii.PiiScanner.defaults().scan(in)) {
      expected.add("{\"type\":\"" + f.type() + "\",\"start\":" + f.start() + ",\"end\":" + f.end() + ",");
    }
    assertThat(expected).hasSizeGreaterThan(300);
    assertThat(out.toString().lines().map(l -> l.substring(0, l.indexOf(",\"text\"") + 1)).toList())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void longLine_inPseudonymizeMode_isRejectedByNameAndTheOthersWritten() {
    String longLine = "a@example.com " + "y".repeat(5000);
    CommandLine cli = new CommandLine(new PiiCommand(new ByteArrayInputStream(
        ("b@example.com\n" + longLine + "\nc@example.com\n").getBytes(StandardCharsets.UTF_8)), 4096));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("scan", "--mode", "pseudonymize")).isEqualTo(2);
    assertThat(out.toString()).isEqualTo("<EMAIL_1>\n<EMAIL_2>\n").doesNotContain("a@example.com");
    assertThat(err.toString()).contains("line 2: longer than 4096 characters; not written");
  }

  @Test
  void scan_streamsAnInputLargerThanItKeeps() {
    // 24 MB in one line, produced on the fly: never held whole (the limit bounds what is kept)
    byte[] unit = "Ticket 4711: call +44 20 7946 0018 or mail ops@example.org; ".getBytes(StandardCharsets.UTF_8);
    long units = 400_000;
    long total = units * unit.length;
    java.io.InputStream gen = new java.io.InputStream() {
      long pos;

      @Override
      public int read() {
        return pos >= total ? -1 : unit[(int) (pos++ % unit.length)];
      }
    };
    java.io.Writer counting = new java.io.Writer() {
      @Override
      public void write(char[] c, int o, int l) {
        for (int i = o; i < o + l; i++) {
          lines += c[i] == '\n' ? 1 : 0;
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    CommandLine cli = new CommandLine(new PiiCommand(new java.io.BufferedInputStream(gen, 1 << 16)));
    cli.setOut(new PrintWriter(counting, true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("scan")).isZero();
    assertThat(lines).isEqualTo(2 * units);
  }

  private long lines;

  @Test
  void registeredInMain() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("pii");
  }
}
