package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "Integrity of values" and "Config errors", through the public API: impossible dates are
 * rejected (never moved to a near valid day), and a mapping file with a duplicate key or a syntax error is
 * refused naming the file and the line.
 */
class StrictValuesTest {

  @TempDir
  Path dir;

  private static final Mapping DATES = Mapping.builder("dates", "x")
      .field("day", f -> f.from("day").type(ValueType.DATE).formats("dd.MM.yyyy"))
      .field("at", f -> f.from("at").type(ValueType.DATETIME))
      .build();

  private static MappingOutcome map(String day, String at) {
    return at == null ? DATES.map(Map.of("day", day)) : DATES.map(Map.of("day", day, "at", at));
  }

  private static String rejectedField(MappingOutcome out) {
    assertThat(out).isInstanceOf(MappingOutcome.Rejected.class);
    return ((MappingOutcome.Rejected) out).rejection().violations().get(0).path();
  }

  @Test
  void impossibleDate_31February_isRejected() {
    assertThat(rejectedField(map("31.02.2020", null))).isEqualTo("day");
  }

  @Test
  void impossibleDateTime_31April_isRejected() {
    assertThat(rejectedField(map("01.01.2020", "2023-04-31 23:59"))).isEqualTo("at");
  }

  @Test
  void impossibleIsoDates_areRejected() {
    for (String bad : new String[] {"2020-02-30", "2019-02-29", "20230431", "2023-13-01", "2023-00-10"}) {
      assertThat(rejectedField(map(bad, null))).as(bad).isEqualTo("day");
    }
    for (String bad : new String[] {"2023-04-31T10:00:00Z", "2023-02-29T10:00:00+01:00", "2023-04-31T10:00:00",
        "Mon, 31 Apr 2023 10:00:00 GMT", "2023-06-31 10:00:00", "2023-04-30 24:00"}) {
      assertThat(rejectedField(map("01.01.2020", bad))).as(bad).isEqualTo("at");
    }
  }

  @Test
  void validDates_stillParse_withYyyyPatternsReadAsTheProlepticYear() {
    MappingOutcome out = map("29.02.2020", "2023-04-30 23:59");
    assertThat(out).isInstanceOf(MappingOutcome.Delivered.class);
    Map<String, Object> f = ((MappingOutcome.Delivered) out).entity().fields();
    assertThat(f).containsEntry("day", "2020-02-29").containsEntry("at", "2023-04-30T23:59:00Z");
    Mapping quoted = Mapping.builder("q", "x")
        .field("day", f2 -> f2.from("day").type(ValueType.DATE).formats("'year' yyyy 'day' dd.MM")).build();
    assertThat(((MappingOutcome.Delivered) quoted.map(Map.of("day", "year 2024 day 29.02"))).entity().fields())
        .containsEntry("day", "2024-02-29");
  }

  @Test
  void pojoWithJavaTimeAndDecimals_isReadExactly() {
    record Order(String id, LocalDate day, Instant at, BigDecimal total) {}
    Mapping m = Mapping.builder("o", "order")
        .field("id", f -> f.from("id"))
        .field("day", f -> f.from("day").type(ValueType.DATE))
        .field("at", f -> f.from("at").type(ValueType.DATETIME))
        .field("total", f -> f.from("total").type(ValueType.DECIMAL))
        .build();
    MappingOutcome out = m.map(SourceRecord.ofPojo(new Order("A1", LocalDate.of(2024, 2, 29),
        Instant.parse("2024-02-29T10:15:30.123Z"), new BigDecimal("12345678901234567.890"))));
    Map<String, Object> f = ((MappingOutcome.Delivered) out).entity().fields();
    assertThat(f).containsEntry("day", "2024-02-29").containsEntry("at", "2024-02-29T10:15:30.123Z");
    assertThat((BigDecimal) f.get("total")).isEqualByComparingTo("12345678901234567.890");
    assertThat(((BigDecimal) f.get("total")).scale()).isEqualTo(3);
  }

  @Test
  void duplicateKeyInMappingFile_isRefusedNamingFileAndKey() throws Exception {
    Path file = Files.writeString(dir.resolve("orders.yaml"),
        "name: m\nentity: order\nfields:\n  - target: id\n    from: ID\n    from: NR\n");
    assertThatThrownBy(() -> Mapping.load(file)).isInstanceOf(MappingDefinitionException.class)
        .hasMessageContaining(file + ", line 6")
        .hasMessageContaining("(key 'fields[0].from')")
        .hasMessageContaining("duplicate key 'from'");
  }

  @Test
  void duplicateKeyInMappingJson_isRefused() {
    assertThatThrownBy(() -> Mapping.fromJson("{\"name\": \"m\", \"name\": \"n\", \"entity\": \"x\"}"))
        .isInstanceOf(MappingDefinitionException.class)
        .hasMessageContaining("(json text), line 1")
        .hasMessageContaining("duplicate key 'name'");
  }

  @Test
  void yamlSyntaxErrorInMappingFile_namesTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"),
        "name: m\nentity: order\nfields:\n  - {target: id, from: ID\n  - {target: x, from: X}\n");
    assertThatThrownBy(() -> Mapping.load(file)).isInstanceOf(MappingDefinitionException.class)
        .hasMessageContaining(file + ", line ")
        .hasMessageContaining("column")
        .hasMessageContaining("not well-formed YAML");
  }

  @Test
  void mappingFileNotUtf8_saysUtf8() throws Exception {
    Path file = Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\nentity: x\n".getBytes("ISO-8859-1"));
    assertThatThrownBy(() -> Mapping.load(file)).isInstanceOf(MappingDefinitionException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("UTF-8");
  }
}
