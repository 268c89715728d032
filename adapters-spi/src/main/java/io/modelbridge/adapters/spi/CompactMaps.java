package io.modelbridge.adapters.spi;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable, ordered, null-free copies of the small maps every record carries (its fields, its key).
 * Records are created per row when an operation streams millions of them, so a copy is two arrays rather
 * than a {@link LinkedHashMap} behind an unmodifiable view; larger maps still use the latter, since lookups
 * here scan.
 */
final class CompactMaps {

  private static final int MAX_COMPACT = 12;
  /** {@code Map.of(k, v)}: already immutable, null-free and (with one entry) ordered; kept as it is. */
  private static final Class<?> SINGLE_ENTRY = Map.of("k", "v").getClass();

  private CompactMaps() {}

  /**
   * Copies {@code source}, keeping its order.
   *
   * @param what what an entry is, for messages ("field", "key field")
   * @param nullValueHint appended to the message for a null value
   * @throws NullPointerException naming the entry with a null name or value
   */
  static Map<String, Object> copyOf(Map<String, Object> source, String what, String nullValueHint) {
    int n = source.size();
    if (n == 1 && source.getClass() == SINGLE_ENTRY) {
      return source;
    }
    Filler f = new Filler(what, nullValueHint, n <= MAX_COMPACT ? n : -1);
    source.forEach(f);
    if (f.linked != null) {
      return Collections.unmodifiableMap(f.linked);
    }
    return new Compact(f.names, f.values, f.count);
  }

  private static final class Filler implements BiConsumer<String, Object> {
    private final String what;
    private final String hint;
    private final String[] names;
    private final Object[] values;
    private final LinkedHashMap<String, Object> linked;
    private int count;

    Filler(String what, String hint, int compactSize) {
      this.what = what;
      this.hint = hint;
      this.names = compactSize >= 0 ? new String[compactSize] : null;
      this.values = compactSize >= 0 ? new Object[compactSize] : null;
      this.linked = compactSize >= 0 ? null : new LinkedHashMap<>();
    }

    @Override
    public void accept(String k, Object v) {
      if (k == null) {
        throw new NullPointerException(what + " name cannot be null");
      }
      if (v == null) {
        throw new NullPointerException(what + " '" + k + "' cannot be null" + hint);
      }
      if (linked != null) {
        linked.put(k, v);
      } else {
        // a source whose size() understated its entries is copied as far as it fits, then rejected
        Objects.checkIndex(count, names.length);
        names[count] = k;
        values[count] = v;
        count++;
      }
    }
  }

  private static final class Compact extends AbstractMap<String, Object> {
    private final String[] names;
    private final Object[] values;
    private final int size;

    Compact(String[] names, Object[] values, int size) {
      this.names = names;
      this.values = values;
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Object get(Object key) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(key)) {
          return values[i];
        }
      }
      return null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      for (int i = 0; i < size; i++) {
        action.accept(names[i], values[i]);
      }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
              return i < size;
            }

            @Override
            public Entry<String, Object> next() {
              if (i >= size) {
                throw new NoSuchElementException();
              }
              Entry<String, Object> e = new SimpleImmutableEntry<>(names[i], values[i]);
              i++;
              return e;
            }
          };
        }

        @Override
        public int size() {
          return size;
        }
      };
    }
  }
}
