package io.modelbridge.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocumentTest {

  @TempDir
  Path dir;

  @Test
  void duplicateKeyInYaml_isRefusedNamingFileLineAndKeyPath() throws Exception {
    Path f = Files.writeString(dir.resolve("pack.yaml"), "id: p\ntasks:\n  a:\n    template: t\n    template: u\n");
    assertThatThrownBy(() -> ConfigDocument.read(f))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith(f + ", line 5")
        .hasMessageContaining("(key 'tasks.a.template')")
        .hasMessageContaining("duplicate key 'template'")
        .satisfies(e -> assertThat(((ConfigFileException) e).line()).isEqualTo(OptionalInt.of(5)));
  }

  @Test
  void duplicateKeyInJson_isRefusedNamingLine() throws Exception {
    Path f = Files.writeString(dir.resolve("policy.json"), "{\"rules\": [\n {\"id\": 1,\n  \"id\": 2}]}");
    assertThatThrownBy(() -> ConfigDocument.read(f))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith(f + ", line 3")
        .hasMessageContaining("(key 'rules[0].id')");
  }

  @Test
  void yamlSyntaxError_namesLineAndColumn() throws Exception {
    Path f = Files.writeString(dir.resolve("gateway.yaml"), "modelbridge:\n  retry: [1, 2\n  cache: on\n");
    assertThatThrownBy(() -> ConfigDocument.read(f))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith(f + ", line ")
        .hasMessageContaining("column")
        .hasMessageContaining("is not well-formed YAML")
        .hasMessageNotContaining("in 'reader'")
        .satisfies(e -> assertThat(((ConfigFileException) e).line().orElse(0)).isBetween(2, 4));
  }

  @Test
  void jsonSyntaxError_namesLine() {
    assertThatThrownBy(() -> ConfigDocument.parse("{\n\"a\": 1,\n\"b\": }", "x.json", ConfigDocument.Format.JSON))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith("x.json, line 3, column ")
        .hasMessageContaining("is not well-formed JSON");
  }

  @Test
  void notUtf8_saysUtf8() throws Exception {
    Path f = Files.write(dir.resolve("m.yaml"), new byte[] {'a', ':', ' ', (byte) 0xC3, '\n'});
    assertThatThrownBy(() -> ConfigDocument.read(f)).isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void valueError_namesTheLineOfItsKey() {
    ConfigDocument doc = ConfigDocument.parse("id: p\nproviders:\n  - type: openai\n  - type: nope\n", "g.yaml",
        ConfigDocument.Format.YAML);
    assertThat(doc.error("providers[1].type", "unknown type 'nope'; use openai or ollama").getMessage())
        .isEqualTo("g.yaml, line 4, column 5 (key 'providers[1].type'): unknown type 'nope'; use openai or ollama");
    assertThat(doc.error("providers[1]", "x").line()).isEqualTo(OptionalInt.of(4));
    assertThat(doc.error("absent.key", "is required").getMessage())
        .isEqualTo("g.yaml (key 'absent.key'): is required");
  }

  @Test
  void decimals_areExact() {
    ConfigDocument doc = ConfigDocument.parse("limit: 12345678901234567.890\n", "c.yaml", ConfigDocument.Format.YAML);
    assertThat(doc.tree().get("limit").decimalValue().toPlainString()).isEqualTo("12345678901234567.890");
  }

  @Test
  void emptyFile_isAMissingTree() throws Exception {
    Path f = Files.write(dir.resolve("e.yaml"), "".getBytes(StandardCharsets.UTF_8));
    assertThat(ConfigDocument.read(f).tree().isMissingNode()).isTrue();
  }

  @Test
  void formatOfName_followsTheExtension() {
    assertThat(ConfigDocument.Format.of("A.JSON", ConfigDocument.Format.YAML)).isEqualTo(ConfigDocument.Format.JSON);
    assertThat(ConfigDocument.Format.of("a.yml", ConfigDocument.Format.JSON)).isEqualTo(ConfigDocument.Format.YAML);
    assertThat(ConfigDocument.Format.of("a.conf", ConfigDocument.Format.JSON)).isEqualTo(ConfigDocument.Format.JSON);
  }
}
