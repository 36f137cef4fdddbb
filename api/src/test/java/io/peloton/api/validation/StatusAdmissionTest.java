package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAdmissionTest {
  private static ObjectNode task(String status) throws Exception {
    return (ObjectNode) Codecs.json().readTree("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"web-0","namespace":"prod"},
         "spec":{"job":"web","instance":0,"config":{"command":{"value":"true"}}},
         "status":%s}""".formatted(status));
  }

  @Test
  void aTaskStatusIsCheckedOnItsOwnWithEveryProblemNamed() throws Exception {
    Admitted bad = ObjectAdmission.admitStatus(ResourceTypes.TASK,
        task("{\"state\":\"SLEEPING\",\"runId\":-1,\"startTime\":\"yesterday\",\"bogus\":1}"));
    assertFalse(bad.ok());
    List<String> fields = bad.errors().stream().map(FieldError::field).toList();
    assertTrue(fields.containsAll(List.of("status.state", "status.runId", "status.startTime",
        "status.bogus")), fields.toString());
  }

  @Test
  void aGoodStatusIsNormalisedAndTheRestKept() throws Exception {
    Admitted ok = ObjectAdmission.admitStatus(ResourceTypes.TASK,
        task("{\"state\":\"RUNNING\",\"runId\":2,\"message\":null}"));
    assertTrue(ok.ok(), ok.errors().toString());
    assertEquals("RUNNING", ok.object().at("/status/state").asText());
    assertFalse(ok.object().get("status").has("message"), "explicit nulls dropped");
    assertEquals("true", ok.object().at("/spec/config/command/value").asText());
  }

  @Test
  void everyKindsStatusIsCheckedOnItsOwn() throws Exception {
    assertNamed(ResourceTypes.RESOURCE_POOL, """
        {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"p"},
         "spec":{"parent":"/"},"status":{"path":"no slash"}}""", "status.path");
    assertNamed(ResourceTypes.HOST, """
        {"apiVersion":"peloton.io/v1","kind":"Host","metadata":{"name":"h1"},"spec":{},
         "status":{"ports":[{"begin":10,"end":5}]}}""", "status.ports[0].end");
    assertNamed(ResourceTypes.JOB, """
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"j"},
         "spec":{"type":"BATCH","respool":"/p","instanceCount":1},
         "status":{"taskStats":{"RUNNING":-1}}}""", "status.taskStats[RUNNING]");
    assertNamed(ResourceTypes.HOST_MAINTENANCE, """
        {"apiVersion":"peloton.io/v1","kind":"HostMaintenance","metadata":{"name":"m"},
         "spec":{"hosts":["h1"]},"status":{"hosts":[{"tasksRemaining":-2}]}}""",
        "status.hosts[0].host");
  }

  private static void assertNamed(io.peloton.api.ResourceType type, String json, String field)
      throws Exception {
    Admitted a = ObjectAdmission.admitStatus(type, (ObjectNode) Codecs.json().readTree(json));
    assertFalse(a.ok(), type.kind() + " status accepted");
    List<String> fields = a.errors().stream().map(FieldError::field).toList();
    assertTrue(fields.contains(field), type.kind() + ": " + fields);
  }
}
