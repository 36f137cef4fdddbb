package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.ResourceTypes;
import org.junit.jupiter.api.Test;

class OtherKindsRulesTest {
  private static String message(Admitted a, String field) {
    return Samples.errorOn(a, field).message();
  }

  @Test
  void poolReservationLimitShareAndKinds() {
    Admitted a = Samples.admit(ResourceTypes.RESOURCE_POOL, """
        metadata: {name: p}
        spec:
          parent: /infra/
          resources:
            - {kind: cpu, reservation: 8, limit: 4, share: 0}
            - {kind: cpu, reservation: -1, limit: 1}
          controllerLimit: {maxPercent: 150}
        """);
    assertEquals("Invalid value: 4.0: must be greater than or equal to reservation (8.0)",
        message(a, "spec.resources[0].limit"));
    assertEquals("Invalid value: 0.0: must be greater than 0", message(a, "spec.resources[0].share"));
    assertEquals("Duplicate value: \"cpu\"", message(a, "spec.resources[1].kind"));
    assertTrue(message(a, "spec.resources[1].reservation").endsWith("greater than or equal to 0"));
    assertTrue(message(a, "spec.controllerLimit.maxPercent").contains("between 0 and 100"));
    assertTrue(message(a, "spec.parent").contains("must not end with '/'"));
    assertEquals(6, a.errors().size(), a.errors()::toString);
  }

  @Test
  void poolNamesMayBeMixedCaseButNotPaths() {
    Samples.admitted(ResourceTypes.RESOURCE_POOL, "metadata: {name: DefaultResPool}\n");
    Admitted a = Samples.admit(ResourceTypes.RESOURCE_POOL, "metadata: {name: a/b}\n");
    assertTrue(message(a, "metadata.name").contains("pool name"));
    Admitted b = Samples.admit(ResourceTypes.RESOURCE_POOL,
        "metadata: {name: p, namespace: default}\n");
    assertTrue(message(b, "metadata.namespace").contains("cluster-scoped"));
  }

  @Test
  void metadataNameIsRequiredAndApiVersionAndKindMustMatch() {
    Admitted a = Samples.admit(ResourceTypes.HOST, """
        apiVersion: v1
        kind: Node
        metadata: {labels: {a: b}}
        """);
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "metadata.name").reason());
    assertEquals("Unsupported value: \"v1\": supported values: \"peloton.io/v1\"",
        message(a, "apiVersion"));
    assertEquals(FieldError.NOT_SUPPORTED, Samples.errorOn(a, "kind").reason());
  }

  @Test
  void ownerReferencesNeedTheirFieldsAndOneController() {
    Admitted a = Samples.admit(ResourceTypes.TASK, Samples.text("task.yaml").replace(
        "      blockOwnerDeletion: true\n", """
              blockOwnerDeletion: true
            - {apiVersion: peloton.io/v1, kind: Job, name: other, controller: true}
        """));
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "metadata.ownerReferences[1].uid").reason());
    assertTrue(message(a, "metadata.ownerReferences[1].controller").contains("only one reference"));
  }

  @Test
  void taskNameMustMatchJobAndInstanceAndGoalStatesAreLimited() {
    Admitted a = Samples.admit(ResourceTypes.TASK, Samples.text("task.yaml")
        .replace("name: web-3", "name: web-4").replace("goalState: RUNNING", "goalState: PLACED"));
    assertEquals("Invalid value: \"web-4\": must be 'web-3' (<spec.job>-<spec.instance>)",
        message(a, "metadata.name"));
    assertEquals("Unsupported value: \"PLACED\": supported values: \"RUNNING\", \"SUCCEEDED\", "
        + "\"KILLED\", \"DELETED\"", message(a, "spec.goalState"));
  }

  @Test
  void taskConfigMustBeComplete() {
    Admitted a = Samples.admit(ResourceTypes.TASK, """
        metadata: {name: web-0}
        spec: {job: web, instance: 0, config: {name: x}}
        status: {failureCount: -1, ports: {http: 0}}
        """);
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "spec.config.command").reason());
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "spec.config.resource").reason());
    assertTrue(message(a, "status.failureCount").endsWith("greater than or equal to 0"));
    assertTrue(message(a, "status.ports[http]").contains("between 1 and 65535"));
  }

  @Test
  void hostStatusPortsAndWindow() {
    Admitted a = Samples.admit(ResourceTypes.HOST, """
        metadata: {name: Host_1}
        status:
          capacity: {cpu: -1}
          ports: [{begin: 32000, end: 31000}]
          unavailability: {duration: soon}
        """);
    assertTrue(message(a, "metadata.name").contains("RFC 1123 subdomain"));
    assertTrue(message(a, "status.capacity.cpu").endsWith("greater than or equal to 0"));
    assertTrue(message(a, "status.ports[0].end").contains("greater than or equal to begin (32000)"));
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "status.unavailability.start").reason());
    assertTrue(message(a, "status.unavailability.duration").contains("'1h30m'"));
  }

  @Test
  void hostMaintenanceNeedsDistinctHostsAndAValidWindow() {
    Admitted a = Samples.admit(ResourceTypes.HOST_MAINTENANCE, """
        metadata: {name: m}
        spec: {hosts: [a, a], start: tomorrow, duration: 0s}
        """);
    assertEquals("Duplicate value: \"a\"", message(a, "spec.hosts[1]"));
    assertTrue(message(a, "spec.start").contains("RFC 3339"));
    assertTrue(message(a, "spec.duration").contains("longer than 0s"));
    Admitted empty = Samples.admit(ResourceTypes.HOST_MAINTENANCE, "metadata: {name: m}\nspec: {}\n");
    assertEquals(FieldError.REQUIRED, Samples.errorOn(empty, "spec.hosts").reason());
  }

  @Test
  void eventsNeedAnObjectAReasonAndOrderedTimes() {
    Admitted a = Samples.admit(ResourceTypes.EVENT, """
        metadata: {name: e}
        involvedObject: {kind: Job}
        reason: failed scheduling
        count: 0
        firstTimestamp: "2026-01-02T15:05:00Z"
        lastTimestamp: "2026-01-02T15:04:00Z"
        type: Error
        """);
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "involvedObject.name").reason());
    assertTrue(message(a, "reason").contains("CamelCase"));
    assertTrue(message(a, "count").contains("greater than or equal to 1"));
    assertTrue(message(a, "lastTimestamp").contains("must not be before firstTimestamp"));
    assertEquals("Unsupported value: \"Error\": supported values: \"Normal\", \"Warning\"",
        message(a, "type"));
  }

  @Test
  void leasesAreClusterScopedWithPositiveDurations() {
    Admitted a = Samples.admit(ResourceTypes.LEASE, """
        metadata: {name: l, namespace: kube-system}
        spec: {leaseDurationSeconds: 0, renewTime: now, leaseTransitions: -1}
        """);
    assertTrue(message(a, "metadata.namespace").startsWith("Forbidden"));
    assertTrue(message(a, "spec.leaseDurationSeconds").endsWith("must be greater than 0"));
    assertTrue(message(a, "spec.renewTime").contains("RFC 3339"));
    assertTrue(message(a, "spec.leaseTransitions").endsWith("greater than or equal to 0"));
    Admitted status = Samples.admit(ResourceTypes.LEASE, "metadata: {name: l}\nstatus: {}\n");
    assertEquals(FieldError.UNKNOWN, Samples.errorOn(status, "status").reason());
  }
}
