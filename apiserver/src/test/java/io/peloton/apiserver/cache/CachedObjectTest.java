package io.peloton.apiserver.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast decode of stored values must agree with a full parse; packing must not change them. */
class CachedObjectTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stampsResourceVersionAndReadsSelectorFields() throws Exception {
    String stored = "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"a\","
        + "\"namespace\":\"ns\",\"labels\":{\"team\":\"x\",\"tier\":\"1\"},\"annotations\":"
        + "{\"metadata\":\"{}\"}},\"spec\":{\"metadata\":{\"name\":\"decoy\"}}}";
    CachedObject o = CachedObject.decode(ResourceTypes.JOB, ResourceTypes.JOB.key("ns", "a"),
        bytes(stored), 42);
    assertEquals("a", o.name());
    assertEquals("ns", o.namespace());
    assertEquals(Map.of("team", "x", "tier", "1"), o.labels());
    ObjectNode tree = o.tree();
    ObjectNode expected = (ObjectNode) Codecs.json().readTree(stored);
    ((ObjectNode) expected.get("metadata")).put("resourceVersion", "42");
    assertEquals(expected, tree);
  }

  @Test
  void emptyMetadataAndMetadataNotFirst() throws Exception {
    CachedObject empty = CachedObject.decode(ResourceTypes.LEASE, "k",
        bytes("{\"kind\":\"Lease\",\"metadata\":{}}"), 7);
    assertEquals("7", empty.tree().at("/metadata/resourceVersion").asText());

    CachedObject late = CachedObject.decode(ResourceTypes.LEASE,
        ResourceTypes.LEASE.key("ns", "l"),
        bytes("{\"spec\":{\"x\":[1,{\"metadata\":{}}]},\"metadata\":{\"name\":\"l\"}}"), 8);
    assertEquals("8", late.tree().at("/metadata/resourceVersion").asText());
    assertEquals("l", late.name());
    assertEquals(1, late.tree().at("/spec/x/0").asInt());
  }

  @Test
  void packedObjectsServeTheSameJson() {
    JsonPacker packer = new JsonPacker();
    int packedBytes = 0;
    int plainBytes = 0;
    for (int i = 0; i < 100; i++) {
      String stored = "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"Task\",\"metadata\":{\"name\":"
          + "\"web-" + i + "\",\"namespace\":\"prod\",\"labels\":{\"peloton.io/job\":\"web\"}},"
          + "\"spec\":{\"job\":\"web\",\"instance\":" + i + ",\"config\":{\"command\":{\"value\":"
          + "\"" + "echo serving && sleep 3600 ".repeat(12) + "\"}}}}";
      CachedObject plain = CachedObject.decode(ResourceTypes.TASK,
          ResourceTypes.TASK.key("prod", "web-" + i), bytes(stored), 100 + i);
      CachedObject kept = plain.packed(packer);
      assertArrayEquals(plain.json(), kept.json());
      assertEquals(plain.labels(), kept.labels());
      assertEquals("web-" + i, kept.name());
      plainBytes += plain.json().length;
      packedBytes += kept.body() instanceof ObjectBytes.Deflated d ? d.data().length
          : kept.json().length;
    }
    assertTrue(packedBytes * 5 < plainBytes,
        "objects of one kind pack well once a dictionary is learnt: " + packedBytes + " of "
            + plainBytes);
  }
}
