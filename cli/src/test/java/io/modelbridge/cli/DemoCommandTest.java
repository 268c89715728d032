package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole demo, offline, run once for the class (the embedding model loads once per JVM). */
class DemoCommandTest {

  record Run(int exit, String out, String err) {}

  static final Function<String, Optional<String>> NO_ENV = name -> Optional.empty();

  /** Clear personal values from Northwind and the CRM export that must never leave the JVM. */
  static final List<String> PERSONAL_VALUES = List.of(
      "Maria Anders", "maria.anders@example.com", "030-0074321", "030-0076545", "Obere Str. 57",
      "Maria Larsson", "maria.larsson@example.com", "0695-34 67 21", "Åkergatan 24");

  @TempDir static Path workdir;
  static Run offline;

  static Run run(Function<String, Optional<String>> env, String... args) {
    CommandLine cli = new CommandLine(new DemoCommand(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExitCodeExceptionMapper(e -> 2);
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void runDemoOnce() {
    offline = run(NO_ENV, "--workdir", workdir.toString());
  }

  /** Every line of the printed prompts that left the JVM, joined without separators (lines are wrapped). */
  static String promptsAsSent(String out) {
    return out.lines().filter(l -> l.startsWith("     | ")).map(l -> l.substring(7)).collect(Collectors.joining());
  }

  @Test
  void demo_onEmbeddedDefaults_showsFallbackThenCacheHit() {
    assertThat(offline.exit()).as(offline.err()).isEqualTo(0);
    assertThat(offline.out())
        .contains("primary -> offline")
        .contains("Step 1", "fallbacks: 1 (retries: 1, provider failures: 2", "answered by: offline", "provider attempts: 3")
        .contains("[offline model]", "3 records", "amount = 1650.40")
        .contains("Step 2", "answered by: cache (cache hit, no provider called)", "provider attempts: 0")
        .contains("fallbacks: 1", "cache hits: 1", "CONNECTION=2");
  }

  @Test
  void demo_namesEveryScenarioAndStage() {
    assertThat(offline.out()).contains(
        "Scenario 1: Retail", "Stage 1: Catalogue read through the 'shop' adapter",
        "Stage 2: Events flow in", "event purchase D-101", "Stage 3: Ranking accessories",
        "Stage 5: Her question through the pipeline (domain pack retail 1.1.0)", "pseudonymized before sending:",
        "prompt as it left the JVM", "pipeline trace (one line per stage, audited):",
        "FETCH            16 records from shop/products.query", "LIVE_CONTEXT", "PSEUDONYMIZE",
        "MODEL            offline model answered {attempt=1, model=offline", "offline=true, degraded=false",
        "VALIDATE_ANSWER  answer valid on attempt 1", "valid: 3 product(s)",
        "the offline model's structured answer", "assistant says (personal data restored): [offline model]",
        "Stage 6: Recommendation for her",
        "Scenario 2: Order desk", "Stage 2: Reconciling",
        "Stage 3: The clerk's question through the pipeline (domain pack order-desk 1.1.0)",
        "FETCH            1 records from erp/orders.get", "ACT              CONFLICT",
        "Stage 4: Asking again on fresh data", "ACT              EXECUTED erp_orders_update",
        "Feedback: what the users did with the answers, acceptance per pack version", "Audit verification");
    assertThat(offline.out()).doesNotContain("Exception", "\tat ", "REFUSED after one retry");
  }

  @Test
  void retail_recommendsOnlyInStockProducts_andSkipsOutOfStockMatches() throws Exception {
    Map<String, Long> stock = new HashMap<>();
    for (String line : Files.readAllLines(workdir.resolve("catalogue.csv")).subList(1, 17)) {
      String[] cells = line.split(",");
      stock.put(cells[0], Long.parseLong(cells[cells.length - 1]));
    }
    Matcher m = Pattern.compile("recommended: (\\S+) ").matcher(offline.out());
    int recommended = 0;
    while (m.find()) {
      recommended++;
      assertThat(stock.get(m.group(1))).as("stock of " + m.group(1)).isPositive();
    }
    assertThat(recommended).isEqualTo(3);
    // the recommendation is the validated offline answer: the in-stock candidates of the ranking, in order
    Matcher candidates = Pattern.compile("candidate: (\\S+) ").matcher(offline.out());
    Matcher picked = Pattern.compile("recommended: (\\S+) ").matcher(offline.out());
    while (candidates.find()) {
      assertThat(picked.find()).isTrue();
      assertThat(picked.group(1)).isEqualTo(candidates.group(1));
    }
    // the ranking met an out-of-stock accessory and left it out
    assertThat(offline.out()).containsPattern("skipped \\(out of stock\\): A-2\\d\\d ");
  }

  @Test
  void orderDesk_throughThePipeline_conflictFirst_thenExecutedOnTheFreshVersion() throws Exception {
    String out = offline.out();
    assertThat(out).contains("18 match, 1 differ").containsPattern("MISMATCH order 10264 dueDate: ERP 1996-08-21, CRM 1996-09-04");
    // the reconciliation's finding is the pipeline's live context; the offline model's answer passes the pack
    assertThat(out).contains("live context (the reconciliation's finding): Reconciliation ERP against CRM for order 10264",
        "valid proposal from the offline model", "order 10264 due 1996-09-04 ([offline model]")
        .doesNotContain("the proposal comes from the reconciliation");
    int change = out.indexOf("meanwhile clerk-12 changes order 10264");
    int conflict = out.indexOf("REFUSED: erp_orders_update CONFLICT, based on version 1, current version 2");
    int approval = out.indexOf("approval requested: erp_orders_update by clerk-7, expected version 2");
    int executed = out.indexOf("ACT              EXECUTED erp_orders_update {tool=erp_orders_update, basedOnVersion=2");
    int written = out.indexOf("WRITTEN: order 10264 required date 1996-09-04, version 3");
    assertThat(change).isPositive();
    assertThat(conflict).isGreaterThan(change);
    // the conflict is found before anyone is asked to approve: the approval comes only on fresh data
    assertThat(out.substring(0, conflict)).doesNotContain("approval requested: erp_orders_update");
    assertThat(approval).isGreaterThan(conflict);
    assertThat(executed).isGreaterThan(approval);
    // read back from H2 through the ERP adapter after the write: the corrected date and the final version
    assertThat(written).isGreaterThan(executed);
    assertThat(out).contains("ACT              CONFLICT: the record changed since it was read; nothing written"
        + " {tool=erp_orders_update, basedOnVersion=1, currentVersion=2}",
        "dry-run preview (nothing written yet): required date 1996-09-04, version 3");
    // the audit log holds the pipeline's conflict and the executed write-back
    String audit = Files.readString(workdir.resolve("audit.log"));
    assertThat(audit).contains("\"action\":\"pipeline.act\"", "\"currentVersion\":\"2\"", "\"type\":\"WRITE_BACK\"",
        "\"pack\":\"order-desk@1.1.0\"");
  }

  @Test
  void feedback_isRecordedPerAnswer_andReportedPerPackVersion() throws Exception {
    String out = offline.out();
    assertThat(out).contains("feedback recorded: the shopper ACCEPTED the recommendation (pack retail 1.1.0)",
        "feedback recorded: the clerk ACCEPTED the corrected date after approval (pack order-desk 1.1.0)")
        .containsPattern("order-desk +1\\.1\\.0 +1 +0 +0 +100%")
        .containsPattern("retail +1\\.1\\.0 +1 +0 +0 +100%");
    assertThat(out.indexOf("acceptance per pack version")).isLessThan(out.indexOf("Audit verification"));
    List<String> lines = Files.readAllLines(workdir.resolve("feedback.jsonl"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("retail", "1.1.0", "recommend-accessories", "ACCEPTED");
    assertThat(lines.get(1)).contains("order-desk", "1.1.0", "correct-delivery-date", "ACCEPTED");
  }

  @Test
  void auditVerification_saysIntact() {
    assertThat(offline.out()).containsPattern("entries: \\d+, last signed checkpoint at seq \\d+")
        .contains("result: INTACT");
  }

  /** Issue 11: the demo saved no key, so its own log could not be verified; now the printed command does it. */
  @Test
  void demosOwnAuditLog_verifiesIntactWithTheAuditVerifyCommandItPrints() throws Exception {
    String prefix = "check it yourself: java -jar modelbridge-cli.jar ";
    String command = offline.out().lines().filter(l -> l.contains(prefix)).findFirst().orElseThrow();
    String[] args = command.substring(command.indexOf(prefix) + prefix.length()).strip().split(" ");
    assertThat(args).containsExactly("audit", "verify", workdir.resolve("audit.log").toString(), "--key-file",
        workdir.resolve("audit.pub").toString());
    MapCommandTest.Run r = MapCommandTest.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).startsWith("INTACT").contains("anchored: ");
    assertThat(Files.readString(workdir.resolve("audit.pub"))).startsWith("ed25519:");
    // periodic checkpoints, not only the closing one
    assertThat(Files.readString(workdir.resolve("audit.log"))).contains("\"closing\":\"false\"");
  }

  @Test
  void promptsThatLeftTheJvm_holdTokens_neverThePersonalValues() throws Exception {
    String sent = promptsAsSent(offline.out());
    // the shopper's e-mail (retail) and the CRM contact's e-mail in the clerk's question (order desk)
    assertThat(sent).contains("Please send the list to <EMAIL_1>", "the contact, <EMAIL_1>, asks about it");
    assertThat(sent).doesNotContain(PERSONAL_VALUES);
    // the values were there to protect: the CRM export holds them
    assertThat(Files.readString(workdir.resolve("crm-orders.csv"))).contains("maria.larsson@example.com", "Maria Larsson");
  }

  @Test
  void demoPrompt_showsPricesAsTheCatalogueWritesThem_never1point2EPlus2() {
    String sent = promptsAsSent(offline.out());
    // catalogue.csv: A-209 ... 120.00; a double or a zero-stripping step made it 1.2E+2
    assertThat(sent).contains("\"price\":120.00").doesNotContainPattern("\"price\":-?[0-9.]+[eE]");
  }

  @Test
  void demo_runsTwiceInTheSameWorkdir() {
    Run again = run(NO_ENV, "--workdir", workdir.toString());
    assertThat(again.exit()).as(again.err()).isEqualTo(0);
    assertThat(again.out()).contains("WRITTEN: order 10264", "result: INTACT");
  }

  @Test
  void demo_withInvalidConfig_namesTheKey(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("gw.properties");
    Files.writeString(config, "modelbridge.retries=3\n");

    Run r = run(NO_ENV, "--config", config.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("modelbridge.retries");
  }

  @Test
  void demo_withWorkdirThatIsAFile_failsWithAClearMessage(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

    Run r = run(NO_ENV, "--workdir", file.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--workdir", "is not a directory").doesNotContain("\tat ");
    assertThat(r.out()).doesNotContain("Scenario 1");
  }

  @Test
  void demo_isRegisteredInMain() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("demo");
  }
}
