package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.pipeline.pack.DomainPack;
import io.modelbridge.pipeline.pack.PackLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading packs from the classpath and disk, side by side, and every load error naming file and key. */
class DomainPackTest {

  @TempDir Path dir;

  @Test
  void shippedPacks_loadInBothVersionsSideBySide() {
    DomainPack r1 = DomainPack.fromLocation("classpath:retail/1.0.0");
    DomainPack r2 = DomainPack.fromLocation("classpath:retail/1.1.0");
    assertThat(r1.version()).isEqualTo("1.0.0");
    assertThat(r2.version()).isEqualTo("1.1.0");
    assertThat(r1.params().get("maxDiscount").toString()).isEqualTo("0.15");
    // Exactly as written in pack.yaml (0.10): the shared JSON configuration keeps a decimal's scale.
    assertThat(r2.params().get("maxDiscount").toString()).isEqualTo("0.10");
    assertThat(r1.task("recommend-accessories")).isPresent();
    DomainPack o1 = DomainPack.loadResource("order-desk", "1.0.0");
    DomainPack o2 = DomainPack.loadResource("order-desk", "1.1.0");
    assertThat(o1.task("correct-delivery-date").orElseThrow().action()).isPresent();
    assertThat(o2.toString()).contains("1.1.0");
  }

  Path pack(String yaml) throws Exception {
    Path p = Files.createDirectories(dir.resolve("p"));
    Files.writeString(p.resolve("pack.yaml"), yaml);
    Files.writeString(p.resolve("t.txt"), "Q: {{question}} D: {{data}}");
    Files.writeString(p.resolve("s.json"), "{\"type\":\"object\"}");
    return p;
  }

  @Test
  void diskPack_loadsFromDirectory() throws Exception {
    DomainPack p = DomainPack.load(pack("id: x\nversion: 2.0.0\ntasks:\n  t: {template: t.txt, schema: s.json}\n"));
    assertThat(p.id()).isEqualTo("x");
    assertThat(p.task("t").orElseThrow().template().placeholders()).containsExactly("question", "data");
  }

  @Test
  void missingPackYaml_namesTheFile() {
    assertThatThrownBy(() -> DomainPack.load(dir)).isInstanceOf(PackLoadException.class)
        .hasMessageContaining("pack.yaml").hasMessageContaining("is missing");
  }

  @Test
  void unknownKey_isNamedWithTheKnownKeys() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\nrulez: []\ntasks:\n  t: {template: t.txt, schema: s.json}\n");
    assertThatThrownBy(() -> DomainPack.load(p)).isInstanceOf(PackLoadException.class)
        .hasMessageContaining("key 'rulez'").hasMessageContaining("known keys");
  }

  @Test
  void badVersion_isRefused() throws Exception {
    Path p = pack("id: x\nversion: latest\ntasks:\n  t: {template: t.txt, schema: s.json}\n");
    assertThatThrownBy(() -> DomainPack.load(p)).hasMessageContaining("key 'version'").hasMessageContaining("1.0.0");
  }

  @Test
  void missingTemplateFile_namesTaskKeyAndFile() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t: {template: nope.txt, schema: s.json}\n");
    assertThatThrownBy(() -> DomainPack.load(p)).hasMessageContaining("tasks.t.template").hasMessageContaining("nope.txt");
  }

  @Test
  void ruleThatDoesNotParse_namesTheRuleKey() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t:\n    template: t.txt\n    schema: s.json\n"
        + "    rules:\n      - {name: broken, check: 'answer.x <= '}\n");
    assertThatThrownBy(() -> DomainPack.load(p)).isInstanceOf(PackLoadException.class)
        .hasMessageContaining("tasks.t.rules").hasMessageContaining("broken");
  }

  @Test
  void unknownPlaceholder_namesTheTemplate() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t: {template: t.txt, schema: s.json}\n");
    Files.writeString(p.resolve("t.txt"), "Hello {{customerName}}");
    assertThatThrownBy(() -> DomainPack.load(p)).hasMessageContaining("t.txt").hasMessageContaining("{{customerName}}");
  }

  @Test
  void invalidSchemaJson_namesTheSchemaFile() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t: {template: t.txt, schema: s.json}\n");
    Files.writeString(p.resolve("s.json"), "{not json");
    assertThatThrownBy(() -> DomainPack.load(p)).hasMessageContaining("s.json").hasMessageContaining("line 1, column")
        .hasMessageContaining("not well-formed JSON");
  }

  @Test
  void templateEscapingThePackDirectory_isRefused() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t: {template: ../../etc/passwd, schema: s.json}\n");
    assertThatThrownBy(() -> DomainPack.load(p)).hasMessageContaining("inside the pack directory");
  }

  @Test
  void badClasspathLocation_saysTheFormat() {
    assertThatThrownBy(() -> DomainPack.fromLocation("classpath:retail")).hasMessageContaining("classpath:<id>/<version>");
  }

  @Test
  void duplicateKeyInPackYaml_isRefusedNamingFileLineAndKey() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t:\n    template: t.txt\n    schema: s.json\n    template: u.txt\n");
    assertThatThrownBy(() -> DomainPack.load(p)).isInstanceOf(PackLoadException.class)
        .hasMessageContaining("pack.yaml, key 'tasks.t.template': line 7")
        .hasMessageContaining("duplicate key 'template'");
  }

  @Test
  void duplicateKeyInAnswerSchema_isRefused() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t: {template: t.txt, schema: s.json}\n");
    Files.writeString(p.resolve("s.json"), "{\"type\": \"object\",\n \"type\": \"array\"}");
    assertThatThrownBy(() -> DomainPack.load(p)).isInstanceOf(PackLoadException.class)
        .hasMessageContaining("s.json, key 'type': line 2").hasMessageContaining("duplicate key 'type'");
  }

  @Test
  void yamlSyntaxErrorInPackYaml_namesTheLine() throws Exception {
    Path p = pack("id: x\nversion: 1.0.0\ntasks:\n  t: {template: t.txt, schema: s.json\n");
    assertThatThrownBy(() -> DomainPack.load(p)).isInstanceOf(PackLoadException.class)
        .hasMessageContaining("pack.yaml, key '(file)': line ").hasMessageContaining("column")
        .hasMessageContaining("not well-formed YAML");
  }
}
