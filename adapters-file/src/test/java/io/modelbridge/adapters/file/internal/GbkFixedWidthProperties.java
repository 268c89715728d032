package io.modelbridge.adapters.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.file.FileLayout;
import io.modelbridge.adapters.file.LayoutField;
import io.modelbridge.adapters.spi.FieldType;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Chinese names in GBK take two bytes a character: widths are bytes, and they round-trip. */
class GbkFixedWidthProperties {

  static final FileLayout LAYOUT = FileLayout.of(FileLayout.Format.FIXED,
      LayoutField.fixed("id", FieldType.INTEGER, 1, 4).asKey(),
      LayoutField.fixed("name", FieldType.STRING, 5, 12).asPersonal());

  @Property(tries = 300)
  void chineseNames_roundTripInTheirByteWidth(@ForAll("names") String name) throws Exception {
    RecordCodec codec = new RecordCodec(LAYOUT, Charset.forName("GBK"), ',');
    Map<String, Object> values = Map.of("id", 7L, "name", name);
    byte[] line = codec.encode(values, Optional.empty(), Set.of("id", "name"));
    assertThat(line).hasSize(16);
    assertThat(codec.decode(line).values()).isEqualTo(values);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("张王李赵刘陈杨黄周吴伟芳娜敏静丽强磊军洋").ofMinLength(1).ofMaxLength(6);
  }
}
