package io.modelbridge.adapters.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class RowVersionProperties {

  private static String version(List<Object> row) {
    RowVersion v = new RowVersion();
    row.forEach(v::add);
    return v.value();
  }

  @Property(tries = 500)
  void sameRow_sameVersion_anyChangedValue_otherVersion(@ForAll long id, @ForAll String name, @ForAll long cents,
      @ForAll int day, @ForAll long otherId, @ForAll String otherName) {
    List<Object> row = java.util.Arrays.asList(id, name, BigDecimal.valueOf(cents, 2), LocalDate.ofEpochDay(day % 100_000), null);
    assertThat(version(row)).isEqualTo(version(new java.util.ArrayList<>(row))).hasSize(32);
    Assume.that(otherId != id && !otherName.equals(name));
    List<Object> changedId = java.util.Arrays.asList(otherId, name, BigDecimal.valueOf(cents, 2), LocalDate.ofEpochDay(day % 100_000), null);
    List<Object> changedName = java.util.Arrays.asList(id, otherName, BigDecimal.valueOf(cents, 2), LocalDate.ofEpochDay(day % 100_000), null);
    List<Object> nullName = java.util.Arrays.asList(id, null, BigDecimal.valueOf(cents, 2), LocalDate.ofEpochDay(day % 100_000), null);
    assertThat(version(changedId)).isNotEqualTo(version(row));
    assertThat(version(changedName)).isNotEqualTo(version(row));
    assertThat(version(nullName)).isNotEqualTo(version(row));
  }

  @Property(tries = 200)
  void valuesMovingBetweenColumns_changeTheVersion(@ForAll String a, @ForAll String b) {
    Assume.that(!a.equals(b) && !b.isEmpty());
    assertThat(version(List.of(a, b))).isNotEqualTo(version(List.of(b, a)));
    assertThat(version(List.of(a + b, ""))).isNotEqualTo(version(List.of(a, b)));
  }
}
