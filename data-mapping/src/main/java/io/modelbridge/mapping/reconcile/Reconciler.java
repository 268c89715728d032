package io.modelbridge.mapping.reconcile;

import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.mapping.internal.ExternalSort;
import io.modelbridge.adapters.spi.Masking;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares one canonical entity across two systems by key (for example CRM customers against ERP
 * customers, both mapped to {@code customer}) and reports keys missing on either side and field-level
 * mismatches, with declared tolerances.
 *
 * <p>Memory stays bounded whatever the input size: {@link #reconcileSorted} does a sort-merge over two
 * inputs already ordered by key (adapters can query {@code ORDER BY} key) holding one entity per side;
 * {@link #reconcile} first sorts unordered inputs externally, in runs of at most {@code runSize} entities
 * spilled to temporary files that are deleted afterwards. Thread-safe; each call is independent.
 */
public final class Reconciler {

  private final Set<String> only;
  private final Set<String> ignored;
  private final Map<String, Tolerance> tolerances;
  private final Tolerance defaultTolerance;
  private final io.modelbridge.mapping.internal.PersonalPaths personal;
  private final Comparator<String> keyOrder;
  private final int sampleSize;
  private final int runSize;
  private final Optional<Path> tempDir;

  private Reconciler(Builder b) {
    this.only = Set.copyOf(b.only);
    this.ignored = Set.copyOf(b.ignored);
    this.tolerances = Map.copyOf(b.tolerances);
    this.defaultTolerance = b.defaultTolerance;
    this.personal = io.modelbridge.mapping.internal.PersonalPaths.of(b.personal);
    this.keyOrder = b.keyOrder;
    this.sampleSize = b.sampleSize;
    this.runSize = b.runSize;
    this.tempDir = b.tempDir;
  }

  /** A builder with exact comparison of every field, natural (lexicographic) key order. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reconciles two inputs that are each ordered by key in this reconciler's key order.
   *
   * @param listener receives every difference as it is found
   * @throws ReconciliationException if an input is out of order (names the side and the keys)
   */
  public ReconciliationReport reconcileSorted(Iterator<CanonicalEntity> left, Iterator<CanonicalEntity> right,
      Consumer<Difference> listener) {
    Objects.requireNonNull(left, "left cannot be null");
    Objects.requireNonNull(right, "right cannot be null");
    Objects.requireNonNull(listener, "listener cannot be null");
    State s = new State(listener);
    Side l = new Side("left", left, keyOrder, s);
    Side r = new Side("right", right, keyOrder, s);
    CanonicalEntity a = l.next();
    CanonicalEntity b = r.next();
    while (a != null || b != null) {
      int c = a == null ? 1 : b == null ? -1 : keyOrder.compare(a.key(), b.key());
      if (c < 0) {
        s.missingRight++;
        s.emit(new Difference.MissingRight(a.key()));
        a = l.next();
      } else if (c > 0) {
        s.missingLeft++;
        s.emit(new Difference.MissingLeft(b.key()));
        b = r.next();
      } else {
        long before = s.fieldMismatches;
        compare(a.key(), "", a.fields(), b.fields(), s);
        if (s.fieldMismatches == before) {
          s.matched++;
        } else {
          s.mismatched++;
        }
        a = l.next();
        b = r.next();
      }
    }
    return new ReconciliationReport(l.count, r.count, s.matched, s.mismatched, s.missingLeft, s.missingRight,
        s.fieldMismatches, l.duplicates, r.duplicates, s.sample);
  }

  /**
   * Reconciles two inputs in any order: each is sorted externally first (runs of {@code runSize} entities
   * spilled to temporary files), then merged as in {@link #reconcileSorted}.
   *
   * @throws ReconciliationException if the temporary files cannot be written or read
   */
  public ReconciliationReport reconcile(Iterator<CanonicalEntity> left, Iterator<CanonicalEntity> right,
      Consumer<Difference> listener) {
    try (ExternalSort sortedLeft = new ExternalSort(left, keyOrder, runSize, tempDir);
        ExternalSort sortedRight = new ExternalSort(right, keyOrder, runSize, tempDir)) {
      return reconcileSorted(sortedLeft, sortedRight, listener);
    } catch (java.io.UncheckedIOException e) {
      throw new ReconciliationException("cannot spill to temporary files for sorting: " + e.getCause().getMessage()
          + "; set a tempDir with free space", e, true);
    }
  }

  private final class State {
    final Consumer<Difference> listener;
    final List<Difference> sample = new ArrayList<>();
    long matched;
    long mismatched;
    long missingLeft;
    long missingRight;
    long fieldMismatches;

    State(Consumer<Difference> listener) {
      this.listener = listener;
    }

    void emit(Difference d) {
      if (sample.size() < sampleSize) {
        sample.add(d);
      }
      listener.accept(d);
    }
  }

  private static final class Side {
    final String name;
    final Iterator<CanonicalEntity> it;
    final Comparator<String> order;
    final Reconciler.State state;
    String lastKey;
    long count;
    long duplicates;

    Side(String name, Iterator<CanonicalEntity> it, Comparator<String> order, Reconciler.State state) {
      this.name = name;
      this.it = it;
      this.order = order;
      this.state = state;
    }

    CanonicalEntity next() {
      while (it.hasNext()) {
        CanonicalEntity e = it.next();
        count++;
        if (lastKey != null) {
          int c = order.compare(e.key(), lastKey);
          if (c < 0) {
            throw new ReconciliationException("the " + name + " input is not ordered by key: '" + e.key()
                + "' comes after '" + lastKey + "'; order the query by key in the same order as the reconciler,"
                + " or call reconcile(..) which sorts", null, false);
          }
          if (c == 0) {
            duplicates++;
            state.emit(new Difference.DuplicateKey(e.key(), name));
            continue;
          }
        }
        lastKey = e.key();
        return e;
      }
      return null;
    }
  }

  private void compare(String key, String path, Object a, Object b, State s) {
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> ma = (Map<?, ?>) a;
      Map<?, ?> mb = (Map<?, ?>) b;
      Set<Object> names = new LinkedHashSet<>(ma.keySet());
      names.addAll(mb.keySet());
      for (Object n : names) {
        String p = path.isEmpty() ? String.valueOf(n) : path + "." + n;
        if (!selected(p)) {
          continue;
        }
        compare(key, p, ma.get(n), mb.get(n), s);
      }
      return;
    }
    if (a instanceof List && b instanceof List) {
      List<?> la = (List<?>) a;
      List<?> lb = (List<?>) b;
      int n = Math.max(la.size(), lb.size());
      for (int i = 0; i < n; i++) {
        compare(key, path + "[" + i + "]", i < la.size() ? la.get(i) : null, i < lb.size() ? lb.get(i) : null, s);
      }
      return;
    }
    if (!equal(path, a, b)) {
      s.fieldMismatches++;
      boolean masked = personal.covers(path);
      s.emit(new Difference.FieldMismatch(key, path, shown(a, masked), shown(b, masked)));
    }
  }

  private static String shown(Object v, boolean masked) {
    if (v == null) {
      return "absent";
    }
    return Masking.show(v, masked);
  }

  private boolean selected(String path) {
    if (ignored.isEmpty() && only.isEmpty()) {
      return true;
    }
    String general = general(path);
    if (ignored.contains(general) || ignored.contains(path)) {
      return false;
    }
    if (only.isEmpty()) {
      return true;
    }
    for (String o : only) {
      if (general.equals(o) || general.startsWith(o + ".") || general.startsWith(o + "[") || o.startsWith(general + ".")
          || o.startsWith(general + "[")) {
        return true;
      }
    }
    return false;
  }

  private boolean equal(String path, Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    Tolerance t = tolerances.isEmpty() ? defaultTolerance : tolerances.getOrDefault(general(path), defaultTolerance);
    BigDecimal na = number(a);
    BigDecimal nb = number(b);
    if (na != null && nb != null) {
      return na.subtract(nb).abs().compareTo(t.absolute()) <= 0;
    }
    if (a instanceof String && b instanceof String) {
      String sa = (String) a;
      String sb = (String) b;
      if (t.normalizeWhitespace()) {
        sa = sa.strip().replaceAll("\\s+", " ");
        sb = sb.strip().replaceAll("\\s+", " ");
      }
      return t.ignoreCase() ? sa.equalsIgnoreCase(sb) : sa.equals(sb);
    }
    return a.equals(b);
  }

  /** The path with list indices replaced by {@code [*]}; no regex for the common path without indices. */
  private static String general(String path) {
    return path.indexOf('[') < 0 ? path : path.replaceAll("\\[\\d+\\]", "[*]");
  }

  private static BigDecimal number(Object v) {
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof Long || v instanceof Integer) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    return null;
  }

  /** Builds a {@link Reconciler}; every setter returns this builder. */
  public static final class Builder {
    private final Set<String> only = new LinkedHashSet<>();
    private final Set<String> ignored = new LinkedHashSet<>();
    private final Map<String, Tolerance> tolerances = new HashMap<>();
    private Tolerance defaultTolerance = Tolerance.EXACT;
    private final Set<String> personal = new LinkedHashSet<>();
    private Comparator<String> keyOrder = Comparator.naturalOrder();
    private int sampleSize = 100;
    private int runSize = 50_000;
    private Optional<Path> tempDir = Optional.empty();

    private Builder() {}

    /** Compares only these field paths (default: every field on either side). */
    public Builder compareOnly(String... paths) {
      only.addAll(List.of(paths));
      return this;
    }

    /** Never compares these field paths (for example {@code updatedAt}). */
    public Builder ignore(String... paths) {
      ignored.addAll(List.of(paths));
      return this;
    }

    /** A tolerance for one field path ({@code [*]} for array elements). */
    public Builder tolerance(String path, Tolerance tolerance) {
      tolerances.put(Objects.requireNonNull(path, "path cannot be null"),
          Objects.requireNonNull(tolerance, "tolerance cannot be null"));
      return this;
    }

    /** The tolerance of fields without their own. */
    public Builder defaultTolerance(Tolerance tolerance) {
      this.defaultTolerance = Objects.requireNonNull(tolerance, "tolerance cannot be null");
      return this;
    }

    /** Field paths whose values are masked in differences (for example {@code mapping.personalFields()}). */
    public Builder personal(Set<String> paths) {
      personal.addAll(paths);
      return this;
    }

    /**
     * The order of keys in sorted inputs (default: natural String order). Use the order the systems sort
     * in, for example numeric for integer keys: {@code Comparator.comparingLong(Long::parseLong)}.
     */
    public Builder keyOrder(Comparator<String> order) {
      this.keyOrder = Objects.requireNonNull(order, "order cannot be null");
      return this;
    }

    /** How many differences the report keeps (default 100); the listener gets all. */
    public Builder sampleSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("sample size must not be negative, was " + size);
      }
      this.sampleSize = size;
      return this;
    }

    /** Entities per in-memory run of the external sort (default 50,000); lower it for a smaller heap. */
    public Builder runSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("run size must be at least 1, was " + size);
      }
      this.runSize = size;
      return this;
    }

    /** Where the external sort spills (default: the system temporary directory). */
    public Builder tempDir(Path dir) {
      this.tempDir = Optional.of(dir);
      return this;
    }

    /** Builds the reconciler. */
    public Reconciler build() {
      return new Reconciler(this);
    }
  }
}
