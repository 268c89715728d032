package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {

  static AdapterRecord record(int id, String status) {
    SourceRef ref = new SourceRef("erp", "orders", Map.of("order_id", (long) id), Optional.of("v" + id),
        Instant.parse("2024-05-01T10:00:00Z"));
    return new AdapterRecord(ref, Map.of("order_id", (long) id, "status", status, "email", "p" + id + "@example.org"));
  }

  static Mapping mapping(Map<String, String> codes) {
    return Mapping.builder("erp-orders", "order").key("orderId")
        .field("orderId", f -> f.from("order_id").type(ValueType.INTEGER))
        .field("status", f -> f.from("status").codes(codes))
        .field("email", f -> f.from("email").personal())
        .build();
  }

  @Test
  void rejectedRecords_goToTheFileAndReplayAfterAFix(@TempDir Path dir) {
    Mapping broken = mapping(Map.of("01", "NEW"));
    List<AdapterRecord> in = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      in.add(record(i, i % 3 == 0 ? "03" : "01"));
    }
    Path dead = dir.resolve("dead/orders.jsonl");
    List<CanonicalEntity> delivered = new ArrayList<>();
    Counts first;
    try (FileDeadLetterSink sink = FileDeadLetterSink.open(dead)) {
      Iterator<SourceRecord> it = in.stream().map(SourceRecord::of).iterator();
      first = broken.mapStream(it, delivered::add, sink);
      assertThat(sink.written()).isEqualTo(3);
    }
    assertThat(first).isEqualTo(new Counts(10, 7, 3));
    List<Rejection> stored = FileDeadLetterSink.read(dead);
    assertThat(stored).extracting(Rejection::sourceKey).containsExactly("3", "6", "9");
    assertThat(stored.get(0).source()).contains(in.get(2).source());
    assertThat(stored.get(0).violations().get(0).rule()).isEqualTo("codeTable");

    Mapping fixed = mapping(Map.of("01", "NEW", "03", "SHIPPED"));
    List<CanonicalEntity> replayed = new ArrayList<>();
    List<Rejection> still = new ArrayList<>();
    Counts replay = FileDeadLetterSink.replay(dead, fixed, replayed::add, still::add);
    assertThat(replay).isEqualTo(new Counts(3, 3, 0));
    assertThat(replayed).extracting(CanonicalEntity::key).containsExactly("3", "6", "9");
    assertThat(replayed.get(0).version()).contains("v3");
    assertThat(replayed.get(0).fields()).containsEntry("status", "SHIPPED");
  }

  @Test
  void truncatedLine_isReportedOnReplayNotLost(@TempDir Path dir) throws Exception {
    Path dead = dir.resolve("d.jsonl");
    try (FileDeadLetterSink sink = FileDeadLetterSink.open(dead, FileDeadLetterSink.Fsync.EVERY_RECORD,
        java.time.Clock.systemUTC())) {
      mapping(Map.of("02", "X")).mapStream(List.of(SourceRecord.of(record(1, "01"))).iterator(), e -> {}, sink);
    }
    Files.writeString(dead, "{\"mapping\":\"erp-orders\",\"sourceKey\":\"2\",\"da", StandardOpenOption.APPEND);
    List<Rejection> still = new ArrayList<>();
    Counts c = FileDeadLetterSink.replay(dead, mapping(Map.of("01", "NEW")), e -> {}, still::add);
    assertThat(c).isEqualTo(new Counts(2, 1, 1));
    assertThat(still.get(0).violations().get(0).rule()).isEqualTo("deadLetter:unreadable");
  }

  @Test
  void violationsInTheFile_holdNoPersonalValues(@TempDir Path dir) throws Exception {
    Mapping m = Mapping.builder("m", "customer").key("id")
        .field("id", f -> f.from("id"))
        .field("born", f -> f.from("born").type(ValueType.DATE).personal())
        .build();
    Path dead = dir.resolve("d.jsonl");
    try (FileDeadLetterSink sink = FileDeadLetterSink.open(dead)) {
      m.mapStream(List.of(SourceRecord.of(Map.of("id", "1", "born", "31.13.1970"))).iterator(), e -> {}, sink);
    }
    Rejection r = FileDeadLetterSink.read(dead).get(0);
    assertThat(r.violations().toString()).doesNotContain("1970");
    // the source data is kept for the replay (documented: protect the file like the source)
    assertThat(r.data().get("born").asText()).isEqualTo("31.13.1970");
  }
}
