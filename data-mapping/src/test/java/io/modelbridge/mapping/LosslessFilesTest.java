package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.core.ModelBridgeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters keep records exactly as received, replays keep where a record came from, and output and
 * dead-letter files are replaced all at once or not at all.
 */
class LosslessFilesTest {

  static final Mapping KEYED = Mapping.builder("people", "person").key("id")
      .field("id", f -> f.from("id").required())
      .field("name", f -> f.from("name"))
      .field("age", f -> f.from("age").type(ValueType.INTEGER))
      .build();

  @Test
  void loneSurrogate_isKeptInTheDeadLetterFileAsAnEscapeNotAsQuestionMark(@TempDir Path dir) throws Exception {
    Path dead = dir.resolve("dead.jsonl");
    String name = "Jo\uD800e \u00e9\u5f20 \uD83D\uDE00 \u0000";
    try (FileDeadLetterSink sink = FileDeadLetterSink.open(dead)) {
      Counts c = KEYED.mapStream(List.of(SourceRecord.of(Map.of("id", "7", "name", name))).iterator(), e -> { }, sink);
      assertThat(c).isEqualTo(new Counts(1, 0, 1));
    }
    String text = Files.readString(dead, StandardCharsets.US_ASCII);
    assertThat(text).doesNotContain("?").containsIgnoringCase("\\uD800");
    for (int i = 0; i < text.length(); i++) {
      assertThat((int) text.charAt(i)).as("character %d of the dead-letter file", i).isLessThan(128);
    }
    Rejection back = FileDeadLetterSink.read(dead).get(0);
    assertThat(back.data().get("name").textValue()).isEqualTo(name);
    assertThat(back.violations().get(0).rule()).isEqualTo("character");
  }

  @Test
  void undecodableBytes_areKeptInTheDeadLetterFileByteForByte(@TempDir Path dir) throws Exception {
    byte[] row = {'9', ',', 'A', (byte) 0xC3, '(', ',', '3'};
    java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
    csv.writeBytes("id,name,age\n".getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(row);
    csv.write('\n');
    Path in = Files.write(dir.resolve("in.csv"), csv.toByteArray());
    Path dead = dir.resolve("dead.jsonl");
    try (RecordFile records = RecordFile.open(in); FileDeadLetterSink sink = FileDeadLetterSink.open(dead)) {
      assertThat(KEYED.mapStream(records, e -> { }, sink)).isEqualTo(new Counts(1, 0, 1));
    }
    Rejection back = FileDeadLetterSink.read(dead).get(0);
    assertThat(back.data().binaryValue()).isEqualTo(row);
    assertThat(back.origin()).contains("in.csv:2");
    // replaying cannot repair bytes: the letter is rejected again, exactly as it was
    List<Rejection> still = new ArrayList<>();
    Counts replay = FileDeadLetterSink.replay(dead, KEYED, e -> { }, still::add);
    assertThat(replay).isEqualTo(new Counts(1, 0, 1));
    assertThat(still.get(0).data().binaryValue()).isEqualTo(row);
  }

  @Test
  void replayingARecordWithoutKey_keepsItsFileAndLineOrigin(@TempDir Path dir) throws Exception {
    Path in = Files.writeString(dir.resolve("people.csv"), "id,name,age\n1,Ann,40\n,Bob,x\n");
    Path dead = dir.resolve("dead.jsonl");
    try (RecordFile records = RecordFile.open(in); FileDeadLetterSink sink = FileDeadLetterSink.open(dead)) {
      KEYED.mapStream(records, e -> { }, sink);
    }
    assertThat(FileDeadLetterSink.read(dead).get(0).sourceKey()).isEqualTo("? (people.csv:3)");
    Mapping stillStrict = KEYED.toBuilder().build();
    List<Rejection> again = new ArrayList<>();
    FileDeadLetterSink.replay(dead, stillStrict, e -> { }, again::add);
    assertThat(again.get(0).sourceKey()).isEqualTo("? (people.csv:3)");
    assertThat(again.get(0).origin()).contains("people.csv:3");
  }

  @Test
  void failureMidBatch_leavesThePreviousFilesUntouchedAndNoPartialOrTemporaryFile(@TempDir Path dir)
      throws Exception {
    Path out = Files.writeString(dir.resolve("out.jsonl"), "previous output\n");
    Path rej = Files.writeString(dir.resolve("rej.jsonl"), "previous rejects\n");
    StringBuilder csv = new StringBuilder("id,name,age\n");
    for (int i = 1; i <= 100; i++) {
      csv.append(i).append(",n").append(i).append(',').append(i % 10 == 0 ? "x" : String.valueOf(i)).append('\n');
    }
    Path in = Files.writeString(dir.resolve("in.csv"), csv);
    int[] seen = {0};
    assertThatThrownBy(() -> {
      try (RecordFile records = RecordFile.open(in);
          EntityFile entities = EntityFile.replacing(out);
          FileDeadLetterSink sink = FileDeadLetterSink.replacing(rej)) {
        KEYED.mapStream(records, e -> {
          if (++seen[0] == 50) {
            throw new ModelBridgeException("disk full (simulated)", true);
          }
          entities.accept(e);
        }, sink);
        entities.commit();
        sink.commit();
      }
    }).hasMessageContaining("simulated");
    assertThat(Files.readString(out)).isEqualTo("previous output\n");
    assertThat(Files.readString(rej)).isEqualTo("previous rejects\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("out.jsonl", "rej.jsonl", "in.csv");
    }

    // the same run without the failure replaces both files; running it twice gives the same files
    for (int run = 0; run < 2; run++) {
      try (RecordFile records = RecordFile.open(in);
          EntityFile entities = EntityFile.replacing(out);
          FileDeadLetterSink sink = FileDeadLetterSink.replacing(rej)) {
        assertThat(KEYED.mapStream(records, entities, sink)).isEqualTo(new Counts(100, 90, 10));
        entities.commit();
        sink.commit();
      }
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).hasSize(90).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
      Set<String> keys = new HashSet<>();
      for (String l : lines) {
        assertThat(keys.add(io.modelbridge.json.DataJson.tree(l).get("key").asText())).as("duplicate " + l).isTrue();
      }
      assertThat(FileDeadLetterSink.read(rej)).hasSize(10);
    }
  }

  @Test
  void outputThroughASymbolicLink_replacesTheTargetAndKeepsTheLink(@TempDir Path dir) throws Exception {
    Path target = Files.writeString(dir.resolve("real.jsonl"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);
    try (EntityFile out = EntityFile.replacing(link)) {
      out.accept(new CanonicalEntity("person", "1", Map.of("id", "1"), java.util.Optional.empty()));
      out.commit();
    }
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).contains("\"key\":\"1\"");
  }

  @Test
  void entityHoldingALoneSurrogate_isRefusedWholeAndLeavesNoTornLine(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.jsonl");
    try (EntityFile file = EntityFile.replacing(out)) {
      file.accept(new CanonicalEntity("p", "1", Map.of("n", "ok"), java.util.Optional.empty()));
      assertThatThrownBy(() -> file.accept(new CanonicalEntity("p", "2", Map.of("n", "bad\uDC00"),
          java.util.Optional.empty()))).isInstanceOf(ModelBridgeException.class).hasMessageContaining("surrogate");
      file.commit();
    }
    assertThat(Files.readAllLines(out)).hasSize(1).allSatisfy(l -> assertThat(l).endsWith("}"));
  }

  @Test
  void deadLetterLineWithABadByte_costsThatLetterOnly(@TempDir Path dir) throws Exception {
    Path dead = dir.resolve("dead.jsonl");
    try (FileDeadLetterSink sink = FileDeadLetterSink.open(dead)) {
      KEYED.mapStream(List.of(SourceRecord.of(Map.of("id", "1", "age", "x")),
          SourceRecord.of(Map.of("id", "2", "age", "y"))).iterator(), e -> { }, sink);
    }
    List<String> lines = Files.readAllLines(dead);
    java.io.ByteArrayOutputStream damaged = new java.io.ByteArrayOutputStream();
    damaged.writeBytes((lines.get(0) + "\n").getBytes(StandardCharsets.US_ASCII));
    damaged.writeBytes(new byte[] {'{', (byte) 0xFF, '}', '\n'});
    damaged.writeBytes((lines.get(1) + "\n").getBytes(StandardCharsets.US_ASCII));
    Files.write(dead, damaged.toByteArray());
    List<Rejection> back = FileDeadLetterSink.read(dead);
    assertThat(back).extracting(Rejection::sourceKey).containsExactly("1", "line 2", "2");
    assertThat(back.get(1).violations().get(0).message()).contains("line 2").contains("UTF-8");
    assertThat(back.get(1).data().binaryValue()).containsExactly('{', (byte) 0xFF, '}');
  }
}
