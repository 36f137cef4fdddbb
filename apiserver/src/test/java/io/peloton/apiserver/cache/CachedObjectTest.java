package io.peloton.apiserver.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast decode of stored values must agree with a full parse. */
class CachedObjectTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stampsResourceVersionAndReadsSelectorFields() throws Exception {
    String stored = "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"a\","
        + "\"namespace\":\"ns\",\"labels\":{\"team\":\"x\",\"tier\":\"1\"},\"annotations\":"
        + "{\"metadata\":\"{}\"}},\"spec\":{\"metadata\":{\"name\":\"decoy\"}}}";
    CachedObject o = CachedObject.decode(ResourceTypes.JOB, "k", bytes(stored), 42);
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

    CachedObject late = CachedObject.decode(ResourceTypes.LEASE, "k",
        bytes("{\"spec\":{\"x\":[1,{\"metadata\":{}}]},\"metadata\":{\"name\":\"l\"}}"), 8);
    assertEquals("8", late.tree().at("/metadata/resourceVersion").asText());
    assertEquals("l", late.name());
    assertEquals(1, late.tree().at("/spec/x/0").asInt());
  }
}
