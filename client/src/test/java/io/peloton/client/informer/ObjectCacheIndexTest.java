package io.peloton.client.informer;

import static io.peloton.client.testing.Leases.lease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.lease.Lease;
import io.peloton.client.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Index entries grow from one key to many and shrink back, whatever set holds them. */
class ObjectCacheIndexTest {
  private static Lease inGroup(String name, String group) {
    return lease(name, Map.of("group", group), "holder");
  }

  private static Set<String> names(ObjectCache<Lease> cache, String group) {
    return Set.copyOf(cache.byIndex("group", group).stream().map(l -> l.metadata().name())
        .toList());
  }

  @Test
  void aValueFiledUnderByOneThenManyThenNone() {
    ObjectCache<Lease> cache = new ObjectCache<>();
    cache.addIndex("group", Indexes.byLabel("group"));
    cache.put(inGroup("a", "g1"));
    assertEquals(Set.of("a"), names(cache, "g1"));
    cache.put(inGroup("a", "g1")); // the same object again changes nothing
    assertEquals(Set.of("a"), names(cache, "g1"));
    cache.put(inGroup("b", "g1"));
    cache.put(inGroup("c", "g1"));
    assertEquals(Set.of("a", "b", "c"), names(cache, "g1"));

    assertEquals(3, cache.countByIndex("group", "g1"));

    cache.remove(ObjectKey.of(null, "b"));
    assertEquals(Set.of("a", "c"), names(cache, "g1"));
    assertEquals(2, cache.countByIndex("group", "g1"));
    assertEquals(0, cache.countByIndex("group", "nothing"));
    cache.put(inGroup("a", "g2")); // moves
    assertEquals(Set.of("c"), names(cache, "g1"));
    assertEquals(Set.of("a"), names(cache, "g2"));
    cache.remove(ObjectKey.of(null, "c"));
    cache.remove(ObjectKey.of(null, "a"));
    assertTrue(cache.indexValues("group").isEmpty(), cache.indexValues("group").toString());
    assertEquals(List.of(), cache.byIndex("group", "g1"));
  }

  @Test
  void aSingleKeyEntryCanBeRemovedAndRefilled() {
    ObjectCache<Lease> cache = new ObjectCache<>();
    cache.addIndex("group", Indexes.byLabel("group"));
    cache.put(inGroup("a", "g1"));
    cache.remove(ObjectKey.of(null, "a"));
    assertTrue(cache.indexValues("group").isEmpty());
    cache.put(inGroup("a", "g1"));
    cache.put(inGroup("b", "g1"));
    assertEquals(Set.of("a", "b"), cache.keysByIndex("group", "g1").stream()
        .map(ObjectKey::name).collect(java.util.stream.Collectors.toSet()));
  }
}
