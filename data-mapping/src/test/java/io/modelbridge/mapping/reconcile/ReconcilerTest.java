package io.modelbridge.mapping.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelbridge.mapping.CanonicalEntity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {

  static CanonicalEntity c(String key, Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new CanonicalEntity("customer", key, m, Optional.empty());
  }

  @Test
  void sortedInputs_reportMissingAndFieldMismatchesWithTolerances() {
    List<CanonicalEntity> crm = List.of(
        c("A1", "name", "Acme  GmbH", "limit", new BigDecimal("100.00"), "email", "a@x.org"),
        c("B2", "name", "Beta", "limit", new BigDecimal("50")),
        c("C3", "name", "Gamma", "limit", new BigDecimal("10")));
    List<CanonicalEntity> erp = List.of(
        c("A1", "name", "ACME GmbH", "limit", new BigDecimal("100.004"), "email", "b@x.org"),
        c("C3", "name", "Gamma", "limit", new BigDecimal("12")),
        c("D4", "name", "Delta"));
    List<Difference> all = new ArrayList<>();
    ReconciliationReport r = Reconciler.builder()
        .tolerance("name", Tolerance.lenientText())
        .tolerance("limit", Tolerance.decimal(new BigDecimal("0.01")))
        .personal(Set.of("email"))
        .build()
        .reconcileSorted(crm.iterator(), erp.iterator(), all::add);
    assertThat(all).containsExactly(
        new Difference.FieldMismatch("A1", "email", "***", "***"),
        new Difference.MissingRight("B2"),
        new Difference.FieldMismatch("C3", "limit", "10", "12"),
        new Difference.MissingLeft("D4"));
    assertThat(r.matched()).isZero();
    assertThat(r.mismatched()).isEqualTo(2);
    assertThat(r.missingLeft()).isEqualTo(1);
    assertThat(r.missingRight()).isEqualTo(1);
    assertThat(r.consistent()).isFalse();
  }

  @Test
  void outOfOrderInput_failsNamingTheSide() {
    List<CanonicalEntity> left = List.of(c("B"), c("A"));
    assertThatThrownBy(() -> Reconciler.builder().build().reconcileSorted(left.iterator(),
        List.<CanonicalEntity>of().iterator(), d -> {}))
        .isInstanceOf(ReconciliationException.class).hasMessageContaining("left input is not ordered");
  }

  @Test
  void unorderedInputs_areSortedBySpillingAndTempFilesAreRemoved(@TempDir Path tmp) throws Exception {
    List<CanonicalEntity> left = new ArrayList<>();
    List<CanonicalEntity> right = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      left.add(c(String.valueOf(i), "v", (long) i, "lines", List.of(Map.of("q", new BigDecimal("1.5")))));
      if (i != 500) {
        right.add(c(String.valueOf(i), "v", i == 7 ? 8L : (long) i, "lines", List.of(Map.of("q", new BigDecimal("1.50")))));
      }
    }
    Collections.shuffle(left, new java.util.Random(1));
    Collections.shuffle(right, new java.util.Random(2));
    List<Difference> all = new ArrayList<>();
    ReconciliationReport r = Reconciler.builder().runSize(64).tempDir(tmp)
        .keyOrder(java.util.Comparator.comparingLong(Long::parseLong)).build()
        .reconcile(left.iterator(), right.iterator(), all::add);
    assertThat(all).containsExactly(new Difference.FieldMismatch("7", "v", "7", "8"), new Difference.MissingRight("500"));
    assertThat(r.left()).isEqualTo(1000);
    assertThat(r.right()).isEqualTo(999);
    assertThat(r.matched()).isEqualTo(998);
    try (var files = Files.list(tmp)) {
      assertThat(files.count()).isZero();
    }
  }

  @Test
  void duplicateKeys_areReportedNotCompared() {
    ReconciliationReport r = Reconciler.builder().build().reconcileSorted(
        List.of(c("A"), c("A"), c("B")).iterator(), List.of(c("A"), c("B")).iterator(), d -> {});
    assertThat(r.duplicatesLeft()).isEqualTo(1);
    assertThat(r.matched()).isEqualTo(2);
    assertThat(r.sample()).containsExactly(new Difference.DuplicateKey("A", "left"));
  }

  @Test
  void ignoredAndSelectedFields() {
    ReconciliationReport r = Reconciler.builder().ignore("updatedAt").build().reconcileSorted(
        List.of(c("A", "x", 1L, "updatedAt", "t1")).iterator(),
        List.of(c("A", "x", 1L, "updatedAt", "t2")).iterator(), d -> {});
    assertThat(r.consistent()).isTrue();
    ReconciliationReport only = Reconciler.builder().compareOnly("x").build().reconcileSorted(
        List.of(c("A", "x", 1L, "y", "a")).iterator(), List.of(c("A", "x", 1L, "y", "b")).iterator(), d -> {});
    assertThat(only.consistent()).isTrue();
  }
}
