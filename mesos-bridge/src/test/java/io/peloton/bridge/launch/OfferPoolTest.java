package io.peloton.bridge.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;

/** How long an agent's offers have been held is what decides keeping or declining them. */
class OfferPoolTest {
  private static Protos.Offer offer(String id, String agent) {
    return Protos.Offer.newBuilder().setId(Protos.OfferID.newBuilder().setValue(id))
        .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("f"))
        .setAgentId(Protos.AgentID.newBuilder().setValue(agent)).setHostname(agent + ".host")
        .build();
  }

  @Test
  void holdingTimeStartsWithTheFirstOfferAndEndsWhenTheyAreGone() {
    OfferPool pool = new OfferPool();
    assertFalse(pool.heldLongerThan("a1", 0), "nothing held");
    pool.add(offer("o1", "a1"));
    assertTrue(pool.heldLongerThan("a1", 0));
    assertFalse(pool.heldLongerThan("a1", 60_000_000_000L));
    pool.add(offer("o2", "a1"));
    assertEquals(2, pool.size());

    pool.rescind(Protos.OfferID.newBuilder().setValue("o1").build());
    assertTrue(pool.heldLongerThan("a1", 0), "one offer is still held");
    pool.rescind(Protos.OfferID.newBuilder().setValue("o2").build());
    assertFalse(pool.heldLongerThan("a1", 0));

    pool.add(offer("o3", "a1"));
    assertEquals(1, pool.takeAgent("a1").size());
    assertFalse(pool.heldLongerThan("a1", 0));
  }
}
