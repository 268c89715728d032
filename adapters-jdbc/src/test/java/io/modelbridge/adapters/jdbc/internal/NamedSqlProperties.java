package io.modelbridge.adapters.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class NamedSqlProperties {

  @Property(tries = 200)
  void everyNamedParameter_becomesOnePlaceholder(
      @ForAll @AlphaChars @StringLength(min = 1, max = 10) String a, @ForAll @AlphaChars @StringLength(min = 1, max = 10) String b) {
    NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE x = :" + a + " AND y > :" + b + " OR x = :" + a);
    assertThat(sql.sql()).isEqualTo("SELECT * FROM t WHERE x = ? AND y > ? OR x = ?");
    assertThat(sql.names()).containsExactly(a, b, a);
  }

  @Example
  void quotedTextAndCasts_areLeftAlone() {
    NamedSql sql = NamedSql.parse("SELECT ':not', \"a:b\", d::date FROM t WHERE c = :customer");
    assertThat(sql.sql()).isEqualTo("SELECT ':not', \"a:b\", d::date FROM t WHERE c = ?");
    assertThat(sql.names()).isEqualTo(List.of("customer"));
  }
}
