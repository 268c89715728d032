package io.modelbridge.adapters.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file adapter on real files in a temporary directory. */
class FileAdapterTest {

  static final String CSV_FIELDS = "id INTEGER key; name STRING personal required; amount DECIMAL; "
      + "booked DATE; paid BOOLEAN format=Y/N";

  @TempDir Path dir;

  final List<RejectedLine> sink = new ArrayList<>();

  SystemAdapter csv(Path file, Map<String, String> extra) {
    AdapterConfig.Builder b = AdapterConfig.builder("batch").set("path", file.toString())
        .set("fields", CSV_FIELDS).set("entity", "orders").object("rejectSink", (RejectSink) sink::add);
    b.setAll(extra);
    return AdapterRegistry.discover().create("file", b.build());
  }

  Path write(String name, String text, Charset cs) throws IOException {
    return Files.write(dir.resolve(name), text.getBytes(cs));
  }

  static OperationRequest op(String name, Map<String, Object> args) {
    return OperationRequest.of(name, args);
  }

  @Test
  void utf8ByteOrderMarkAndBlankLines_areNoData_andARewriteKeepsTheMark() throws IOException {
    Path f = write("orders.csv", "\uFEFFid,name,amount,booked,paid\r\n1,Ann,1.00,2024-03-01,Y\r\n\r\n"
        + "2,Bo,2.00,2024-03-02,N\r\n\r\n", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of())) {
      ReadReport report;
      List<AdapterRecord> rows = new ArrayList<>();
      try (RecordStream s = a.execute(op("orders.query", Map.of()))) {
        s.forEachRemaining(rows::add);
        report = ((ReportingRecordStream) s).report();
      }
      assertThat(rows).extracting(r -> r.fields().get("id")).containsExactly(1L, 2L);
      assertThat(report.rejected()).isZero();
      assertThat(report.linesRead()).isEqualTo(2);
      a.execute(op("orders.update", Map.of("id", 2L, "name", "Bea"))).close();
    }
    assertThat(Files.readString(f, StandardCharsets.UTF_8)).startsWith("\uFEFFid,name").contains("2,Bea,2.00");
  }

  @Test
  void csv_readsQuotedFieldsTypedValuesAndVersions() throws IOException {
    Path f = write("orders.csv", "id,name,amount,booked,paid\r\n"
        + "1,\"Müller, Anna\",12.50,2024-03-01,Y\r\n"
        + "2,\"Say \"\"hi\"\"\nnext line\",0.10,2024-03-02,N\r\n"
        + "3,Plain,,,\r\n", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of())) {
      List<AdapterRecord> all = a.execute(op("orders.query", Map.of())).toList();
      assertThat(all).hasSize(3);
      assertThat(all.get(0).fields()).containsEntry("id", 1L).containsEntry("name", "Müller, Anna")
          .containsEntry("amount", new BigDecimal("12.50")).containsEntry("booked", LocalDate.of(2024, 3, 1))
          .containsEntry("paid", true);
      assertThat(all.get(1).get("name")).contains("Say \"hi\"\r\nnext line".replace("\r\n", "\n"));
      assertThat(all.get(2).fields()).containsOnlyKeys("id", "name");
      assertThat(all.get(0).source().version()).isPresent().get().asString().hasSize(24);
      assertThat(all.get(0).source().version()).isNotEqualTo(all.get(1).source().version());
      assertThat(sink).isEmpty();
    }
  }

  @Test
  void malformedLines_areRejectedWithLineNumbers_andCountsAddUp() throws IOException {
    byte[] good = "1,Ann,1.00,2024-01-01,Y\n".getBytes(StandardCharsets.UTF_8);
    var bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes("id,name,amount,booked,paid\n".getBytes(StandardCharsets.UTF_8));
    // Line numbers are the file's own, header included, as an editor shows them.
    bytes.writeBytes(good);                                                                  // line 2
    bytes.writeBytes("2,Bob,1.00\n".getBytes(StandardCharsets.UTF_8));                       // 3: columns
    bytes.writeBytes("3,Cy,lots,2024-01-01,Y\n".getBytes(StandardCharsets.UTF_8));           // 4: number
    bytes.writeBytes("4,Di,1.00,2024-02-30,N\n".getBytes(StandardCharsets.UTF_8));           // 5: date
    bytes.writeBytes(new byte[] {'5', ',', 'E', (byte) 0xFF, 'v', ',', '1', ',', ',', '\n'}); // 6: encoding
    bytes.writeBytes("6,,1.00,2024-01-01,Y\n".getBytes(StandardCharsets.UTF_8));             // 7: required
    bytes.writeBytes("7,Fay,2.00,2024-01-07,N\n".getBytes(StandardCharsets.UTF_8));          // 8
    bytes.writeBytes("8,\"Gil,2.00,2024-01-08,N\n".getBytes(StandardCharsets.UTF_8));        // 9: unclosed
    bytes.writeBytes("9,Hal,3.00,2024-01-09,Y\n".getBytes(StandardCharsets.UTF_8));          // 10
    Path f = Files.write(dir.resolve("orders.csv"), bytes.toByteArray());
    try (SystemAdapter a = csv(f, Map.of())) {
      ReadReport report;
      List<AdapterRecord> delivered = new ArrayList<>();
      try (RecordStream stream = a.execute(op("orders.query", Map.of()))) {
        stream.forEachRemaining(delivered::add);
        report = ((ReportingRecordStream) stream).report();
      }
      assertThat(delivered).extracting(r -> r.fields().get("id")).containsExactly(1L, 7L, 9L);
      assertThat(report.linesRead()).isEqualTo(9);
      assertThat(report.delivered()).isEqualTo(3);
      assertThat(report.rejected()).isEqualTo(6);
      assertThat(report.firstRejects()).extracting(RejectedLine::lineNumber).containsExactly(3L, 4L, 5L, 6L, 7L, 9L);
      assertThat(sink).isEqualTo(report.firstRejects());
      assertThat(sink.get(0).reason()).contains("expected 5 cells, found 3");
      assertThat(sink.get(1).field()).contains("amount");
      assertThat(sink.get(1).reason()).contains("not a decimal number");
      assertThat(sink.get(2).field()).contains("booked");
      assertThat(sink.get(3).reason()).contains("not valid UTF-8");
      assertThat(sink.get(4).reason()).contains("'name' is empty but required");
      assertThat(sink.get(5).reason()).contains("not closed");
      assertThat(sink.get(1).content()).isEqualTo("3,Cy,lots,2024-01-01,Y");
      assertThat(sink.get(1).toString()).doesNotContain("Cy").contains("orders.csv:4");
    }
  }

  @Test
  void query_readsLazily_lineByLine() throws IOException {
    Path f = dir.resolve("big.csv");
    try (var out = Files.newBufferedWriter(f)) {
      out.write("id,name,amount,booked,paid\n");
      for (int i = 1; i <= 100_000; i++) {
        out.write(i + ",Name " + i + "," + i + ".00,2024-01-01,Y\n");
      }
      out.write("100001,broken\n");
    }
    try (SystemAdapter a = csv(f, Map.of()); RecordStream s = a.execute(op("orders.query", Map.of()))) {
      assertThat(s.next().get("id")).contains(1L);
      assertThat(((ReportingRecordStream) s).report().linesRead()).as("only what was asked for is read").isEqualTo(1);
      long rest = s.stream().count();
      assertThat(rest).isEqualTo(99_999);
      assertThat(((ReportingRecordStream) s).report()).satisfies(r -> {
        assertThat(r.linesRead()).isEqualTo(100_001);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.firstRejects().get(0).lineNumber()).isEqualTo(100_002);
      });
    }
  }

  @Test
  void strictMode_throwsNamingTheLineAndField() throws IOException {
    Path f = write("o.csv", "id,name,amount,booked,paid\n1,Ann,1,,\n2,Bob,x,,\n", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of("strict", "true")); RecordStream s = a.execute(op("orders.query", Map.of()))) {
      assertThat(s.next().get("id")).contains(1L);
      assertThatThrownBy(s::hasNext).isInstanceOfSatisfying(InputRejectedException.class, e -> {
        assertThat(e.field()).isEqualTo("amount");
        assertThat(e.getMessage()).contains("line 3 of o.csv").doesNotContain("Bob");
      });
      assertThat(sink).hasSize(1);
    }
  }

  @Test
  void encodings_latin1AndGbkAndUtf8_readFromRealBytes() throws IOException {
    String text = "id,name,amount,booked,paid\n1,%s,1,,\n";
    Path latin = write("latin.csv", String.format(text, "Jürgen Groß"), StandardCharsets.ISO_8859_1);
    assertThat(Files.readAllBytes(latin)).contains((byte) 0xFC);
    Path gbk = write("gbk.csv", String.format(text, "张伟"), Charset.forName("GBK"));
    assertThat(Files.size(gbk)).isEqualTo(("id,name,amount,booked,paid\n1,,1,,\n").length() + 4);
    Path utf8 = write("utf8.csv", String.format(text, "Zoë 张"), StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(latin, Map.of("encoding", "ISO-8859-1"));
        SystemAdapter b = csv(gbk, Map.of("encoding", "GBK"));
        SystemAdapter c = csv(utf8, Map.of())) {
      assertThat(a.execute(op("orders.get", Map.of("id", 1L))).toList().get(0).get("name")).contains("Jürgen Groß");
      assertThat(b.execute(op("orders.get", Map.of("id", 1L))).toList().get(0).get("name")).contains("张伟");
      assertThat(c.execute(op("orders.get", Map.of("id", 1L))).toList().get(0).get("name")).contains("Zoë 张");
    }
    try (SystemAdapter wrong = csv(gbk, Map.of())) {
      assertThat(wrong.execute(op("orders.query", Map.of())).toList()).isEmpty();
      assertThat(sink).singleElement().satisfies(r -> assertThat(r.reason()).contains("not valid UTF-8"));
    }
  }

  @Test
  void fixedWidth_gbkByteWidths_impliedDecimals_datesAndPadding() throws IOException {
    Charset gbk = Charset.forName("GBK");
    // id @1+4, name @5+10 bytes (GBK: 2 bytes per Chinese character), amount @15+7 with 2 implied decimals,
    // booked @22+8 yyyyMMdd.
    String fields = "id INTEGER key @1+4; name STRING personal @5+10; amount DECIMAL @15+7 decimals=2; "
        + "booked DATE @22+8 format=yyyyMMdd";
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes("0001张伟      001234520240301\n".getBytes(gbk));
    out.writeBytes("0002Li Na     -00005020240302   \n".getBytes(gbk));   // trailing blanks allowed
    out.writeBytes("0003Wang\n".getBytes(gbk));                            // short: the rest is blank
    out.writeBytes("0004Zhao      0000100202403XX\n".getBytes(gbk));       // bad date
    out.writeBytes("0005Qian      000010020240305EXTRA\n".getBytes(gbk));  // too long, not blank
    Path f = Files.write(dir.resolve("ledger.dat"), out.toByteArray());
    try (SystemAdapter a = AdapterRegistry.discover().create("file", AdapterConfig.builder("mainframe")
        .set("path", f.toString()).set("format", "fixed").set("encoding", "GBK").set("fields", fields)
        .object("rejectSink", (RejectSink) sink::add).build())) {
      List<AdapterRecord> all = a.execute(op("records.query", Map.of())).toList();
      assertThat(all).hasSize(3);
      assertThat(all.get(0).fields()).containsEntry("name", "张伟").containsEntry("amount", new BigDecimal("123.45"))
          .containsEntry("booked", LocalDate.of(2024, 3, 1));
      assertThat(all.get(1).fields()).containsEntry("amount", new BigDecimal("-0.50"));
      assertThat(all.get(2).fields()).containsOnlyKeys("id", "name");
      assertThat(sink).extracting(RejectedLine::lineNumber).containsExactly(4L, 5L);
      assertThat(sink.get(0).field()).contains("booked");
      assertThat(sink.get(1).reason()).contains("more than the 29 the layout declares");
    }
  }

  @Test
  void update_withCurrentVersion_rewritesOnlyThatLine_keepingBadLines() throws IOException {
    String before = "id,name,amount,booked,paid\n1,Ann,1.00,2024-01-01,Y\nBROKEN LINE\n2,\"Bob, Jr\",2.00,,N\n";
    Path f = write("o.csv", before, StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of())) {
      AdapterRecord bob = a.execute(op("orders.get", Map.of("id", 2L))).toList().get(0);
      AdapterRecord updated = a.execute(op("orders.update", Map.of("id", 2L, "amount", new BigDecimal("7.25")))
          .expecting(bob.source().version().orElseThrow())).toList().get(0);
      assertThat(updated.get("amount")).contains(new BigDecimal("7.25"));
      assertThat(updated.source().version()).isNotEqualTo(bob.source().version());
      assertThat(Files.readString(f)).isEqualTo(
          "id,name,amount,booked,paid\n1,Ann,1.00,2024-01-01,Y\nBROKEN LINE\n2,\"Bob, Jr\",7.25,,N\n");
      assertThatThrownBy(() -> a.execute(op("orders.update", Map.of("id", 2L, "amount", 1))
          .expecting(bob.source().version().orElseThrow())))
          .isInstanceOfSatisfying(VersionConflictException.class,
              e -> assertThat(e.currentVersion()).isEqualTo(updated.source().version()));
      assertThat(tempFiles()).isEmpty();
    }
  }

  @Test
  void create_appendsAndRefusesDuplicateKeys_deleteRemoves() throws IOException {
    Path f = write("o.csv", "id,name,amount,booked,paid\n1,Ann,1.00,,Y", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of())) {
      AdapterRecord c = a.execute(op("orders.create", Map.of("id", 5L, "name", "Eve \"E\", QA",
          "booked", "2024-05-05", "paid", false))).toList().get(0);
      assertThat(c.source().key()).containsEntry("id", 5L);
      assertThat(Files.readString(f)).isEqualTo(
          "id,name,amount,booked,paid\n1,Ann,1.00,,Y\n5,\"Eve \"\"E\"\", QA\",,2024-05-05,N\n");
      assertThatThrownBy(() -> a.execute(op("orders.create", Map.of("id", 1L, "name", "Dup"))))
          .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("id"));
      a.execute(op("orders.delete", Map.of("id", 1L))).close();
      assertThat(Files.readString(f)).isEqualTo("id,name,amount,booked,paid\n5,\"Eve \"\"E\"\", QA\",,2024-05-05,N\n");
      assertThatThrownBy(() -> a.execute(op("orders.delete", Map.of("id", 1L))))
          .isInstanceOf(RecordNotFoundException.class);
    }
  }

  @Test
  void readerOpenBeforeAWrite_keepsReadingTheOldFile_whole() throws IOException {
    StringBuilder text = new StringBuilder("id,name,amount,booked,paid\n");
    for (int i = 1; i <= 5000; i++) {
      text.append(i).append(",N").append(i).append(",1.00,,Y\n");
    }
    Path f = write("o.csv", text.toString(), StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of()); RecordStream old = a.execute(op("orders.query", Map.of()))) {
      assertThat(old.next().get("name")).contains("N1");
      a.execute(op("orders.update", Map.of("id", 5000L, "name", "changed"))).close();
      a.execute(op("orders.delete", Map.of("id", 2L))).close();
      List<AdapterRecord> rest = old.toList();
      assertThat(rest).hasSize(4999);
      assertThat(rest.get(0).get("name")).contains("N2");
      assertThat(rest.get(4998).get("name")).contains("N5000");
      assertThat(a.execute(op("orders.get", Map.of("id", 5000L))).toList().get(0).get("name")).contains("changed");
    }
  }

  @Test
  void tabDelimitedWithoutHeader_isRead() throws IOException {
    Path f = write("o.tsv", "1\tAnn, Lee\t1.00\t\tY\n2\t\"Tab\there\"\t\t\tN\n", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of("csv.delimiter", "tab", "csv.header", "false"))) {
      assertThat(a.execute(op("orders.query", Map.of())).toList()).extracting(r -> r.fields().get("name"))
          .containsExactly("Ann, Lee", "Tab\there");
    }
  }

  @Test
  void create_onMissingFile_makesItWithHeader() throws IOException {
    Path f = dir.resolve("new.csv");
    try (SystemAdapter a = csv(f, Map.of())) {
      assertThatThrownBy(() -> a.execute(op("orders.query", Map.of())).toList())
          .isInstanceOf(SystemUnavailableException.class).hasMessageContaining("does not exist");
      a.execute(op("orders.create", Map.of("id", 1L, "name", "First"))).close();
      assertThat(Files.readString(f)).isEqualTo("id,name,amount,booked,paid\n1,First,,,\n");
    }
    Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
    try (SystemAdapter a = csv(empty, Map.of())) {
      assertThat(a.execute(op("orders.query", Map.of())).toList()).isEmpty();
      a.execute(op("orders.create", Map.of("id", 1L, "name", "First"))).close();
      assertThat(Files.readString(empty)).isEqualTo("id,name,amount,booked,paid\n1,First,,,\n");
    }
  }

  @Test
  void dryRun_leavesTheFileByteForByte() throws IOException {
    Path f = write("o.csv", "id,name,amount,booked,paid\n1,Ann,1.00,,Y\n", StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(f);
    try (SystemAdapter a = csv(f, Map.of())) {
      List<AdapterRecord> preview = a.execute(op("orders.update", Map.of("id", 1L, "name", "Anna")).asDryRun()).toList();
      assertThat(preview).singleElement().satisfies(r -> assertThat(r.get("name")).contains("Anna"));
      a.execute(op("orders.create", Map.of("id", 2L, "name", "B")).asDryRun()).close();
      a.execute(op("orders.delete", Map.of("id", 1L)).asDryRun()).close();
    }
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void writes_refuseValuesTheFileCannotHold() throws IOException {
    Path f = write("o.csv", "id,name,amount,booked,paid\n1,Ann,1.00,,Y\n", StandardCharsets.ISO_8859_1);
    try (SystemAdapter a = csv(f, Map.of("encoding", "ISO-8859-1"))) {
      assertThatThrownBy(() -> a.execute(op("orders.update", Map.of("id", 1L, "name", "张伟"))))
          .isInstanceOfSatisfying(InputRejectedException.class, e -> {
            assertThat(e.field()).isEqualTo("name");
            assertThat(e.getMessage()).contains("ISO-8859-1").doesNotContain("张伟");
          });
    }
    Path fixed = Files.writeString(dir.resolve("f.dat"), "0001Ann       \n");
    try (SystemAdapter a = AdapterRegistry.discover().create("file", AdapterConfig.builder("mf")
        .set("path", fixed.toString()).set("format", "fixed")
        .set("fields", "id INTEGER key @1+4; name STRING @5+10").build())) {
      assertThatThrownBy(() -> a.execute(op("records.update", Map.of("id", 1L, "name", "Maximilian Mustermann"))))
          .isInstanceOfSatisfying(InputRejectedException.class, e -> {
            assertThat(e.field()).isEqualTo("name");
            assertThat(e.getMessage()).contains("needs 21 bytes").contains("holds 10");
          });
      a.execute(op("records.update", Map.of("id", 1L, "name", "Bo"))).close();
      assertThat(Files.readString(fixed)).isEqualTo("0001Bo        \n");
    }
    assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).isEqualTo("id,name,amount,booked,paid\n1,Ann,1.00,,Y\n");
  }

  @Test
  void query_filtersByFieldValues_andCountsUnmatched() throws IOException {
    Path f = write("o.csv", "id,name,amount,booked,paid\n1,A,1.0,,Y\n2,B,2,,N\n3,C,1.00,,N\n", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of()); RecordStream s = a.execute(op("orders.query", Map.of("amount", "1")))) {
      assertThat(s.toList()).extracting(r -> r.fields().get("id")).containsExactly(1L, 3L);
      assertThat(((ReportingRecordStream) s).report()).satisfies(r -> {
        assertThat(r.linesRead()).isEqualTo(3);
        assertThat(r.unmatched()).isEqualTo(1);
      });
    }
  }

  @Test
  void headerMismatch_isAClearError() throws IOException {
    Path f = write("o.csv", "id,customer,amount,booked,paid\n1,A,1,,\n", StandardCharsets.UTF_8);
    try (SystemAdapter a = csv(f, Map.of())) {
      assertThatThrownBy(() -> a.execute(op("orders.query", Map.of())).toList())
          .isInstanceOf(AdapterException.class).hasMessageContaining("[id, customer, amount, booked, paid]")
          .hasMessageContaining("csv.header");
    }
  }

  @Test
  void closingTheAdapter_closesOpenStreams_andRefusesCalls() throws IOException {
    Path f = write("o.csv", "id,name,amount,booked,paid\n1,A,1,,\n2,B,1,,\n", StandardCharsets.UTF_8);
    SystemAdapter a = csv(f, Map.of());
    RecordStream s = a.execute(op("orders.query", Map.of()));
    assertThat(s.next().get("id")).contains(1L);
    a.close();
    assertThat(s.hasNext()).isFalse();
    assertThatThrownBy(() -> a.execute(op("orders.get", Map.of("id", 1L))))
        .isInstanceOf(SystemUnavailableException.class);
  }

  @Test
  void configErrors_nameTheKey() {
    AdapterRegistry r = AdapterRegistry.discover();
    assertThatThrownBy(() -> r.create("file", AdapterConfig.builder("x").set("path", "a.csv")
        .set("fields", "id INTEGER; name STRING").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("fields");
          assertThat(e.getMessage()).contains("key field");
        });
    assertThatThrownBy(() -> r.create("file", AdapterConfig.builder("x").set("path", "a.csv")
        .set("fields", "id INTEGER key").set("encoding", "UTF-16").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.key()).isEqualTo("encoding"));
    assertThatThrownBy(() -> r.create("file", AdapterConfig.builder("x").set("path", "a.dat").set("format", "fixed")
        .set("fields", "id INTEGER key @1+4; name STRING @4+10").build()))
        .isInstanceOfSatisfying(InvalidAdapterConfigException.class, e -> assertThat(e.getMessage()).contains("overlap"));
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
