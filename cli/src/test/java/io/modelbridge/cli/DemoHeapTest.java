package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo fits in 64 MB of heap: run in a forked JVM with {@code -Xmx64m}. */
class DemoHeapTest {

  @Test
  void demo_runsWithin64MbOfHeap(@TempDir Path workdir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        "io.modelbridge.cli.Main", "demo", "--workdir", workdir.toString()));
    pb.redirectErrorStream(true);
    // the child must not pick up a real endpoint from the developer's shell
    pb.environment().remove("OPENAI_BASE_URL");
    pb.environment().remove("OLLAMA_BASE_URL");
    pb.redirectOutput(workdir.resolve("demo.out").toFile());
    Process process = pb.start();
    boolean finished = process.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String out = Files.readString(workdir.resolve("demo.out"), StandardCharsets.UTF_8);

    assertThat(finished).as("demo finished within 3 minutes").isTrue();
    assertThat(process.exitValue()).as(out).isEqualTo(0);
    assertThat(out).doesNotContain("OutOfMemoryError")
        .contains("Stage 3: Ranking accessories by similarity", "Stage 6: Recommendation for her",
            "Stage 2: Reconciling", "ACT              CONFLICT", "ACT              EXECUTED erp_orders_update",
            "WRITTEN: order 10264", "order-desk   1.1.0", "result: INTACT");
    assertThat(new File(workdir.toFile(), "audit.log")).exists();
  }
}
