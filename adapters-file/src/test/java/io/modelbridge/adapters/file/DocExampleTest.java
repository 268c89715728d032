package io.modelbridge.adapters.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start of docs/adapters-file.md on a real GBK fixed-width file. */
class DocExampleTest {

  @Test
  void quickStart(@TempDir Path dir) throws Exception {
    Charset gbk = Charset.forName("GBK");
    Path file = Files.write(dir.resolve("LEDGER.DAT"), (
        "000042张伟                0000001234520240301\n"
        + "000043李娜                00000000100202403XX\n"
        + "000044Wang Fang           0000000990020240303\n").getBytes(gbk));
    List<String> rejectLog = new ArrayList<>();
    List<AdapterRecord> processed = new ArrayList<>();

    RejectSink rejects = line -> rejectLog.add(line.lineNumber() + ": " + line.reason());

    AdapterConfig config = AdapterConfig.builder("ledger")
        .set("path", file.toString())
        .set("format", "fixed")
        .set("encoding", "GBK")
        .set("entity", "ledger")
        .set("fields", "id INTEGER key @1+6; name STRING personal @7+20; "
            + "amount DECIMAL @27+11 decimals=2; booked DATE @38+8 format=yyyyMMdd")
        .object("rejectSink", rejects)
        .build();

    ReadReport report;
    try (SystemAdapter ledger = AdapterRegistry.discover().create("file", config)) {
      try (RecordStream rows = ledger.execute(OperationRequest.of("ledger.query", Map.of()))) {
        rows.forEachRemaining(processed::add);
        report = ((ReportingRecordStream) rows).report();
      }
      AdapterRecord row = ledger.execute(OperationRequest.of("ledger.get", Map.of("id", 42L))).toList().get(0);
      ledger.execute(OperationRequest.of("ledger.update", Map.of("id", 42L, "amount", new BigDecimal("99.50")))
          .expecting(row.source().version().orElseThrow())).close();
    }

    assertThat(processed).extracting(r -> r.fields().get("name")).containsExactly("张伟", "Wang Fang");
    assertThat(report.linesRead()).isEqualTo(report.delivered() + report.rejected() + report.unmatched());
    assertThat(rejectLog).containsExactly("2: field 'booked' is not a date as yyyyMMdd");
    assertThat(new String(Files.readAllBytes(file), gbk).lines().findFirst().orElseThrow())
        .isEqualTo("000042张伟                0000000995020240301");
  }
}
