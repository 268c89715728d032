package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
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
  void registeredInMain() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("pii");
  }
}
