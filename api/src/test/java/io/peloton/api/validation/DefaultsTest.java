package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.api.taskconfig.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultsTest {
  @Test
  void jobGetsPelotonDefaults() {
    JsonNode job = Samples.admitted(ResourceTypes.JOB, Samples.job(""));
    assertEquals("peloton.io/v1", job.path("apiVersion").asText());
    assertEquals("Job", job.path("kind").asText());
    assertEquals("default", job.at("/metadata/namespace").asText());
    JsonNode spec = job.path("spec");
    assertEquals("BATCH", spec.path("type").asText());
    assertEquals(0, spec.at("/sla/priority").asInt());
    assertFalse(spec.at("/sla/preemptible").asBoolean(true));
    assertFalse(spec.at("/sla/revocable").asBoolean(true));
    assertEquals("PACK_HOST", spec.path("placementStrategy").asText());
    JsonNode cfg = spec.path("defaultConfig");
    assertEquals(30, cfg.path("killGracePeriodSeconds").asInt());
    assertEquals(0, cfg.at("/restartPolicy/maxFailures").asInt(-1));
    assertTrue(cfg.at("/command/shell").asBoolean());
    // batch jobs have no rolling update strategy
    assertTrue(spec.path("updateStrategy").isMissingNode());
  }

  @Test
  void explicitValuesWinOverDefaults() {
    JsonNode job = Samples.admitted(ResourceTypes.JOB, Samples.job("""
        sla: {priority: 5, preemptible: true}
        """).replace("{value: echo hi}", "{value: echo hi, shell: false}"));
    assertEquals(5, job.at("/spec/sla/priority").asInt());
    assertTrue(job.at("/spec/sla/preemptible").asBoolean());
    assertFalse(job.at("/spec/defaultConfig/command/shell").asBoolean(true));
  }

  @Test
  void serviceJobsGetAnUpdateStrategy() {
    JsonNode job = Samples.admitted(ResourceTypes.JOB, Samples.job("type: SERVICE\n"));
    JsonNode u = job.at("/spec/updateStrategy");
    assertEquals(0, u.path("batchSize").asInt(-1));
    assertFalse(u.path("rollbackOnFailure").asBoolean(true));
    assertFalse(u.path("paused").asBoolean(true));
  }

  @Test
  void instanceOverridesGetNoTopLevelDefaultsSoTheMergeKeepsTheDefaultConfig() throws Exception {
    JsonNode json = Samples.admitted(ResourceTypes.JOB, Samples.job("""
        instanceConfig:
          "1": {name: one, command: {value: echo one}}
        """).replace("command: {value: echo hi}", "command: {value: echo hi}\n    killGracePeriodSeconds: 40"));
    JsonNode override = json.at("/spec/instanceConfig/1");
    assertTrue(override.path("killGracePeriodSeconds").isMissingNode());
    assertTrue(override.path("restartPolicy").isMissingNode());
    assertTrue(override.at("/command/shell").asBoolean(), "sub-object defaults still apply");
    Job job = Codecs.json().treeToValue(json, Job.class);
    TaskConfig merged = job.spec().configFor(1);
    assertEquals(40, merged.killGracePeriodSeconds());
    assertEquals("echo one", merged.command().value());
    assertEquals(1.0, merged.resource().cpuLimit());
    assertEquals("echo hi", job.spec().configFor(2).command().value());
  }

  @Test
  void instanceConfigIsOrderedByInstanceNumber() {
    JsonNode json = Samples.admitted(ResourceTypes.JOB, Samples.job("""
        instanceConfig:
          "2": {name: two}
          "10": {name: ten}
          "0": {name: zero}
        """).replace("instanceCount: 3", "instanceCount: 11"));
    List<String> keys = new ArrayList<>();
    json.at("/spec/instanceConfig").fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("0", "2", "10"), keys);
  }

  @Test
  void resourcePoolGetsMissingKindsShareTypeSlackAndPolicy() {
    JsonNode pool = Samples.admitted(ResourceTypes.RESOURCE_POOL, """
        metadata: {name: batch}
        spec:
          resources:
            - {kind: memory, reservation: 1024}
        """);
    JsonNode spec = pool.path("spec");
    assertEquals("/", spec.path("parent").asText());
    assertEquals(4, spec.path("resources").size());
    JsonNode memory = spec.path("resources").get(0);
    assertEquals("memory", memory.path("kind").asText());
    assertEquals(1024.0, memory.path("limit").asDouble(), "limit defaults to the reservation");
    assertEquals(1.0, memory.path("share").asDouble());
    assertEquals("ELASTIC", memory.path("type").asText());
    List<String> kinds = new ArrayList<>();
    spec.path("resources").forEach(r -> kinds.add(r.path("kind").asText()));
    assertEquals(List.of("memory", "cpu", "disk", "gpu"), kinds);
    assertEquals(0.0, spec.path("resources").get(1).path("reservation").asDouble(-1));
    assertEquals(20.0, spec.at("/slackLimit/maxPercent").asDouble());
    assertEquals("PriorityFIFO", spec.path("policy").asText());
    assertTrue(pool.at("/metadata/namespace").isMissingNode(), "pools are cluster-scoped");
  }

  @Test
  void constraintTypesAreInferredFromTheirShape() {
    JsonNode json = Samples.admitted(ResourceTypes.JOB, Samples.job("").replace(
        "command: {value: echo hi}", """
        command: {value: echo hi}
            constraint:
              orConstraint:
                constraints:
                  - labelConstraint: {kind: HOST, condition: EQUAL, requirement: 1, label: {key: zone, value: a}}
                  - labelConstraint: {kind: HOST, condition: EQUAL, requirement: 1, label: {key: zone, value: b}}
        """));
    JsonNode c = json.at("/spec/defaultConfig/constraint");
    assertEquals("OR", c.path("type").asText());
    assertEquals("LABEL", c.at("/orConstraint/constraints/1/type").asText());
  }

  @Test
  void healthCheckAndContainerAndVolumeDefaults() {
    JsonNode json = Samples.admitted(ResourceTypes.JOB, Samples.job("type: SERVICE\n").replace(
        "command: {value: echo hi}", """
        command: {value: echo hi}
            healthCheck: {commandCheck: {command: "curl -f localhost"}}
            container: {image: debian}
            volumes: [{containerPath: /data, hostPath: /srv/data}]
        """));
    JsonNode cfg = json.at("/spec/defaultConfig");
    JsonNode h = cfg.path("healthCheck");
    assertTrue(h.path("enabled").asBoolean());
    assertEquals("COMMAND", h.path("type").asText());
    assertEquals(15, h.path("initialIntervalSecs").asInt());
    assertEquals(10, h.path("intervalSecs").asInt());
    assertEquals(3, h.path("maxConsecutiveFailures").asInt());
    assertEquals(20, h.path("timeoutSecs").asInt());
    assertEquals("MESOS", cfg.at("/container/type").asText());
    assertEquals("HOST_PATH", cfg.at("/volumes/0/type").asText());
    assertEquals("RW", cfg.at("/volumes/0/mode").asText());
  }

  @Test
  void taskNameFollowsFromJobAndInstance() {
    JsonNode task = Samples.admitted(ResourceTypes.TASK, """
        metadata: {namespace: prod}
        spec:
          job: web
          instance: 7
          config: {resource: {cpuLimit: 1, memLimitMb: 10}, command: {value: x}}
        """);
    assertEquals("web-7", task.at("/metadata/name").asText());
    assertEquals(30, task.at("/spec/config/killGracePeriodSeconds").asInt());
  }

  @Test
  void hostEventAndMaintenanceDefaults() {
    JsonNode host = Samples.admitted(ResourceTypes.HOST, "metadata: {name: h1}\n");
    assertEquals("NONE", host.at("/spec/maintenance").asText());
    assertFalse(host.at("/spec/unschedulable").asBoolean(true));
    JsonNode ev = Samples.admitted(ResourceTypes.EVENT, """
        metadata: {name: e1}
        involvedObject: {kind: Job, name: web}
        reason: Created
        """);
    assertEquals("Normal", ev.path("type").asText());
    assertEquals(1, ev.path("count").asInt());
    assertEquals("default", ev.at("/metadata/namespace").asText());
    JsonNode hm = Samples.admitted(ResourceTypes.HOST_MAINTENANCE, """
        metadata: {name: m1}
        spec: {hosts: [h1]}
        """);
    assertFalse(hm.at("/spec/complete").asBoolean(true));
  }
}
