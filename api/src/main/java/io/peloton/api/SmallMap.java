package io.peloton.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, insertion-ordered map kept as one array of keys and values: the few labels or
 * ports of an object cost tens of bytes instead of a LinkedHashMap's hundreds, which matters
 * when every cached Task holds some. Lookups scan, so it is meant for small maps.
 */
public final class SmallMap<K, V> extends AbstractMap<K, V> {
  /** Above this many entries a scan is slower than hashing; {@link Frozen#map} uses a hash map. */
  public static final int MAX_ENTRIES = 8;

  private final Object[] keysAndValues;
  private Set<Map.Entry<K, V>> entries;

  private SmallMap(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  /** A copy of the map, in its iteration order. */
  public static <K, V> SmallMap<K, V> copyOf(Map<? extends K, ? extends V> in) {
    Object[] kv = new Object[in.size() * 2];
    int i = 0;
    for (Map.Entry<? extends K, ? extends V> e : in.entrySet()) {
      kv[i++] = e.getKey();
      kv[i++] = e.getValue();
    }
    return new SmallMap<>(kv);
  }

  @Override
  public int size() {
    return keysAndValues.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) keysAndValues[i + 1];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (Objects.equals(keysAndValues[i], key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    if (entries == null) {
      entries = new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keysAndValues.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Map.Entry<K, V> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              Map.Entry<K, V> e = new AbstractMap.SimpleImmutableEntry<>(
                  (K) keysAndValues[next], (V) keysAndValues[next + 1]);
              next += 2;
              return e;
            }
          };
        }

        @Override
        public int size() {
          return SmallMap.this.size();
        }
      };
    }
    return entries;
  }
}
