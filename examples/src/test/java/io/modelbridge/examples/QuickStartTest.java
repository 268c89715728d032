package io.modelbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.security.audit.AuditVerifier;
import io.modelbridge.security.audit.CheckpointKey;
import io.modelbridge.security.audit.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

  private static final byte[] KEY = "test-key-test-key-test-key-test!".getBytes(StandardCharsets.UTF_8);

  @Test
  void answersOffline_restoresPersonalData_andLeavesAnIntactAuditLogWithoutIt(@TempDir Path dir)
      throws Exception {
    Path audit = dir.resolve("audit.log");

    ModelAnswer answer = QuickStart.askAboutLateOrders(audit, KEY);

    String text = answer.response().aiMessage().text();
    assertThat(answer.provider()).isEqualTo("offline");
    assertThat(text).startsWith("[offline model]").contains("10248", "10249");
    // the model saw tokens; the application gets its own data back
    assertThat(text).contains("jane.doe@example.com").doesNotContain("<EMAIL_");

    VerificationReport report = AuditVerifier.verify(audit, CheckpointKey.hmac(KEY));
    assertThat(report.intact()).as(report.toString()).isTrue();
    assertThat(report.lines()).isGreaterThanOrEqualTo(2);
    String log = Files.readString(audit);
    assertThat(log).doesNotContain("jane.doe@example.com", "li.wei@example.cn", "12 34 56 78", "138 0013");
  }

  @Test
  void readmeUsageSnippetIsTheCompiledQuickStart() throws Exception {
    String source = Files.readString(Path.of("src/main/java/io/modelbridge/examples/QuickStart.java"));
    String snippet = source.substring(source.indexOf("// snippet-start\n") + "// snippet-start\n".length(),
        source.indexOf("    // snippet-end"));
    String readme = Files.readString(Path.of("../README.md"));
    String unindented = snippet.lines().map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertThat(readme).contains("```java\n" + unindented + "```");
  }
}
