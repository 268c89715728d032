package io.modelbridge.samples.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SqlScriptProperties {

  @Property(tries = 200)
  void split_returnsEveryStatement_whateverTheLiteralsHold(
      @ForAll @Size(min = 1, max = 8) List<@From("literals") String> values) {
    List<String> statements = values.stream()
        .map(v -> "INSERT INTO t VALUES ('" + v.replace("'", "''") + "')")
        .collect(Collectors.toList());
    String script = "/*****\n banner ****/\n-- comment; with semicolon\n"
        + String.join(";\n", statements) + ";\n";
    assertThat(SqlScript.split(script)).containsExactlyElementsOf(statements);
  }

  @Provide
  Arbitrary<String> literals() {
    return Arbitraries.strings().withChars("ab;'-*/\\\n x").ofMaxLength(20);
  }

  @Example
  void split_skipsPsqlMetaCommandsAndEvenStarComments() {
    assertThat(SqlScript.split("/***/\nCREATE DATABASE x;\n\\c x;\nSELECT 1;"))
        .containsExactly("CREATE DATABASE x", "SELECT 1");
  }

  @Example
  void outsideLiterals_leavesLiteralsAlone() {
    assertThat(SqlScript.outsideLiterals("SELECT [A] FROM t WHERE x = '[A]'", s -> s.replace("[A]", "a")))
        .isEqualTo("SELECT a FROM t WHERE x = '[A]'");
  }
}
