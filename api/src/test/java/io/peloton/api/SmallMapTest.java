package io.peloton.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact map behaves as any Map: lookups, order, equality, immutability. */
class SmallMapTest {
  @Test
  void behavesAsTheMapItCopies() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("peloton.io/job", "web");
    in.put("peloton.io/instance", "3");
    in.put("tier", null);
    Map<String, String> small = Frozen.map(in);
    assertTrue(small instanceof SmallMap, small.getClass().toString());
    assertEquals(in, small);
    assertEquals(small, in);
    assertEquals(new HashMap<>(in).hashCode(), small.hashCode());
    assertEquals("3", small.get("peloton.io/instance"));
    assertTrue(small.containsKey("tier"));
    assertNull(small.get("absent"));
    assertFalse(small.containsKey(null));
    assertEquals(List.of("peloton.io/job", "peloton.io/instance", "tier"),
        new ArrayList<>(small.keySet()), "insertion order");
    assertThrows(UnsupportedOperationException.class, () -> small.put("x", "y"));
    assertSame(small, Frozen.map(small), "already frozen");
  }

  @Test
  void largeAndEmptyMapsStayOrdinary() {
    Map<Integer, Integer> big = new LinkedHashMap<>();
    for (int i = 0; i <= SmallMap.MAX_ENTRIES; i++) {
      big.put(i, i);
    }
    Map<Integer, Integer> frozen = Frozen.map(big);
    assertFalse(frozen instanceof SmallMap);
    assertEquals(big, frozen);
    assertTrue(Frozen.map(Map.of()).isEmpty());
    assertNull(Frozen.map(null));
  }
}
