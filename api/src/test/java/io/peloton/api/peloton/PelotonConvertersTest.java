package io.peloton.api.peloton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.resource.ResourceKind;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.validation.Admitted;
import io.peloton.api.validation.ObjectAdmission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Peloton's own example files, unedited, convert into admissible objects of our kinds. */
class PelotonConvertersTest {
  static JsonNode example(String file) throws IOException {
    String text = java.nio.file.Files.readString(sharedExample(file), StandardCharsets.UTF_8);
    return Codecs.readDocuments(text).get(0);
  }

  /**
   * Peloton's example files as the project keeps them, unedited and uncopied, in
   * {@code shared/peloton-examples} beside the repository.
   */
  static java.nio.file.Path sharedExample(String file) {
    String relative = file.equals("perf_testjob_base.yaml") ? "performance/testjob_base.yaml" : file;
    for (java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath(); p != null;
        p = p.getParent()) {
      java.nio.file.Path dir = p.resolve("shared").resolve("peloton-examples");
      if (java.nio.file.Files.isDirectory(dir)) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException("shared/peloton-examples not found above "
        + java.nio.file.Path.of("").toAbsolutePath());
  }

  @Test
  void defaultRespoolBecomesATopLevelPool() throws Exception {
    Converted c = PelotonPoolConverter.convert(example("default_respool.yaml"), "/DefaultResPool");
    Admitted a = ObjectAdmission.admit(ResourceTypes.RESOURCE_POOL, c.object());
    assertTrue(a.ok(), a.errors()::toString);
    ResourcePool pool = Codecs.json().treeToValue(a.object(), ResourcePool.class);
    assertEquals("DefaultResPool", pool.metadata().name());
    assertEquals("/", pool.spec().parent());
    assertEquals(12.0, pool.spec().resource(ResourceKind.CPU).reservation());
    assertEquals(20480.0, pool.spec().resource(ResourceKind.DISK).limit());
    assertEquals(10.0, pool.spec().controllerLimit().maxPercent());
    assertEquals(30.0, pool.spec().slackLimit().maxPercent());
    assertEquals("team6", pool.spec().owningTeam());
    assertEquals(List.of(), c.warnings());
  }

  @Test
  void nestedPoolPathGivesParentAndName() throws Exception {
    Converted c = PelotonPoolConverter.convert(example("helloworld_pool.yaml"), "/a/b/HelloWorldPool");
    assertEquals("/a/b", c.object().at("/spec/parent").asText());
    assertEquals("HelloWorldPool", c.object().at("/metadata/name").asText());
  }

  @Test
  void poolNameMustMatchThePath() {
    PelotonSpecException e = assertThrows(PelotonSpecException.class, () ->
        PelotonPoolConverter.convert(example("default_respool.yaml"), "/Other"));
    assertEquals("name", e.field());
  }

  @Test
  void testjobConvertsWithWarningsForObsoleteSlaFields() throws Exception {
    Converted c = PelotonJobConverter.convert(example("testjob.yaml"), "/DefaultResPool",
        "default", null);
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, c.object());
    assertTrue(a.ok(), a.errors()::toString);
    Job job = Codecs.json().treeToValue(a.object(), Job.class);
    assertEquals("testpelotonjob-123", job.metadata().name());
    assertEquals("TestPelotonJob_123",
        job.metadata().annotations().get(PelotonJobConverter.PELOTON_NAME_ANNOTATION));
    assertEquals("testVal1", job.metadata().labels().get("testKey1"));
    assertEquals(10, job.spec().instanceCount());
    assertEquals(22, job.spec().sla().priority());
    assertEquals(300, job.spec().sla().maxRunningTime());
    TaskConfig zero = job.spec().configFor(0);
    assertTrue(zero.isController());
    assertEquals(40, zero.killGracePeriodSeconds());
    assertEquals(1.0, zero.resource().cpuLimit());
    assertEquals("echo Hello instance 0 && sleep 15", job.spec().configFor(1).command().value());
    assertEquals(2, c.warnings().size(), c.warnings()::toString);
    assertTrue(c.warnings().get(0).contains("sla.minimuminstancecount"), c.warnings()::toString);
    assertTrue(c.warnings().get(1).contains("sla.minimuminstancepercent"), c.warnings()::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"helloworld_job.yaml", "test_http_no_container.yaml",
      "testjob_docker.yaml", "testjob_gpu_mesos_containerizer.yaml",
      "testjob_host_affinity_constraint.yaml", "testjob_persistent_volume_docker.yaml",
      "testjob_revocable.yaml", "testjob_stateless_preemptible.yaml",
      "testjob_stateless_revocable.yaml", "testjob_stateless_service.yaml",
      "testjob_stateless_service_host_limit.yaml", "testjob_unified.yaml"})
  void exampleJobConvertsToAnAdmissibleJob(String file) throws Exception {
    Converted c = PelotonJobConverter.convert(example(file), "/DefaultResPool", "default", null);
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, c.object());
    assertTrue(a.ok(), () -> file + ": " + a.errors() + "\n" + c.object().toPrettyString());
  }

  /**
   * Three examples convert field for field but break a job rule, as they would in Peloton:
   * health checks on a BATCH job (validate.go forbids them), an empty health-check command, and
   * the performance base spec, whose instance count the perf harness fills in.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "test_http_health.yaml|spec.instanceConfig[0].healthCheck",
      "testjob_with_health_check.yaml|spec.defaultConfig.healthCheck.commandCheck.command",
      "perf_testjob_base.yaml|spec.instanceCount"})
  void exampleJobBreakingAJobRuleIsRefusedNamingTheField(String fileAndField) throws Exception {
    String[] parts = fileAndField.split("\\|");
    Converted c = PelotonJobConverter.convert(example(parts[0]), "/DefaultResPool", "default", null);
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, c.object());
    assertFalse(a.ok());
    assertEquals(parts[1], a.errors().get(0).field());
  }

  @Test
  void camelCaseKeysAndProtoEnumNamesAreAcceptedToo() throws Exception {
    JsonNode doc = Codecs.readDocuments("""
        name: Svc
        type: SERVICE
        instanceCount: 2
        defaultConfig:
          resource: {cpuLimit: 0.5, memLimitMb: 64}
          command: {value: sleep 1000}
          constraint:
            type: LABEL_CONSTRAINT
            labelConstraint: {kind: HOST, condition: CONDITION_EQUAL, requirement: 1,
              label: {key: zone, value: a}}
          executor: {type: 1}
        """).get(0);
    Converted c = PelotonJobConverter.convert(doc, "/p/", "ns1", null);
    assertEquals("SERVICE", c.object().at("/spec/type").asText());
    assertEquals("/p", c.object().at("/spec/respool").asText());
    assertEquals("EQUAL", c.object().at("/spec/defaultConfig/constraint/labelConstraint/condition").asText());
    assertEquals(List.of("ignoring Peloton field 'defaultconfig.executor': not used by Peloton-K"),
        c.warnings());
  }

  @Test
  void unknownEnumNumberIsAnErrorNamingTheField() {
    PelotonSpecException e = assertThrows(PelotonSpecException.class, () ->
        PelotonJobConverter.convert(Codecs.readDocuments("name: x\ntype: 7\n").get(0), "/p",
            "default", null));
    assertEquals("type", e.field());
    assertTrue(e.getMessage().contains("0 = BATCH"), e.getMessage());
  }

  @Test
  void instanceConfigWarningsAreReportedOncePerField() throws Exception {
    JsonNode doc = Codecs.readDocuments("""
        name: x
        instancecount: 2
        defaultconfig: {resource: {cpulimit: 1, memlimitmb: 1}, command: {value: 'true'}}
        instanceconfig:
          0: {bogus: 1}
          1: {bogus: 2}
        """).get(0);
    Converted c = PelotonJobConverter.convert(doc, "/p", "default", null);
    assertEquals(List.of("ignoring Peloton field 'instanceconfig.*.bogus': not used by Peloton-K"),
        c.warnings());
  }

  @Test
  void jobNamesBecomeDnsLabels() {
    assertEquals("testpelotonjob-123", PelotonNames.jobName("TestPelotonJob_123"));
    assertEquals("a-b", PelotonNames.jobName("__A..b__"));
    assertEquals(63, PelotonNames.jobName("x".repeat(100)).length());
  }
}
