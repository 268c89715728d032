package io.modelbridge.adapters.jdbc.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The values of one row, in column order, over two arrays: a cheap hand-over to {@code AdapterRecord}, which
 * copies it, so a stream reuses one for every row. Holds only the non-null values.
 */
final class RowMap extends AbstractMap<String, Object> {

  private final String[] names;
  private final Object[] values;
  private final RowVersion version = new RowVersion();
  private int size;

  RowMap(int capacity) {
    names = new String[capacity];
    values = new Object[capacity];
  }

  /** Empties the buffer and its row version for the next row. */
  @Override
  public void clear() {
    java.util.Arrays.fill(values, 0, size, null);
    size = 0;
    version.reset();
  }

  /** The row version of the values added since the last {@link #clear()}, fed by the caller. */
  RowVersion version() {
    return version;
  }

  void add(String name, Object value) {
    names[size] = name;
    values[size] = value;
    size++;
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
  public int size() {
    return size;
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
