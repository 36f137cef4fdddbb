package io.peloton.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.e2e.fixture.ComponentProcess;
import io.peloton.e2e.fixture.LocalCluster;
import io.peloton.e2e.fixture.Pelotonctl;
import io.peloton.e2e.fixture.RunLog;
import io.peloton.e2e.fixture.TaskSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of components while work runs: the bridge's hot standby takes over, and a
 * 200-instance job survives the controllers, the scheduler and the bridge each dying once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryE2ETest {
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  @RegisterExtension
  static final LocalCluster cluster = LocalCluster.named("crash-recovery")
      .withBridges("bridge-a", "bridge-b");

  static Pelotonctl ctl;

  @BeforeAll
  static void pool() {
    ctl = cluster.ctl();
    cluster.applyPool(12, false);
  }

  /**
   * Issue #5: {@code kill -9} of the active bridge: the standby takes the Lease within 15 s,
   * running tasks keep running (same Mesos task, same run, same process) and none is launched
   * twice.
   */
  @Test
  @Order(1)
  void standbyBridgeTakesOverWithoutRelaunching() {
    Path runs = cluster.workDir().resolve("long-runs.log");
    ctl.apply(cluster.workDir(), "long.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: long}
        spec:
          type: BATCH
          respool: /e2e
          instanceCount: 4
          defaultConfig:
            resource: {cpuLimit: 0.5, memLimitMb: 16, diskLimitMb: 10}
            command: {value: '%s; exec sleep 60'}
        """.formatted(RunLog.startLine(runs)));
    await("4 long tasks RUNNING").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks("long").stream().filter(TaskSnapshot::running).count() == 4);
    Map<String, TaskSnapshot> before = byName(tasks("long"));
    RunLog started = RunLog.read(runs);
    assertEquals(4, started.starts().size(), started.toString());

    String leader = cluster.leaseHolder("mesos-bridge");
    String standby = leader.equals("bridge-a") ? "bridge-b" : "bridge-a";
    ComponentProcess active = cluster.component(leader);
    Instant killedAt = Instant.now();
    active.kill9();

    JsonNode lease = await("the standby " + standby + " holds the mesos-bridge Lease")
        .atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> lease("mesos-bridge"),
            l -> standby.equals(l.path("spec").path("holderIdentity").asText()));
    Instant acquired = Instant.parse(lease.path("spec").path("acquireTime").asText());
    Duration takeover = Duration.between(killedAt, acquired);
    assertTrue(takeover.compareTo(Duration.ofSeconds(15)) <= 0,
        "standby took over " + takeover.toMillis() + " ms after the kill");

    // the new leader works: a new job's task is launched and completes
    ctl.apply(cluster.workDir(), "probe.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: probe}
        spec:
          type: BATCH
          respool: /e2e
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'echo probe'}
        """);
    await("probe SUCCEEDED under " + standby).atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.getJson("job", "probe").path("status").path("state").asText(),
            "SUCCEEDED"::equals);

    for (TaskSnapshot t : tasks("long")) {
      TaskSnapshot was = before.get(t.name());
      assertTrue(t.running(), "still running after the failover: " + t);
      assertEquals(was.mesosTaskId(), t.mesosTaskId(), t.name() + " got another Mesos task");
      assertEquals(was.runId(), t.runId(), t.name() + " was restarted");
      assertEquals(was.statusRunId(), t.statusRunId(), t.name());
    }
    RunLog after = RunLog.read(runs);
    assertEquals(started.starts(), after.starts(), "a task was launched again");
    for (RunLog.Run r : after.starts().values()) {
      assertTrue(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false),
          "the process of " + r + " died in the failover");
    }

    active.start(); // back as the standby
    ctl.ok("delete", "job", "long", "--wait=false");
    ctl.ok("delete", "job", "probe", "--wait=false");
    await("long's tasks gone").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks("long").isEmpty());
  }

  /**
   * (h) {@code kill -9} of the controllers, the scheduler and the active bridge, one at a time and
   * each restarted, in the middle of a 200-instance job: it completes, no instance twice at once.
   */
  @Test
  @Order(2)
  void jobCompletesThroughComponentCrashes() {
    Path runs = cluster.workDir().resolve("bulk-runs.log");
    ctl.apply(cluster.workDir(), "bulk.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: bulk}
        spec:
          type: BATCH
          respool: /e2e
          instanceCount: 200
          defaultConfig:
            resource: {cpuLimit: 0.5, memLimitMb: 16, diskLimitMb: 10}
            restartPolicy: {maxFailures: 3}
            command: {value: '%s; sleep 3; %s'}
        """.formatted(RunLog.startLine(runs), RunLog.endLine(runs)));

    crashAndRestartAfter(10, cluster.component("controllers"));
    crashAndRestartAfter(40, cluster.component("scheduler"));
    crashAndRestartAfter(80, cluster.component(cluster.leaseHolder("mesos-bridge")));

    await("bulk SUCCEEDED").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
        .until(() -> ctl.getJson("job", "bulk").path("status").path("state").asText(),
            "SUCCEEDED"::equals);
    List<TaskSnapshot> all = tasks("bulk");
    assertEquals(200, all.size());
    assertEquals(200, all.stream().filter(t -> "SUCCEEDED".equals(t.state())).count(),
        all.stream().filter(t -> !"SUCCEEDED".equals(t.state())).toList().toString());
    RunLog log = RunLog.read(runs);
    assertEquals(200, log.instances().size(), "instances that ran: " + log.instances());
    log.assertNoInstanceRanTwiceAtOnce();
  }

  /** Waits until {@code succeeded} instances are done (and not all), then kills and restarts. */
  private static void crashAndRestartAfter(int succeeded, ComponentProcess component) {
    int done = await(succeeded + " bulk tasks SUCCEEDED").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1)).until(() -> succeeded("bulk"), n -> n >= succeeded);
    assertTrue(done < 200, "the job finished before " + component.name() + " could be killed");
    component.kill9();
    component.start();
    // the job must move on with the restarted component
    await("bulk progresses after " + component.name() + " restarted").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1)).until(() -> succeeded("bulk"), n -> n > done);
  }

  private static int succeeded(String job) {
    return (int) tasks(job).stream().filter(t -> "SUCCEEDED".equals(t.state())).count();
  }

  private static JsonNode lease(String name) {
    return ctl.getJson("lease", name);
  }

  private static Map<String, TaskSnapshot> byName(List<TaskSnapshot> ts) {
    Map<String, TaskSnapshot> out = new HashMap<>();
    ts.forEach(t -> out.put(t.name(), t));
    return out;
  }

  private static List<TaskSnapshot> tasks(String job) {
    return ctl.tasksOf(job);
  }
}
