package io.modelbridge.adapters.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The CSV writer and parser are inverse for any field values, whatever they hold. */
class CsvCodecProperties {

  @Property(tries = 500)
  void formatThenParse_givesTheSameFields(
      @ForAll("fields") @Size(min = 1, max = 8) List<Optional<String>> fields, @ForAll("delimiters") char delimiter)
      throws Exception {
    CsvCodec codec = new CsvCodec(delimiter);
    String record = codec.format(fields);
    List<CsvCodec.Cell> cells = codec.parse(record);
    assertThat(cells).extracting(CsvCodec.Cell::value).isEqualTo(fields);
  }

  @Provide
  Arbitrary<List<Optional<String>>> fields() {
    Arbitrary<String> tricky = Arbitraries.strings().withChars(",;|\t\"\r\n 'aZé张😀").ofMaxLength(12);
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(12);
    return Arbitraries.oneOf(tricky, any).optional(0.8).list();
  }

  @Provide
  Arbitrary<Character> delimiters() {
    return Arbitraries.of(',', ';', '|', '\t');
  }
}
