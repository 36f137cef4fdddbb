package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.ResourceTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRulesTest {
  private static Admitted admit(String yaml) {
    return Samples.admit(ResourceTypes.JOB, yaml);
  }

  private static String message(Admitted a, String field) {
    return Samples.errorOn(a, field).message();
  }

  @Test
  void theMinimalJobIsValid() {
    Samples.admitted(ResourceTypes.JOB, Samples.job(""));
  }

  @Test
  void respoolIsRequiredAndMustBeALeafPath() {
    assertEquals(FieldError.REQUIRED, Samples.errorOn(
        admit(Samples.job("").replace("respool: /DefaultResPool", "owner: me")), "spec.respool")
        .reason());
    assertTrue(message(admit(Samples.job("").replace("/DefaultResPool", "DefaultResPool")),
        "spec.respool").contains("must be an absolute pool path"));
    assertTrue(message(admit(Samples.job("").replace("/DefaultResPool", "/")), "spec.respool")
        .contains("not the root pool"));
    assertTrue(message(admit(Samples.job("").replace("/DefaultResPool", "/a//b")), "spec.respool")
        .contains("empty path elements"));
  }

  @Test
  void nameMustBeADns1123Label() {
    Admitted a = admit(Samples.job("").replace("name: batch1", "name: Batch_1"));
    assertTrue(message(a, "metadata.name").startsWith("Invalid value: \"Batch_1\": a lowercase RFC 1123 label"));
  }

  @Test
  void instanceCountLimits() {
    assertEquals(FieldError.REQUIRED, Samples.errorOn(admit(Samples.job("")
        .replace("instanceCount: 3", "owner: me")), "spec.instanceCount").reason());
    assertEquals("Invalid value: 0: must be between 1 and 100000, inclusive",
        message(admit(Samples.job("").replace("instanceCount: 3", "instanceCount: 0")),
            "spec.instanceCount"));
    Samples.admitted(ResourceTypes.JOB, Samples.job("type: SERVICE\n")
        .replace("instanceCount: 3", "instanceCount: 0"));
    assertTrue(message(admit(Samples.job("").replace("instanceCount: 3", "instanceCount: 100001")),
        "spec.instanceCount").contains("between 1 and 100000"));
  }

  @Test
  void daemonJobsHaveNoInstanceCountNorOverrides() {
    Samples.admitted(ResourceTypes.JOB, Samples.job("type: DAEMON\n")
        .replace("instanceCount: 3", "owner: me"));
    Admitted a = admit(Samples.job("""
        type: DAEMON
        instanceConfig: {"0": {name: x}}
        """));
    assertTrue(message(a, "spec.instanceCount").contains("one instance on every eligible host"));
    assertTrue(message(a, "spec.instanceConfig").startsWith("Forbidden:"));
  }

  @Test
  void cpuAndMemoryMustBePositiveAndGpusWhole() {
    Admitted a = admit(Samples.job("").replace("{cpuLimit: 1, memLimitMb: 64}",
        "{cpuLimit: 0, memLimitMb: -1, diskLimitMb: -5, gpuLimit: 0.5, fdLimit: -1}"));
    assertEquals("Invalid value: 0.0: must be greater than 0",
        message(a, "spec.defaultConfig.resource.cpuLimit"));
    assertEquals("Invalid value: -1.0: must be greater than 0",
        message(a, "spec.defaultConfig.resource.memLimitMb"));
    assertTrue(message(a, "spec.defaultConfig.resource.diskLimitMb").endsWith("greater than or equal to 0"));
    assertTrue(message(a, "spec.defaultConfig.resource.gpuLimit").endsWith("whole number of GPUs"));
    assertTrue(message(a, "spec.defaultConfig.resource.fdLimit").endsWith("greater than or equal to 0"));
    assertEquals(5, a.errors().size(), a.errors()::toString);
  }

  @Test
  void everyInstanceNeedsACommandAndResourcesAfterTheMerge() {
    String noDefaultCommand = Samples.job("""
        instanceConfig:
          "0": {command: {value: a}}
          "2": {command: {value: c}}
        """).replace("    command: {value: echo hi}\n", "");
    FieldError e = Samples.errorOn(admit(noDefaultCommand), "spec.defaultConfig.command");
    assertEquals(FieldError.REQUIRED, e.reason());
    assertEquals("is required: instance 1 has no command in spec.instanceConfig", e.message());
    Samples.admitted(ResourceTypes.JOB, noDefaultCommand.replace("\"2\": {command: {value: c}}",
        "\"1\": {command: {value: b}}\n    \"2\": {command: {value: c}}"));
    Admitted many = admit(Samples.job("").replace("instanceCount: 3", "instanceCount: 20")
        .replace("    resource: {cpuLimit: 1, memLimitMb: 64}\n", ""));
    assertEquals("is required: instances 0, 1, 2, 3, 4 and 15 more have no resource in "
        + "spec.instanceConfig", message(many, "spec.defaultConfig.resource"));
  }

  @Test
  void instanceConfigKeysAreIndicesBelowTheCount() {
    Admitted a = admit(Samples.job("""
        instanceConfig:
          "3": {name: x}
          "01": {name: y}
          first: {name: z}
        """));
    assertTrue(message(a, "spec.instanceConfig[3]").contains("must be less than spec.instanceCount (3)"));
    assertTrue(message(a, "spec.instanceConfig[01]").contains("must be an instance index"));
    assertTrue(message(a, "spec.instanceConfig[first]").contains("must be an instance index"));
  }

  @Test
  void slaRunningInstanceLimits() {
    Admitted a = admit(Samples.job("""
        sla: {maximumRunningInstances: 4, minimumRunningInstances: 5}
        """));
    assertEquals("Invalid value: 4: must be less than or equal to spec.instanceCount (3)",
        message(a, "spec.sla.maximumRunningInstances"));
    assertEquals("Invalid value: 5: must be less than or equal to "
        + "spec.sla.maximumRunningInstances (4)", message(a, "spec.sla.minimumRunningInstances"));
    Samples.admitted(ResourceTypes.JOB, Samples.job("""
        sla: {maximumRunningInstances: 2, minimumRunningInstances: 2, maxRunningTime: 300}
        """));
  }

  @Test
  void serviceJobsHaveNoBatchLimitsAndRevocableMeansPreemptible() {
    Admitted a = admit(Samples.job("""
        type: SERVICE
        sla: {maximumRunningInstances: 2, minimumRunningInstances: 1, maxRunningTime: 60, revocable: true}
        """));
    assertTrue(message(a, "spec.sla.maximumRunningInstances").contains("must not be set for SERVICE"));
    assertTrue(message(a, "spec.sla.minimumRunningInstances").contains("must not be set for SERVICE"));
    assertTrue(message(a, "spec.sla.maxRunningTime").contains("must not be set for SERVICE"));
    assertTrue(message(a, "spec.sla.revocable").contains("must also be preemptible"));
  }

  @Test
  void batchJobsCannotHaveHealthChecks() {
    Admitted a = admit(Samples.job("""
        instanceConfig:
          "1": {healthCheck: {commandCheck: {command: "true"}}}
        """));
    assertEquals("Forbidden: BATCH jobs cannot have health checks",
        message(a, "spec.instanceConfig[1].healthCheck"));
  }

  @Test
  void onlyInstanceZeroMayBeAController() {
    Samples.admitted(ResourceTypes.JOB, Samples.job("""
        instanceConfig:
          "0": {controller: true}
        """));
    Admitted a = admit(Samples.job("""
        instanceConfig:
          "2": {controller: true}
        """));
    assertTrue(message(a, "spec.instanceConfig[2].controller").contains("only instance 0"));
    Admitted b = admit(Samples.job("").replace("command: {value: echo hi}",
        "command: {value: echo hi}\n    controller: true"));
    assertTrue(message(b, "spec.defaultConfig.controller").contains("only instance 0"));
    // a controller default is fine when every other instance turns it off
    Samples.admitted(ResourceTypes.JOB, Samples.job("""
        instanceConfig:
          "1": {controller: false}
          "2": {controller: false}
        """).replace("command: {value: echo hi}", "command: {value: echo hi}\n    controller: true"));
  }

  @Test
  void portsNeedNamesAndDynamicPortsAnEnvName() {
    Admitted a = admit(Samples.job("type: SERVICE\n").replace("command: {value: echo hi}", """
        command: {value: echo hi}
            ports:
              - {name: http}
              - {value: 80}
              - {name: http, value: 70000, envName: 1BAD}
              - {name: b, value: 80}
        """));
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "spec.defaultConfig.ports[0].envName").reason());
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, "spec.defaultConfig.ports[1].name").reason());
    assertTrue(message(a, "spec.defaultConfig.ports[2].name").startsWith("Duplicate value"));
    assertTrue(message(a, "spec.defaultConfig.ports[2].value").contains("between 0 and 65535"));
    assertTrue(message(a, "spec.defaultConfig.ports[2].envName").contains("environment variable"));
    assertTrue(message(a, "spec.defaultConfig.ports[3].value").startsWith("Duplicate value: 80"));
  }

  @Test
  void constraintsMustBeWellFormed() {
    Admitted a = admit(Samples.job("").replace("command: {value: echo hi}", """
        command: {value: echo hi}
            constraint:
              type: AND
              labelConstraint: {kind: HOST, condition: EQUAL, requirement: 1, label: {key: a}}
              andConstraint:
                constraints:
                  - type: LABEL
                    labelConstraint: {requirement: -1, label: {value: v}}
                  - {}
        """));
    String c = "spec.defaultConfig.constraint";
    assertTrue(message(a, c + ".labelConstraint").contains("must not be set when type is AND"));
    String first = c + ".andConstraint.constraints[0].labelConstraint";
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, first + ".kind").reason());
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, first + ".condition").reason());
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, first + ".label.key").reason());
    assertTrue(message(a, first + ".requirement").endsWith("greater than or equal to 0"));
    assertEquals(FieldError.REQUIRED,
        Samples.errorOn(a, c + ".andConstraint.constraints[1].type").reason());
    Admitted empty = admit(Samples.job("").replace("command: {value: echo hi}",
        "command: {value: echo hi}\n    constraint: {type: OR}"));
    assertEquals(FieldError.REQUIRED,
        Samples.errorOn(empty, c + ".orConstraint.constraints").reason());
  }

  @Test
  void restartPolicyIsCappedAndKillOnPreemptIsBatchOnly() {
    Admitted a = admit(Samples.job("type: SERVICE\n").replace("command: {value: echo hi}", """
        command: {value: echo hi}
            restartPolicy: {maxFailures: 101}
            preemptionPolicy: {type: PREEMPTIBLE, killOnPreempt: true}
        """));
    assertEquals("Invalid value: 101: must be between 0 and 100, inclusive",
        message(a, "spec.defaultConfig.restartPolicy.maxFailures"));
    assertTrue(message(a, "spec.defaultConfig.preemptionPolicy.killOnPreempt")
        .contains("must be false for SERVICE jobs"));
  }

  @Test
  void gangMembersCannotOverridePreemption() {
    Admitted a = admit(Samples.job("""
        sla: {minimumRunningInstances: 2}
        instanceConfig:
          "1": {preemptionPolicy: {type: NON_PREEMPTIBLE}}
          "2": {preemptionPolicy: {type: NON_PREEMPTIBLE}}
        """));
    assertTrue(message(a, "spec.instanceConfig[1].preemptionPolicy").contains("form one gang"));
    assertEquals(1, a.errors().size(), a.errors()::toString);
  }

  @Test
  void commandContainerVolumesAndHealthChecksAreChecked() {
    Admitted a = admit(Samples.job("type: SERVICE\n").replace("command: {value: echo hi}", """
        command: {value: " ", uris: [{executable: true}], environment: {variables: [{value: x}]}}
            container: {type: MESOS, docker: {privileged: true}}
            healthCheck: {type: HTTP, httpCheck: {port: 0, path: health, scheme: ftp}, intervalSecs: 0}
            volumes:
              - {type: PERSISTENT, containerPath: /data}
              - {type: HOST_PATH, containerPath: /data, hostPath: relative}
              - {type: EMPTY_DIR, containerPath: /tmp, hostPath: /x}
        """));
    String c = "spec.defaultConfig";
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, c + ".command.value").reason());
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, c + ".command.uris[0].value").reason());
    assertEquals(FieldError.REQUIRED,
        Samples.errorOn(a, c + ".command.environment.variables[0].name").reason());
    assertTrue(message(a, c + ".container.docker").contains("only be set when type is DOCKER"));
    assertTrue(message(a, c + ".healthCheck.httpCheck.port").contains("between 1 and 65535"));
    assertTrue(message(a, c + ".healthCheck.httpCheck.path").contains("must start with '/'"));
    assertEquals(FieldError.NOT_SUPPORTED, Samples.errorOn(a, c + ".healthCheck.httpCheck.scheme").reason());
    assertTrue(message(a, c + ".healthCheck.intervalSecs").endsWith("must be greater than 0"));
    assertEquals(FieldError.REQUIRED, Samples.errorOn(a, c + ".volumes[0].sizeMb").reason());
    assertTrue(message(a, c + ".volumes[1].containerPath").startsWith("Duplicate value"));
    assertTrue(message(a, c + ".volumes[1].hostPath").contains("absolute path"));
    assertTrue(message(a, c + ".volumes[2].hostPath").startsWith("Forbidden"));
    Admitted docker = admit(Samples.job("").replace("command: {value: echo hi}",
        "command: {value: echo hi}\n    container: {type: DOCKER}"));
    assertEquals(FieldError.REQUIRED, Samples.errorOn(docker, "spec.defaultConfig.container.image").reason());
  }

  @Test
  void labelsAreCheckedLikeKubernetesLabels() {
    Admitted a = admit(Samples.job("").replace("name: batch1", "name: batch1\n  labels: {\"bad key!\": v, ok: \"bad value!\", \"x.io/\": y}"));
    assertEquals(List.of("metadata.labels[bad key!]", "metadata.labels[ok]", "metadata.labels[x.io/]"),
        a.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void statusIsValidatedWhenPresent() {
    Admitted a = admit(Samples.job("") + """
        status:
          taskStats: {RUNNING: -1}
          startTime: yesterday
          conditions:
            - {type: Ready, status: "yes", reason: not camel}
            - {type: Ready, status: "True"}
        """);
    assertTrue(message(a, "status.taskStats[RUNNING]").endsWith("greater than or equal to 0"));
    assertTrue(message(a, "status.startTime").contains("RFC 3339"));
    assertEquals(FieldError.NOT_SUPPORTED, Samples.errorOn(a, "status.conditions[0].status").reason());
    assertTrue(message(a, "status.conditions[0].reason").contains("CamelCase"));
    assertTrue(message(a, "status.conditions[1].type").startsWith("Duplicate value"));
  }
}
