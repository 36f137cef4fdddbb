package io.peloton.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.e2e.fixture.LocalCluster;
import io.peloton.e2e.fixture.Pelotonctl;
import io.peloton.e2e.fixture.TaskSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** (e) Preemption between two pools: the starved pool's tasks run on what the other gives back. */
class PreemptionE2ETest {
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  @RegisterExtension
  static final LocalCluster cluster = LocalCluster.named("preemption");

  @Test
  void starvedPoolGetsCpusPreemptedFromThePoolAboveItsEntitlement() {
    Pelotonctl ctl = cluster.ctl();
    // "greedy" may grow to the whole cluster while nobody else wants it; "owed" reserves 10 cpus
    ctl.apply(cluster.workDir(), "pools.yaml", """
        apiVersion: peloton.io/v1
        kind: ResourcePool
        metadata: {name: greedy}
        spec:
          parent: /
          resources:
            - {kind: cpu, reservation: 2, limit: 20, share: 1}
            - {kind: memory, reservation: 512, limit: 65536, share: 1}
            - {kind: disk, reservation: 512, limit: 65536, share: 1}
        ---
        apiVersion: peloton.io/v1
        kind: ResourcePool
        metadata: {name: owed}
        spec:
          parent: /
          resources:
            - {kind: cpu, reservation: 10, limit: 20, share: 1}
            - {kind: memory, reservation: 512, limit: 65536, share: 1}
            - {kind: disk, reservation: 512, limit: 65536, share: 1}
        """);
    // 12 × 1 cpu fill h1, h2 and h3 (gpu1 is kept for GPU tasks)
    ctl.apply(cluster.workDir(), "greedy.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: greedy}
        spec:
          type: SERVICE
          respool: /greedy
          instanceCount: 12
          sla: {priority: 1, preemptible: true}
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 600'}
        """);
    await("12 greedy tasks RUNNING").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> running("greedy").size() == 12);

    ctl.apply(cluster.workDir(), "owed.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: owed}
        spec:
          type: SERVICE
          respool: /owed
          instanceCount: 10
          sla: {priority: 1, preemptible: true}
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 600'}
        """);
    // h1-h3 stay full: what greedy gives up, owed takes
    await("owed tasks RUNNING in greedy's place").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1)).until(() -> {
          int owed = running("owed").size();
          return owed > 0 && owed + running("greedy").size() == 12;
        });

    // they run where greedy's preempted tasks ran: the scheduler said so on each victim
    List<String> preempted = new ArrayList<>();
    for (JsonNode e : ctl.getJson("events").path("items")) {
      String name = e.path("involvedObject").path("name").asText();
      if ("Preempted".equals(e.path("reason").asText()) && name.startsWith("greedy-")) {
        assertTrue(e.path("message").asText().contains("over entitlement"), e.toString());
        preempted.add(name);
      }
    }
    assertFalse(preempted.isEmpty(), "no greedy task was preempted");
    List<TaskSnapshot> greedy = tasks("greedy");
    for (TaskSnapshot t : greedy) {
      if (preempted.contains(t.name())) {
        assertTrue(t.runId() >= 2, "a preempted task gets a new run: " + t);
      }
    }
    List<TaskSnapshot> owed = running("owed");
    assertTrue(owed.size() <= preempted.size(),
        "owed runs " + owed.size() + " tasks but only " + preempted.size() + " were preempted");
    owed.forEach(t -> assertTrue(Set.of("h1", "h2", "h3").contains(t.statusHost()), t.toString()));
    String pool = ctl.ok("get", "resourcepools");
    assertTrue(pool.contains("owed"), pool);
  }

  private static List<TaskSnapshot> running(String job) {
    return tasks(job).stream().filter(TaskSnapshot::running).toList();
  }

  private static List<TaskSnapshot> tasks(String job) {
    return TaskSnapshot.listOf(cluster.ctl().getJson("tasks", "-l", "peloton.io/job=" + job));
  }
}
