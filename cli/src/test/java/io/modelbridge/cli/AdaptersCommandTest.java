package io.modelbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdaptersCommandTest {

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
  void list_showsDiscoveredPluginsWithTheirKeys_andRejectedOnesWithTheReason() {
    Run r = run("adapters", "list");
    assertThat(r.out()).contains(
        "ADAPTER  test-inventory  version=0.9.1  spi=2  Inventory system used by the CLI tests",
        "  key  warehouse  STRING  required  warehouse code",
        "  key  timeout  DURATION  optional  default=PT5S  call timeout",
        "  key  token  STRING  optional  secret  API token");
    assertThat(r.out()).doesNotContain("s3cr3t-default");
    assertThat(r.out()).contains("REJECTED  io.modelbridge.cli.FutureSpiTestProvider  built against SPI version 99")
        .contains("upgrade ModelBridge");
    assertThat(r.out()).doesNotContain("SYSTEM");
    assertThat(r.exit()).isEqualTo(1); // a plugin was rejected
  }

  @Test
  void listWithConfig_createsEachSystem_andListsItsOperations(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("systems.properties"), String.join("\n",
        "system.stock.type=test-inventory",
        "system.stock.warehouse=HAM-1",
        "system.stock.token=very-secret-token",
        "system.broken.type=test-inventory",
        "system.broken.warehouse=down",
        "system.typo.type=test-inventry",
        "system.nokey.type=test-inventory",
        ""));
    Run r = run("adapters", "list", "--config", config.toString());
    assertThat(r.out()).contains(
        "SYSTEM  stock  type=test-inventory  kind=ERP  operations=2",
        "  op  stock.get  kind=GET  effect=READ  approval=none  entity=stock  Reads the stock of one article",
        "  op  stock.adjust  kind=UPDATE  effect=WRITE  approval=required  entity=stock\n",
        "SYSTEM  broken  FAILED  [broken/connect] warehouse host does not answer",
        "SYSTEM  typo  FAILED  ",
        "'test-inventry', which is not on the class path",
        "SYSTEM  nokey  FAILED  ",
        "configuration key 'warehouse' is required");
    assertThat(r.out()).doesNotContain("very-secret-token");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void listWithConfig_jdbcColumnNotExposed_showsWhichAndWhy(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:mem:adapters_list_excluded;DB_CLOSE_DELAY=-1";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
         java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE shapes (id INT PRIMARY KEY, tags INT ARRAY, label VARCHAR(10))");
    }
    Path config = Files.writeString(dir.resolve("systems.properties"), String.join("\n",
        "system.erp.type=jdbc", "system.erp.url=" + url, ""));
    Run r = run("adapters", "list", "--config", config.toString());
    assertThat(r.out()).contains("  entity  shapes  fields=2  keys=id  ")
        .contains("not exposed: tags (type ");
    assertThat(r.out()).doesNotContain("SYSTEM  erp  FAILED");
  }

  @Test
  void listWithMalformedConfig_exits2(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("bad.properties"), "erp.url=jdbc:h2:mem:x\n");
    Run r = run("adapters", "list", "--config", config.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("key 'erp.url' is not of the form system.<id>.type");

    Run missing = run("adapters", "list", "--config",
        dir.resolve("absent.properties").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot use configuration");
  }

  @Test
  void adaptersWithoutSubcommand_printsUsage() {
    Run r = run("adapters");
    assertThat(r.out()).contains("list");
    assertThat(r.exit()).isZero();
  }
}
