package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
import net.jqwik.api.constraints.IntRange;

/**
 * CSV written by another writer (Jackson's CSV generator, quoting as it sees fit) reads back cell for
 * cell, and one damaged row, wherever it is, costs exactly that row, reported at its own line.
 */
class CsvProperties {

  private static final ObjectWriter ROW = new CsvMapper().writer(CsvSchema.emptySchema());

  @Property(tries = 150)
  void csvFromAnotherWriter_readsBackCellForCell(@ForAll("rows") List<List<String>> rows) throws IOException {
    Written w = write(rows, -1, 0);
    Path dir = Files.createTempDirectory("mb-csv-prop");
    try {
      RecordFileTest.Run r = RecordFileTest.map(Files.write(dir.resolve("p.csv"), w.bytes()));
      assertThat(r.counts()).isEqualTo(new Counts(rows.size(), rows.size(), 0));
      for (int i = 0; i < rows.size(); i++) {
        assertThat(r.delivered().get(i).fields()).isEqualTo(fields(rows.get(i)));
        assertThat(r.delivered().get(i).key()).isEqualTo("p.csv:" + w.lines().get(i));
      }
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 150)
  void oneDamagedRow_costsThatRowOnly_atItsLine(@ForAll("rows") List<List<String>> rows,
      @ForAll @IntRange(min = 0, max = 1000) int where, @ForAll @IntRange(min = 0, max = 3) int damage)
      throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    int bad = where % rows.size();
    Written w = write(rows, bad, damage);
    Path dir = Files.createTempDirectory("mb-csv-prop");
    try {
      RecordFileTest.Run r = RecordFileTest.map(Files.write(dir.resolve("p.csv"), w.bytes()));
      assertThat(r.counts()).isEqualTo(new Counts(rows.size(), rows.size() - 1, 1));
      Rejection rej = r.rejected().get(0);
      assertThat(rej.origin()).contains("p.csv:" + w.lines().get(bad));
      assertThat(rej.violations().get(0).rule()).isEqualTo(damage < 2 ? "input:cells" : "input:encoding");
      List<Map<String, Object>> expected = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (i != bad) {
          expected.add(fields(rows.get(i)));
        }
      }
      assertThat(r.delivered()).extracting(CanonicalEntity::fields).containsExactlyElementsOf(expected);
    } finally {
      delete(dir);
    }
  }

  record Written(byte[] bytes, List<Long> lines) {}

  /**
   * Writes the header and the rows; row {@code bad} is damaged: 0 a cell dropped, 1 a cell added, 2 a byte
   * that is not UTF-8, 3 a lone surrogate encoded as if it were a character.
   */
  private static Written write(List<List<String>> rows, int bad, int damage) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("id,name,note\r\n".getBytes(StandardCharsets.UTF_8));
    long line = 2;
    List<Long> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> cells = new ArrayList<>(rows.get(i));
      if (i == bad && damage == 0) {
        cells.remove(cells.size() - 1);
      } else if (i == bad && damage == 1) {
        cells.add("extra");
      }
      String text = ROW.writeValueAsString(cells.toArray(new String[0]));
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (i == bad && damage >= 2) {
        byte[] inject = damage == 2 ? new byte[] {(byte) 0xFF} : new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bytes, 0, 1); // after the first character of the first cell, a plain ASCII letter
        b.writeBytes(inject);
        b.write(bytes, 1, bytes.length - 1);
        bytes = b.toByteArray();
      }
      lines.add(line);
      line += text.chars().filter(c -> c == '\n').count();
      out.writeBytes(bytes);
    }
    return new Written(out.toByteArray(), lines);
  }

  private static Map<String, Object> fields(List<String> cells) {
    return Map.of("id", cells.get(0), "name", cells.get(1), "note", cells.get(2));
  }

  @Provide
  Arbitrary<List<List<String>>> rows() {
    Arbitrary<String> id = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> text = Arbitraries.oneOf(
            Arbitraries.strings().withChars(",;\"\r\n 'aZé张😀\t").ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12))
        .filter(s -> !s.isEmpty() && s.equals(s.strip()) && StandardCharsets.UTF_8.newEncoder().canEncode(s));
    return net.jqwik.api.Combinators.combine(id, text, text).as(List::of).list().ofMaxSize(30);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
