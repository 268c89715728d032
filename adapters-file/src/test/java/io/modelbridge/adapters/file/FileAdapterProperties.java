package io.modelbridge.adapters.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Through the adapter and a real file: nothing is lost, the counts add up, values survive a write. */
class FileAdapterProperties {

  static final String FIELDS = "id INTEGER key; name STRING required; amount DECIMAL; booked DATE; paid BOOLEAN";
  static final String HEADER = "id,name,amount,booked,paid";

  /** One line of a test file: good lines carry their id. */
  record Line(byte[] bytes, boolean good, boolean unclosedQuote) {}

  @Property(tries = 150)
  void everyLineIsDeliveredOrRejected_withItsLineNumber(
      @ForAll("lines") List<Line> lines, @ForAll boolean crlf) throws IOException {
    Result r = query(lines.stream().filter(l -> !l.unclosedQuote()).toList(), crlf);
    List<Line> used = r.lines();
    List<Long> goodIds = new ArrayList<>();
    List<Long> badLineNumbers = new ArrayList<>();
    int blank = 0;
    for (int i = 0; i < used.size(); i++) {
      if (used.get(i).bytes().length == 0) {
        blank++; // a blank line is no record: neither delivered nor rejected
      } else if (used.get(i).good()) {
        goodIds.add((long) i);
      } else {
        badLineNumbers.add(i + 2L); // the header is line 1
      }
    }
    assertThat(r.delivered()).extracting(a -> a.fields().get("id")).containsExactlyElementsOf(goodIds);
    assertThat(r.sink()).extracting(RejectedLine::lineNumber).containsExactlyElementsOf(badLineNumbers);
    assertThat(r.report().linesRead()).isEqualTo(used.size() - blank);
    assertThat(r.report().delivered()).isEqualTo(goodIds.size());
    assertThat(r.report().rejected()).isEqualTo(badLineNumbers.size());
  }

  @Property(tries = 150)
  void withUnclosedQuotes_tooCountsAddUpAndNoGoodLineIsLost(
      @ForAll("lines") List<Line> lines, @ForAll boolean crlf) throws IOException {
    Result r = query(lines, crlf);
    lines = r.lines();
    ReadReport report = r.report();
    assertThat(report.linesRead()).isEqualTo(report.delivered() + report.rejected());
    assertThat(r.sink()).hasSize((int) report.rejected());
    List<Object> deliveredIds = r.delivered().stream().map(a -> a.fields().get("id")).toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).good() && !deliveredIds.contains((long) i)) {
        String text = new String(lines.get(i).bytes(), StandardCharsets.UTF_8);
        assertThat(r.sink()).as("good line %d was neither delivered nor part of a reject", i + 2)
            .anySatisfy(rej -> assertThat(rej.content()).contains(text));
      }
    }
  }

  @Property(tries = 40)
  void csvWrites_roundTripArbitraryText(@ForAll("names") List<String> names)
      throws IOException {
    Path dir = Files.createTempDirectory("mb-file-prop");
    try {
      Path file = dir.resolve("t.csv");
      try (SystemAdapter a = adapter(file, List.of())) {
        for (int i = 0; i < names.size(); i++) {
          a.execute(OperationRequest.of("t.create", Map.of("id", (long) i, "name", names.get(i)))).close();
        }
        List<AdapterRecord> back = a.execute(OperationRequest.of("t.query", Map.of())).toList();
        assertThat(back).extracting(x -> x.fields().get("name")).containsExactlyElementsOf(names);
      }
    } finally {
      delete(dir);
    }
  }

  record Result(List<Line> lines, List<AdapterRecord> delivered, List<RejectedLine> sink, ReadReport report) {}

  private Result query(List<Line> given, boolean crlf) throws IOException {
    List<Line> lines = new ArrayList<>(given);
    Path dir = Files.createTempDirectory("mb-file-prop");
    try {
      byte[] eol = crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(eol);
      for (int i = 0; i < lines.size(); i++) {
        Line l = lines.get(i);
        byte[] bytes = l.good() ? new String(l.bytes(), StandardCharsets.UTF_8).replaceFirst("^ID", String.valueOf(i))
            .getBytes(StandardCharsets.UTF_8) : l.bytes();
        lines.set(i, new Line(bytes, l.good(), l.unclosedQuote()));
        out.writeBytes(bytes);
        out.writeBytes(eol);
      }
      Path file = Files.write(dir.resolve("t.csv"), out.toByteArray());
      List<RejectedLine> sink = new ArrayList<>();
      try (SystemAdapter a = adapter(file, sink); RecordStream s = a.execute(OperationRequest.of("t.query", Map.of()))) {
        List<AdapterRecord> delivered = s.toList();
        return new Result(lines, delivered, sink, ((ReportingRecordStream) s).report());
      }
    } finally {
      delete(dir);
    }
  }

  private static SystemAdapter adapter(Path file, List<RejectedLine> sink) {
    return AdapterRegistry.discover().create("file", AdapterConfig.builder("p").set("path", file.toString())
        .set("fields", FIELDS).set("entity", "t").object("rejectSink", (RejectSink) sink::add).build());
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Provide
  Arbitrary<List<Line>> lines() {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcÄé张 ").ofMinLength(1).ofMaxLength(8)
        .filter(s -> !s.isBlank());
    Arbitrary<Line> good = names.map(n -> line("ID,\"" + n + "\",1.50,2024-02-29,true", true, false));
    Arbitrary<Line> bad = Arbitraries.oneOf(
        names.map(n -> line("1," + n + ",1.50", false, false)),                      // too few columns
        names.map(n -> line("1," + n + ",1.50,2024-01-01,true,extra", false, false)), // too many
        names.map(n -> line("1," + n + ",one,2024-01-01,true", false, false)),        // not a number
        names.map(n -> line("1," + n + ",1,2023-02-29,true", false, false)),          // no such date
        names.map(n -> line("x" + n + ",a,1,,", false, false)),                       // key not a number
        Arbitraries.just(line(",,1,,", false, false)),                                // required empty
        Arbitraries.just(line("", false, false)),                                     // blank: skipped
        names.map(n -> line("1,a\"" + n + ",1,,", false, false)),                     // stray quote
        Arbitraries.just(new Line(new byte[] {'1', ',', (byte) 0xC3, '(', ',', '1', ',', ',', }, false, false)),
        names.map(n -> line("1,\"" + n + ",1,,", false, true)));                      // unclosed quote
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, good), net.jqwik.api.Tuple.of(2, bad)).list().ofMaxSize(40).map(ArrayList::new);
  }

  private static Line line(String text, boolean good, boolean unclosed) {
    return new Line(text.getBytes(StandardCharsets.UTF_8), good, unclosed);
  }

  @Provide
  Arbitrary<List<String>> names() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(",;\"\r\n 'aZé张😀").ofMinLength(1).ofMaxLength(10),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(10))
        .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s)).list().ofMinSize(1).ofMaxSize(5);
  }
}
