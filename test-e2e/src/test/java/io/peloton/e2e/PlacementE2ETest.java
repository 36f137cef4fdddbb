package io.peloton.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.e2e.fixture.CliResult;
import io.peloton.e2e.fixture.LocalCluster;
import io.peloton.e2e.fixture.PelotonExamples;
import io.peloton.e2e.fixture.Pelotonctl;
import io.peloton.e2e.fixture.TaskSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Work that can never run does not freeze its pool and says so on its Job; a DAEMON instance
 * comes back on its own host after maintenance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlacementE2ETest {
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  @RegisterExtension
  static final LocalCluster cluster = LocalCluster.named("placement");

  static Pelotonctl ctl;

  @BeforeAll
  static void pool() {
    ctl = cluster.ctl();
    cluster.applyPool(4, true);
  }

  /**
   * Peloton's DefaultResPool: the GPU example is refused at create (the pool allows no GPU), the
   * host-affinity example (a host no cluster has) says on its Job that it can never be placed,
   * and an ordinary job in the same pool runs to completion all the same.
   */
  @Test
  @Order(1)
  void anImpossibleJobDoesNotFreezeItsPool() {
    ctl.ok("respool", "create", "/DefaultResPool",
        PelotonExamples.file("default_respool.yaml").toString());
    CliResult gpu = ctl.run("job", "create", "/DefaultResPool",
        PelotonExamples.file("testjob_gpu_mesos_containerizer.yaml").toString());
    assertEquals(1, gpu.exitCode(), gpu.describe());
    assertTrue(gpu.stderr().contains("spec.defaultConfig.resource.gpuLimit")
        && gpu.stderr().contains("gpu limit 0 of resource pool /DefaultResPool"), gpu.describe());

    ctl.ok("job", "create", "/DefaultResPool",
        PelotonExamples.file("testjob_host_affinity_constraint.yaml").toString(), "-i", "affinity");
    ctl.apply(cluster.workDir(), "ordinary.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: ordinary}
        spec:
          type: BATCH
          respool: /DefaultResPool
          instanceCount: 3
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'true'}
        """);
    await("ordinary SUCCEEDED").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.jobState("ordinary"), "SUCCEEDED"::equals);
    await("affinity says it can never be placed").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> condition("affinity", "Placeable").path("status").asText(), "False"::equals);
    JsonNode placeable = condition("affinity", "Placeable");
    assertEquals("NeverFits", placeable.path("reason").asText(), placeable.toString());
    assertTrue(placeable.path("message").asText().startsWith(
        "can never be placed: 200 of 200 instance(s)"), placeable.toString());
    assertTrue(placeable.path("message").asText().contains(
        "constraint hostname=peloton-mesos-agent0"), placeable.toString());
    assertEquals(1, countEvents("affinity", "NeverFits"), "one Event for the job, not per task");
  }

  /** A DAEMON instance returns to its host when maintenance completes, and runs only there. */
  @Test
  @Order(2)
  void aDaemonInstanceComesBackOnItsHostAfterMaintenance() {
    ctl.apply(cluster.workDir(), "daemon.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: shipper}
        spec:
          type: DAEMON
          respool: /e2e
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 600'}
        """);
    List<String> all = List.of("gpu1", "h1", "h2", "h3");
    await("a shipper on every host").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.runningHosts("shipper"), all::equals);
    ctl.ok("host", "maintenance", "start", "h3");
    await("h3 DOWN, its shipper gone").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> hostState("h3").equals("DOWN")
            && ctl.runningHosts("shipper").equals(List.of("gpu1", "h1", "h2")));
    ctl.ok("host", "maintenance", "complete", "h3");
    await("a shipper on every host again").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.runningHosts("shipper"), all::equals);
    for (TaskSnapshot t : tasks("shipper")) {
      String own = t.raw().path("metadata").path("labels").path("peloton.io/daemon-host").asText();
      assertEquals(own, t.statusHost(), "runs on its own host: " + t);
    }
  }


  static List<TaskSnapshot> tasks(String job) {
    return ctl.tasksOf(job);
  }

  private static String hostState(String host) {
    return ctl.getJson("host", host).path("status").path("state").asText();
  }


  private static JsonNode condition(String job, String type) {
    for (JsonNode c : ctl.getJson("job", job).path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static long countEvents(String object, String reason) {
    long n = 0;
    for (JsonNode e : ctl.getJson("events").path("items")) {
      if (object.equals(e.path("involvedObject").path("name").asText())
          && reason.equals(e.path("reason").asText())) {
        n++;
      }
    }
    return n;
  }
}
