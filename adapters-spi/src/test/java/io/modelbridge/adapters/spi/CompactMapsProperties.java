package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Record maps behave like an unmodifiable LinkedHashMap copy, at every size. */
class CompactMapsProperties {

  @Property(tries = 100)
  void copy_equalsAnOrderedCopy_andCannotBeChanged(@ForAll @IntRange(min = 0, max = 30) int size) {
    Map<String, Object> source = new LinkedHashMap<>();
    for (int i = size; i > 0; i--) {
      source.put("f" + i, (long) i);
    }
    Map<String, Object> copy = CompactMaps.copyOf(source, "field", "");
    assertThat(copy).isEqualTo(source).hasSameHashCodeAs(source);
    assertThat(new ArrayList<>(copy.keySet())).containsExactlyElementsOf(source.keySet());
    assertThat(copy.toString()).isEqualTo(source.toString());
    source.forEach((k, v) -> assertThat(copy.get(k)).isEqualTo(v));
    assertThat(copy.get("missing")).isNull();
    assertThatThrownBy(() -> copy.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    source.put("later", 0L);
    assertThat(copy).doesNotContainKey("later");
  }

  @Example
  void singleEntryMapOf_isKeptAsItIs() {
    Map<String, Object> key = Map.of("id", 10248L);
    assertThat(CompactMaps.copyOf(key, "key field", "")).isSameAs(key);
    Map<String, Object> mutable = new java.util.HashMap<>(key);
    assertThat(CompactMaps.copyOf(mutable, "key field", "")).isNotSameAs(mutable).isEqualTo(key);
  }

  @Example
  void nullValue_isNamed() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("customer", null);
    assertThatThrownBy(() -> CompactMaps.copyOf(source, "field", "; leave an absent value out"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("field 'customer' cannot be null; leave an absent value out");
  }
}
