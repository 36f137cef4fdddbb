package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralCheckTest {
  @Test
  void unknownNestedFieldIsReportedWithItsFullPath() {
    Admitted a = Samples.admit(ResourceTypes.JOB, """
        metadata: {name: j}
        spec:
          respool: /p
          instanceCount: 1
          defaultConfig:
            resourc: {cpuLimit: 1}
            resource: {cpuLimit: 1, memLimitMb: 1}
            command: {value: x}
        """);
    assertFalse(a.ok());
    assertNull(a.object());
    assertEquals(FieldError.UNKNOWN, Samples.errorOn(a, "spec.defaultConfig.resourc").reason());
    assertEquals(1, a.errors().size(), a.errors()::toString);
  }

  @Test
  void unknownFieldsInMapsListsAndMetadataAreAllReported() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("""
        instanceConfig:
          "1":
            comand: {value: x}
          "0":
            ports:
              - {name: http, envName: P, protocol: tcp}
        """).replace("  name: batch1", "  name: batch1\n  nmespace: x"));
    assertEquals(FieldError.UNKNOWN, Samples.errorOn(a, "spec.instanceConfig[1].comand").reason());
    assertEquals(FieldError.UNKNOWN,
        Samples.errorOn(a, "spec.instanceConfig[0].ports[0].protocol").reason());
    assertEquals(FieldError.UNKNOWN, Samples.errorOn(a, "metadata.nmespace").reason());
    assertEquals(3, a.errors().size(), a.errors()::toString);
  }

  @Test
  void unknownTopLevelFieldIsAnError() {
    Admitted a = Samples.admit(ResourceTypes.HOST, """
        metadata: {name: h1}
        specs: {}
        """);
    assertEquals("unknown field", Samples.errorOn(a, "specs").message());
  }

  @Test
  void everyProblemIsReturnedAtOnce() {
    Admitted a = Samples.admit(ResourceTypes.JOB, """
        metadata: {name: j}
        spec:
          respool: /p
          instanceCount: 2
          colour: blue
          defaultConfig:
            resource: {cpuLimit: -1, memLimitMb: 64}
            command: {value: x}
        """);
    assertEquals(FieldError.UNKNOWN, Samples.errorOn(a, "spec.colour").reason());
    FieldError cpu = Samples.errorOn(a, "spec.defaultConfig.resource.cpuLimit");
    assertEquals(FieldError.INVALID, cpu.reason());
    assertEquals("Invalid value: -1.0: must be greater than 0", cpu.message());
    assertEquals(2, a.errors().size(), a.errors()::toString);
  }

  @Test
  void wrongJsonTypesNameWhatIsExpected() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("""
        sla: {priority: high, preemptible: "yes"}
        """).replace("instanceCount: 3", "instanceCount: 2.5")
        .replace("cpuLimit: 1,", "cpuLimit: \"1\","));
    assertEquals("Invalid value: \"high\": must be an integer",
        Samples.errorOn(a, "spec.sla.priority").message());
    assertEquals(FieldError.TYPE_INVALID, Samples.errorOn(a, "spec.sla.priority").reason());
    assertEquals("Invalid value: \"yes\": must be a boolean (true or false)",
        Samples.errorOn(a, "spec.sla.preemptible").message());
    assertEquals("Invalid value: 2.5: must be an integer",
        Samples.errorOn(a, "spec.instanceCount").message());
    assertEquals("Invalid value: \"1\": must be a number",
        Samples.errorOn(a, "spec.defaultConfig.resource.cpuLimit").message());
    // a dropped required field is reported once, as a type error, not also as missing
    assertEquals(4, a.errors().size(), a.errors()::toString);
  }

  @Test
  void objectsListsAndMapsMustHaveTheirShape() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("""
        sla: 5
        ldapGroups: team6
        instanceConfig: [1, 2]
        """));
    assertEquals(FieldError.TYPE_INVALID, Samples.errorOn(a, "spec.sla").reason());
    assertTrue(Samples.errorOn(a, "spec.ldapGroups").message().endsWith("must be a list"));
    assertTrue(Samples.errorOn(a, "spec.instanceConfig").message().contains("must be an object"));
  }

  @Test
  void unsupportedEnumValuesListTheSupportedOnes() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("type: BACTH\n"));
    FieldError e = Samples.errorOn(a, "spec.type");
    assertEquals(FieldError.NOT_SUPPORTED, e.reason());
    assertEquals("Unsupported value: \"BACTH\": supported values: "
        + "\"BATCH\", \"SERVICE\", \"DAEMON\", \"STATEFUL\"", e.message());
  }

  @Test
  void numericPelotonEnumsAreNotAccepted() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("type: 1\n"));
    assertEquals(FieldError.NOT_SUPPORTED, Samples.errorOn(a, "spec.type").reason());
  }

  @Test
  void lowerCaseResourceKindsAreTheirJsonSpelling() {
    Admitted a = Samples.admit(ResourceTypes.RESOURCE_POOL, """
        metadata: {name: p}
        spec:
          resources: [{kind: CPU, reservation: 1}]
        """);
    assertTrue(Samples.errorOn(a, "spec.resources[0].kind").message()
        .endsWith("supported values: \"cpu\", \"memory\", \"disk\", \"gpu\""));
  }

  @Test
  void enumMapKeysAreChecked() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("") + """
        status:
          taskStats: {RUNNING: 1, SLEEPING: 2}
        """);
    assertEquals(FieldError.NOT_SUPPORTED, Samples.errorOn(a, "status.taskStats[SLEEPING]").reason());
    assertEquals(1, a.errors().size(), a.errors()::toString);
  }

  @Test
  void serverManagedMetadataIsAccepted() {
    Samples.admitted(ResourceTypes.JOB, Samples.job("").replace("  name: batch1\n", """
          name: batch1
          namespace: team
          uid: 7d5a0f5e-0000-4000-8000-000000000001
          resourceVersion: "42"
          generation: 3
          creationTimestamp: "2026-01-02T15:04:05Z"
          deletionTimestamp: "2026-01-02T16:04:05Z"
          finalizers: [peloton.io/tasks]
          annotations: {note: hello}
        """));
  }

  @Test
  void nullsCountAsAbsentButNullListItemsDoNot() {
    Samples.admitted(ResourceTypes.JOB, Samples.job("sla: null\nupdateStrategy: null\n"));
    Admitted a = Samples.admit(ResourceTypes.HOST_MAINTENANCE, """
        metadata: {name: m}
        spec:
          hosts: [a, null]
        """);
    assertEquals("Invalid value: null: must not be null",
        Samples.errorOn(a, "spec.hosts[1]").message());
  }

  @Test
  void statusIsCheckedStructurallyToo() {
    Admitted a = Samples.admit(ResourceTypes.HOST, """
        metadata: {name: h}
        status: {state: SLEEPY, cpus: 3}
        """);
    assertEquals(List.of("status.state", "status.cpus"),
        a.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    // Jackson's YAML parser already refuses .nan; objects built in code can still carry one
    ObjectNode job = (ObjectNode) Samples.yaml(Samples.job(""));
    ((ObjectNode) job.at("/spec/defaultConfig/resource")).put("cpuLimit", Double.NaN)
        .put("memLimitMb", Double.POSITIVE_INFINITY);
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, job);
    assertEquals("Invalid value: \"NaN\": must be a finite number",
        Samples.errorOn(a, "spec.defaultConfig.resource.cpuLimit").message());
    assertEquals(FieldError.INVALID, Samples.errorOn(a, "spec.defaultConfig.resource.memLimitMb").reason());
    assertEquals(2, a.errors().size(), a.errors()::toString);
  }

  @Test
  void aNonObjectIsRejected() {
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, Samples.yaml("just text"));
    assertEquals(FieldError.TYPE_INVALID, a.errors().get(0).reason());
  }

  @Test
  void aQuantityBeyondTheExactIntegersOfADoubleIsRefused() {
    Admitted overflow = Samples.admit(ResourceTypes.JOB, """
        metadata: {name: j}
        spec:
          respool: /p
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 18446744073709551616, memLimitMb: 1}
            command: {value: x}
        """);
    assertEquals(FieldError.INVALID,
        Samples.errorOn(overflow, "spec.defaultConfig.resource.cpuLimit").reason());
    Admitted largest = Samples.admit(ResourceTypes.JOB, """
        metadata: {name: j}
        spec:
          respool: /p
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 9007199254740992, memLimitMb: 1}
            command: {value: x}
        """);
    assertTrue(largest.ok(), largest.errors()::toString);
  }
}
