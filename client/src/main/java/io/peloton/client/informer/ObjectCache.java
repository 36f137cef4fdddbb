package io.peloton.client.informer;

import io.peloton.api.ApiObject;
import io.peloton.client.ObjectKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An informer's local copy of the objects it watches: lookup by key and by named secondary
 * indexes. Readers may use it from any thread; only its informer writes to it.
 */
public final class ObjectCache<T extends ApiObject> {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<ObjectKey, T> objects = new HashMap<>();
  private final Map<String, IndexFunction<T>> indexers = new HashMap<>();
  /** index name → value → keys filed under it. */
  private final Map<String, Map<String, Set<ObjectKey>>> indexes = new HashMap<>();

  /** Adds a named index; objects already cached are indexed at once. */
  public void addIndex(String name, IndexFunction<T> function) {
    lock.writeLock().lock();
    try {
      if (indexers.containsKey(name)) {
        throw new IllegalArgumentException("index '" + name + "' already exists");
      }
      indexers.put(name, function);
      Map<String, Set<ObjectKey>> index = new HashMap<>();
      indexes.put(name, index);
      objects.forEach((k, o) -> file(index, function, k, o));
    } finally {
      lock.writeLock().unlock();
    }
  }

  public Optional<T> get(ObjectKey key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(objects.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  public Optional<T> get(String namespace, String name) {
    return get(ObjectKey.of(namespace, name));
  }

  /** Every cached object (a snapshot). */
  public List<T> list() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(objects.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  public Set<ObjectKey> keys() {
    lock.readLock().lock();
    try {
      return new HashSet<>(objects.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return objects.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The objects filed under {@code value} in index {@code index}. */
  public List<T> byIndex(String index, String value) {
    lock.readLock().lock();
    try {
      Set<ObjectKey> keys = indexOrFail(index).getOrDefault(value, Set.of());
      List<T> out = new ArrayList<>(keys.size());
      for (ObjectKey k : keys) {
        out.add(objects.get(k));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The keys filed under {@code value} in index {@code index}. */
  public Set<ObjectKey> keysByIndex(String index, String value) {
    lock.readLock().lock();
    try {
      return new HashSet<>(indexOrFail(index).getOrDefault(value, Set.of()));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * How many objects index {@code index} files under {@code value}, without copying them: a
   * check on a 100,000-task job must not hold the lock while it copies 100,000 keys.
   */
  public int countByIndex(String index, String value) {
    lock.readLock().lock();
    try {
      return indexOrFail(index).getOrDefault(value, Set.of()).size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every value index {@code index} currently files objects under. */
  public Set<String> indexValues(String index) {
    lock.readLock().lock();
    try {
      return new HashSet<>(indexOrFail(index).keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- writes, by the informer only ----

  /** Stores the object; returns the one it replaced, or null. */
  T put(T object) {
    ObjectKey key = ObjectKey.of(object);
    lock.writeLock().lock();
    try {
      T old = objects.put(key, object);
      indexers.forEach((name, fn) -> {
        Map<String, Set<ObjectKey>> index = indexes.get(name);
        if (old != null) {
          unfile(index, fn, key, old);
        }
        file(index, fn, key, object);
      });
      return old;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes the object; returns it, or null if it was not cached. */
  T remove(ObjectKey key) {
    lock.writeLock().lock();
    try {
      T old = objects.remove(key);
      if (old != null) {
        indexers.forEach((name, fn) -> unfile(indexes.get(name), fn, key, old));
      }
      return old;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A copy of key → object, to diff a relist against. */
  Map<ObjectKey, T> snapshot() {
    lock.readLock().lock();
    try {
      return new HashMap<>(objects);
    } finally {
      lock.readLock().unlock();
    }
  }

  private Map<String, Set<ObjectKey>> indexOrFail(String index) {
    Map<String, Set<ObjectKey>> i = indexes.get(index);
    if (i == null) {
      throw new IllegalArgumentException("no index named '" + index + "'; known: "
          + indexes.keySet());
    }
    return i;
  }

  private static <T> void file(Map<String, Set<ObjectKey>> index, IndexFunction<T> fn,
      ObjectKey key, T object) {
    for (String v : valuesOf(fn, object)) {
      // many index values name one object only (a task's run, its host): a singleton set
      // costs a fraction of a HashSet; the second key turns it into one
      index.merge(v, Set.of(key), (keys, one) -> {
        if (keys instanceof HashSet<ObjectKey> many) {
          many.add(key);
          return many;
        }
        if (keys.contains(key)) {
          return keys;
        }
        Set<ObjectKey> many = new HashSet<>(keys);
        many.add(key);
        return many;
      });
    }
  }

  private static <T> void unfile(Map<String, Set<ObjectKey>> index, IndexFunction<T> fn,
      ObjectKey key, T object) {
    for (String v : valuesOf(fn, object)) {
      Set<ObjectKey> keys = index.get(v);
      if (keys == null || !keys.contains(key)) {
        continue;
      }
      if (keys.size() == 1) {
        index.remove(v);
      } else {
        keys.remove(key); // only a HashSet holds more than one
      }
    }
  }

  private static <T> Collection<String> valuesOf(IndexFunction<T> fn, T object) {
    Collection<String> values = fn.values(object);
    return values == null ? List.of() : values;
  }
}
