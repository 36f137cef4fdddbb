package io.peloton.apiserver.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import org.junit.jupiter.api.Test;

class ObjectIdentityTest {
  private static JsonNode tree(String json) throws Exception {
    return Codecs.json().readTree(json);
  }

  @Test
  void answersTheObjectsIdentityAtTheGivenRevision() throws Exception {
    JsonNode task = tree("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"web-0","namespace":"prod",
         "uid":"u-1","generation":2,"creationTimestamp":"2026-01-01T00:00:00Z",
         "resourceVersion":"7","labels":{"a":"b"}},"spec":{"job":"web"},
         "status":{"state":"RUNNING"}}""");

    JsonNode answer = tree(new String(ObjectIdentity.of(task).json(ResourceTypes.TASK, 9)));

    assertEquals(tree("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"web-0","namespace":"prod",
         "uid":"u-1","generation":2,"creationTimestamp":"2026-01-01T00:00:00Z",
         "resourceVersion":"9"}}"""), answer);
  }

  @Test
  void statusFollowsWhenAsked() throws Exception {
    JsonNode host = tree("""
        {"apiVersion":"peloton.io/v1","kind":"Host","metadata":{"name":"h\\"1",
         "uid":"u-2","generation":1},"status":{"state":"UP"}}""");

    JsonNode answer = tree(new String(ObjectIdentity.of(host)
        .json(ResourceTypes.HOST, 3, host.get("status"))));

    assertEquals("h\"1", answer.at("/metadata/name").asText());
    assertFalse(answer.get("metadata").has("namespace"), "a cluster-scoped object has none");
    assertEquals("3", answer.at("/metadata/resourceVersion").asText());
    assertEquals(tree("{\"state\":\"UP\"}"), answer.get("status"));
    assertFalse(tree(new String(ObjectIdentity.of(host).json(ResourceTypes.HOST, 3, null)))
        .has("status"));
  }
}
