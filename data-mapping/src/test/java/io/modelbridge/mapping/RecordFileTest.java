package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.core.ModelBridgeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading records from files: every record is delivered or rejected at its exact line, never the batch. */
class RecordFileTest {

  /** Copies every column it knows; no key, so a record is named by its file and line. */
  static final Mapping COPY = Mapping.builder("copy", "row")
      .field("id", f -> f.from("id"))
      .field("name", f -> f.from("name"))
      .field("note", f -> f.from("note"))
      .build();

  record Run(Counts counts, List<CanonicalEntity> delivered, List<Rejection> rejected) {}

  static Run map(Path file) {
    List<CanonicalEntity> delivered = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    try (RecordFile in = RecordFile.open(file)) {
      Counts c = COPY.mapStream(in, delivered::add, rejected::add);
      return new Run(c, delivered, rejected);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void invalidUtf8OnLine5000_isRejectedAtLine5000AndSaysUtf8(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8("id,name,note\n"));
    for (int line = 2; line <= 6000; line++) {
      // multi-byte characters before the bad byte: a decoder reading ahead in blocks misplaces the line
      out.writeBytes(utf8(line + ",Zoë Müller 张伟,"));
      if (line == 5000) {
        out.write(0xFF);
      }
      out.writeBytes(utf8("x\n"));
    }
    Path csv = Files.write(dir.resolve("big.csv"), out.toByteArray());
    Run r = map(csv);
    assertThat(r.counts()).isEqualTo(new Counts(5999, 5998, 1));
    Rejection bad = r.rejected().get(0);
    assertThat(bad.sourceKey()).isEqualTo("big.csv:5000");
    assertThat(bad.origin()).contains("big.csv:5000");
    assertThat(bad.violations().get(0).rule()).isEqualTo("input:encoding");
    assertThat(bad.violations().get(0).message()).contains("line 5000").contains("UTF-8").doesNotContain("Zo");
    assertThat(bad.data().isBinary()).isTrue();
    assertThat(bad.data().binaryValue()).startsWith(utf8("5000,"));
  }

  @Test
  void loneSurrogate_rejectsThatRecordAndGoesOn(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(utf8("id,name,note\n1,a,b\n2,"));
    csv.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // U+D800 written as if it were a character
    csv.writeBytes(utf8(",c\n3,d,e\n"));
    Run fromCsv = map(Files.write(dir.resolve("s.csv"), csv.toByteArray()));
    assertThat(fromCsv.counts()).isEqualTo(new Counts(3, 2, 1));
    assertThat(fromCsv.rejected().get(0).violations().get(0).message()).contains("line 3").contains("UTF-8");
    assertThat(fromCsv.delivered()).extracting(CanonicalEntity::key).containsExactly("s.csv:2", "s.csv:4");

    Path jsonl = Files.writeString(dir.resolve("s.jsonl"),
        "{\"id\":\"1\"}\n{\"id\":\"2\",\"name\":\"Jo\\uD800e\"}\n{\"id\":\"3\",\"name\":\"\\uD83D\\uDE00\"}\n");
    Run fromJson = map(jsonl);
    assertThat(fromJson.counts()).isEqualTo(new Counts(3, 2, 1));
    Violation v = fromJson.rejected().get(0).violations().get(0);
    assertThat(v.rule()).isEqualTo("character");
    assertThat(v.path()).isEqualTo("name");
    assertThat(v.message()).contains("lone UTF-16 surrogate").contains("\\uD800").contains("character 3");
    assertThat(fromJson.rejected().get(0).origin()).contains("s.jsonl:2");
    assertThat(fromJson.delivered().get(1).fields().get("name")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void shortOrLongCsvRow_isRejectedWithExpectedAndFoundCells(@TempDir Path dir) throws Exception {
    String header = "id,name,note,c4,c5,c6,c7,c8,c9,c10\n";
    Path csv = Files.writeString(dir.resolve("rows.csv"), header
        + "1,a,b,4,5,6,7,8,9,10\n"
        + "2,a\n"
        + "3,a,b,4,5,6,7,8,9,10,11\n"
        + "4,,,,,,,,,\n");
    Run r = map(csv);
    assertThat(r.counts()).isEqualTo(new Counts(4, 2, 2));
    assertThat(r.rejected()).extracting(x -> x.violations().get(0).message())
        .satisfiesExactly(
            m -> assertThat(m).contains("line 3").contains("expected 10 cells, found 2"),
            m -> assertThat(m).contains("line 4").contains("expected 10 cells, found 11"));
    assertThat(r.rejected()).extracting(x -> x.violations().get(0).rule()).containsOnly("input:cells");
    assertThat(r.rejected().get(0).data().asText()).isEqualTo("2,a");
    assertThat(r.delivered().get(1).fields()).containsOnlyKeys("id"); // empty cells are absent values
  }

  @Test
  void csvEdgeCases_quotedNewlinesDoubledQuotesBomCrlfEmptyCellsTrailingEmptyLine(@TempDir Path dir) throws Exception {
    Path csv = Files.write(dir.resolve("edge.csv"), utf8("\uFEFFid,name,note\r\n"
        + "1,\"two\r\nlines\",\"say \"\"hi\"\"\"\r\n"
        + "2,,\r\n"
        + "3,\"a,b\",\"\"\r\n"
        + "\r\n"
        + "4,last,x\r\n"
        + "\r\n"));
    Run r = map(csv);
    assertThat(r.counts()).isEqualTo(new Counts(4, 4, 0));
    assertThat(r.delivered()).extracting(CanonicalEntity::fields).containsExactly(
        Map.of("id", "1", "name", "two\r\nlines", "note", "say \"hi\""),
        Map.of("id", "2"),
        Map.of("id", "3", "name", "a,b"),
        Map.of("id", "4", "name", "last", "note", "x"));
    // a record is named by its first line; the quoted line break makes row 2 take two lines
    assertThat(r.delivered()).extracting(CanonicalEntity::key)
        .containsExactly("edge.csv:2", "edge.csv:4", "edge.csv:5", "edge.csv:7");
  }

  @Test
  void fileWithoutTrailingNewline_emptyFile_headerOnly(@TempDir Path dir) throws Exception {
    assertThat(map(Files.writeString(dir.resolve("a.csv"), "id,name\n1,x\n2,y")).counts())
        .isEqualTo(new Counts(2, 2, 0));
    assertThat(map(Files.writeString(dir.resolve("e.csv"), "")).counts()).isEqualTo(new Counts(0, 0, 0));
    assertThat(map(Files.writeString(dir.resolve("e.jsonl"), "")).counts()).isEqualTo(new Counts(0, 0, 0));
    assertThat(map(Files.writeString(dir.resolve("h.csv"), "id,name\n")).counts()).isEqualTo(new Counts(0, 0, 0));
    assertThat(map(Files.writeString(dir.resolve("n.jsonl"), "{\"id\":1}\n{\"id\":2}")).counts())
        .isEqualTo(new Counts(2, 2, 0));
  }

  @Test
  void unclosedQuote_rejectsItsFirstLineAndReadsTheRestAgain(@TempDir Path dir) throws Exception {
    Run r = map(Files.writeString(dir.resolve("q.csv"), "id,name,note\n1,\"open,x\n2,b,c\n3,d,e\n"));
    assertThat(r.counts()).isEqualTo(new Counts(3, 2, 1));
    assertThat(r.rejected().get(0).violations().get(0).rule()).isEqualTo("input:quote");
    assertThat(r.rejected().get(0).sourceKey()).isEqualTo("q.csv:2");
    assertThat(r.delivered()).extracting(e -> e.fields().get("id")).containsExactly("2", "3");
  }

  @Test
  void nulBytesAndTenMegabyteLine_areRecordsLikeAnyOther(@TempDir Path dir) throws Exception {
    String big = "x".repeat(10 * 1024 * 1024);
    Path csv = Files.writeString(dir.resolve("n.csv"), "id,name,note\n1,a\u0000b,c\n2," + big + ",d\n3,e,f\n");
    Run r = map(csv);
    assertThat(r.counts()).isEqualTo(new Counts(3, 3, 0));
    assertThat(r.delivered().get(0).fields().get("name")).isEqualTo("a\u0000b");
    assertThat(((String) r.delivered().get(1).fields().get("name"))).hasSize(big.length());
  }

  @Test
  void notAJsonObject_isRejectedWithItsLineAndWithoutItsText(@TempDir Path dir) throws Exception {
    Path jsonl = Files.writeString(dir.resolve("j.jsonl"),
        "{\"id\":\"1\"}\n[1]\n{secret-jane@example.com\n{\"id\":\"1\",\"id\":\"2\"}\n{\"id\":\"4\"} trailing\n  \n{\"id\":\"5\"}\n");
    Run r = map(jsonl);
    assertThat(r.counts()).isEqualTo(new Counts(6, 2, 4));
    assertThat(r.rejected()).extracting(Rejection::sourceKey)
        .containsExactly("j.jsonl:2", "j.jsonl:3", "j.jsonl:4", "j.jsonl:5");
    assertThat(r.rejected()).allSatisfy(x -> assertThat(x.violations().get(0).rule()).isEqualTo("input:json"));
    assertThat(r.rejected().get(1).toString() + r.rejected().get(1).violations()).doesNotContain("jane");
    assertThat(r.rejected().get(1).data().asText()).isEqualTo("{secret-jane@example.com");
  }

  @Test
  void iteratedDirectly_anUnreadableRecordThrowsAndTheIterationGoesOn(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("d.csv"), "id,name\n1,a\n2\n3,c\n");
    try (RecordFile f = RecordFile.open(csv)) {
      assertThat(f.next().data()).isEqualTo(Map.of("id", "1", "name", "a"));
      assertThat(f.hasNext()).isTrue();
      assertThatThrownBy(f::next).isInstanceOf(ModelBridgeException.class)
          .hasMessageContaining("d.csv").hasMessageContaining("line 3").hasMessageContaining("expected 2 cells, found 1");
      assertThat(f.next().data()).isEqualTo(Map.of("id", "3", "name", "c"));
      assertThat(f.hasNext()).isFalse();
    }
  }

  @Test
  void headerNamingAColumnTwice_isRefusedAtOpen(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("h.csv"), "id,name,id\n1,2,3\n");
    assertThatThrownBy(() -> RecordFile.open(csv)).isInstanceOf(ModelBridgeException.class)
        .hasMessageContaining("names column 'id' twice");
  }
}
