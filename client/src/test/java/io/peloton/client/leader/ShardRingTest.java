package io.peloton.client.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: deterministic, balanced, and a leaving member moves only its own keys. */
class ShardRingTest {
  private static final List<String> KEYS =
      IntStream.range(0, 3000).mapToObj(i -> "ns/task-" + i).toList();

  @Test
  void everyReplicaComputesTheSameOwnerWhateverTheOrderOfMembers() {
    ShardRing one = ShardRing.of(List.of("c", "a", "b"));
    ShardRing two = ShardRing.of(List.of("b", "c", "a", "a"));
    assertEquals(List.of("a", "b", "c"), one.members());
    for (String k : KEYS) {
      assertEquals(one.owner(k), two.owner(k));
    }
  }

  @Test
  void keysAreSpreadRoughlyEvenly() {
    ShardRing ring = ShardRing.of(List.of("a", "b", "c"));
    Map<String, Integer> counts = new HashMap<>();
    KEYS.forEach(k -> counts.merge(ring.owner(k), 1, Integer::sum));
    for (String m : ring.members()) {
      assertTrue(counts.get(m) > 700 && counts.get(m) < 1300, counts.toString());
    }
  }

  @Test
  void aLeavingMemberMovesOnlyItsOwnKeys() {
    ShardRing before = ShardRing.of(List.of("a", "b", "c"));
    ShardRing after = ShardRing.of(List.of("a", "c"));
    for (String k : KEYS) {
      if (!before.owner(k).equals("b")) {
        assertEquals(before.owner(k), after.owner(k), k);
      }
    }
  }

  @Test
  void anEmptyRingOwnsNothing() {
    assertNull(ShardRing.of(List.of()).owner("x"));
    assertTrue(ShardRing.of(List.of()).isEmpty());
  }
}
