package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

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
  void demo_onEmbeddedDefaults_showsFallbackThenCacheHit() {
    Run r = run("demo");

    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out())
        .contains("primary -> offline")
        .contains("Step 1", "fallbacks: 1 (retries: 1, provider failures: 2", "answered by: offline", "provider attempts: 3")
        .contains("[offline model]", "3 records", "amount = 1650.40")
        .contains("Step 2", "answered by: cache (cache hit, no provider called)", "provider attempts: 0")
        .contains("fallbacks: 1", "cache hits: 1", "CONNECTION=2");
  }

  @Test
  void demo_withInvalidConfig_namesTheKey(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("gw.properties");
    Files.writeString(config, "modelbridge.retries=3\n");

    Run r = run("demo", "--config", config.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("modelbridge.retries");
  }
}
