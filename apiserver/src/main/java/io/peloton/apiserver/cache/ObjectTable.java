package io.peloton.apiserver.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The cached objects of one kind: found by key through a hash table, listed in key order. Most
 * changes replace an object that is already there, which touches only the hash table; a
 * tree of a few hundred thousand keys costs a cache miss per level on every lookup.
 */
final class ObjectTable {
  private final Map<String, Slot> byKey = new HashMap<>();
  private final TreeMap<String, Slot> ordered = new TreeMap<>();

  /** Shared by both indexes, so replacing an object is one write. */
  private static final class Slot {
    CachedObject object;

    Slot(CachedObject object) {
      this.object = object;
    }
  }

  CachedObject get(String key) {
    Slot s = byKey.get(key);
    return s == null ? null : s.object;
  }

  /** Keeps the object under its key; the object it replaced, or null. */
  CachedObject put(CachedObject o) {
    Slot s = byKey.get(o.key());
    if (s != null) {
      CachedObject previous = s.object;
      s.object = o;
      return previous;
    }
    s = new Slot(o);
    byKey.put(o.key(), s);
    ordered.put(o.key(), s);
    return null;
  }

  /** The object removed, or null. */
  CachedObject remove(String key) {
    Slot s = byKey.remove(key);
    if (s == null) {
      return null;
    }
    ordered.remove(key);
    return s.object;
  }

  int size() {
    return byKey.size();
  }

  void clear() {
    byKey.clear();
    ordered.clear();
  }

  /** The objects whose keys start with {@code prefix} (all when null) and match, in key order. */
  List<CachedObject> matching(String prefix, Predicate<CachedObject> filter) {
    Map<String, Slot> range = prefix == null ? ordered
        : ordered.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    List<CachedObject> out = new ArrayList<>();
    for (Slot s : range.values()) {
      if (filter.test(s.object)) {
        out.add(s.object);
      }
    }
    return out;
  }
}
