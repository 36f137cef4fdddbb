package io.peloton.scheduler.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.event.Event;
import io.peloton.api.meta.Condition;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.scheduler.SchedulerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler running against a real API server over SQLite, with the bridge and job controller played by the test. */
class SchedulerServiceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private TestCluster cluster;
  private final List<AutoCloseable> closeables = new java.util.ArrayList<>();

  @BeforeEach
  void startServer() {
    cluster = new TestCluster(dir);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    cluster.close();
  }

  static SchedulerServiceConfig fast(String id) {
    return SchedulerServiceConfig.defaults(id).withCycleInterval(Duration.ofMillis(200))
        .withLease(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300))
        .withCore(SchedulerConfig.defaults().withSustainedOverAllocationCycles(3))
        .withMessageRefresh(Duration.ofSeconds(1));
  }

  private static SchedulerServiceConfig withIdentity(SchedulerServiceConfig c, String id) {
    return new SchedulerServiceConfig(id, c.cycleInterval(), c.minCycleGap(), c.leaseDuration(), c.renewDeadline(),
        c.retryPeriod(), c.core(), c.messageRefresh(), c.writeConcurrency(), c.bindBatch());
  }

  private SchedulerService scheduler(String id) {
    SchedulerService s = SchedulerService.start(cluster.api, fast(id));
    closeables.add(s);
    return s;
  }

  private static boolean running(Task t) {
    return t.spec().host() != null && t.status() != null && t.status().state() == TaskState.RUNNING
        && t.spec().runId().equals(t.status().runId());
  }

  private Map<String, Integer> runningPerPool() {
    Map<String, Integer> out = new HashMap<>();
    for (Task t : cluster.allTasks()) {
      if (running(t)) {
        out.merge(t.spec().respool(), 1, Integer::sum);
      }
    }
    return out;
  }

  private static Condition scheduled(Task t) {
    return TaskConditionWriter.current(t);
  }

  @Test
  void preemptsTheFullPoolUntilBothPoolsRunAtTheirFairShare() {
    cluster.pool("a", 100);
    cluster.pool("b", 100);
    for (int h = 1; h <= 4; h++) {
      cluster.host("h" + h, 4, 8192, 0);
    }
    closeables.add(new LifecycleStandIn(cluster).start());
    scheduler("solo");
    for (int i = 0; i < 16; i++) {
      cluster.task("a", i, "/a", 1, 256, 0);
    }
    await().atMost(DEADLINE).until(() -> runningPerPool().getOrDefault("/a", 0) == 16);

    for (int i = 0; i < 16; i++) {
      cluster.task("b", i, "/b", 1, 256, 0);
    }
    await().atMost(DEADLINE).until(() -> runningPerPool().equals(Map.of("/a", 8, "/b", 8)));

    // no host ever holds more than it has
    Map<String, Double> cpuPerHost = new HashMap<>();
    cluster.allTasks().stream().filter(SchedulerServiceTest::running)
        .forEach(t -> cpuPerHost.merge(t.spec().host(), t.spec().config().resource().cpuLimit(), Double::sum));
    cpuPerHost.values().forEach(cpu -> assertTrue(cpu <= 4.0, "host over capacity: " + cpuPerHost));
    // exactly 8 of pool a's tasks were preempted, and came back as new runs (the job controller's part)
    await().atMost(DEADLINE).untilAsserted(() -> assertEquals(8, cluster.allTasks().stream()
        .filter(t -> t.spec().job().equals("a") && t.spec().runId() == 2 && t.spec().host() == null).count()));
    assertEquals(0, cluster.allTasks().stream().filter(t -> t.spec().runId() > 2).count(), "preempted only once");
    Task waiting = cluster.allTasks().stream().filter(t -> t.spec().job().equals("a") && t.spec().host() == null)
        .findFirst().orElseThrow();
    await().atMost(DEADLINE).untilAsserted(() -> assertTrue(cluster.eventsAbout(waiting.metadata().name()).stream()
        .anyMatch(e -> "Preempted".equals(e.reason()) && e.message().contains("over entitlement")),
        "a Preempted event for " + waiting.metadata().name()));
    await().atMost(DEADLINE).untilAsserted(() -> {
      Condition c = scheduled(cluster.task(waiting.metadata().name()));
      assertNotNull(c);
      assertEquals(Condition.FALSE, c.status());
      assertEquals("NotAdmitted", c.reason());
    });
    // pool status shows the fair split
    await().atMost(DEADLINE).untilAsserted(() -> {
      for (String pool : List.of("a", "b")) {
        ResourcePool p = cluster.pools.get(null, pool);
        assertNotNull(p.status(), "status of pool " + pool);
        assertEquals("/" + pool, p.status().path());
        assertEquals(8.0, p.status().entitlement().cpu(), 1e-6, "entitlement of " + pool);
        assertEquals(8.0, p.status().allocation().cpu(), 1e-6, "allocation of " + pool);
        assertEquals(8.0 * 256, p.status().demand().memory(), 1e-6, "pending demand of " + pool);
        assertEquals(p.metadata().generation(), p.status().observedGeneration());
      }
    });
  }

  @Test
  void explainsWhyATaskWaitsAndRecordsAnEvent() {
    cluster.pool("c", 100);
    cluster.host("h1", 4, 8192, 0);
    cluster.host("h2", 4, 8192, 0);
    SchedulerService s = scheduler("solo");
    cluster.task("big", 0, "/c", 6, 256, 0);
    cluster.task("lost", 0, "/nope", 1, 256, 0);

    await().atMost(DEADLINE).untilAsserted(() -> {
      Condition c = scheduled(cluster.task("big-0"));
      assertNotNull(c, "Scheduled condition of big-0");
      assertEquals(Condition.FALSE, c.status());
      // 6 cpus on hosts of 4: no host could ever hold it
      assertEquals("NeverFits", c.reason());
      assertTrue(c.message().startsWith("can never be placed: 0/2 hosts")
          && c.message().contains("insufficient cpu"), c.message());
      assertNotNull(c.lastTransitionTime());
    });
    await().atMost(DEADLINE).untilAsserted(() -> {
      List<Event> events = cluster.eventsAbout("lost-0");
      assertTrue(events.stream().anyMatch(e -> "FailedScheduling".equals(e.reason())
          && e.type() == Event.EventType.Warning && e.message().contains("/nope")),
          events.toString());
    });
    await().atMost(DEADLINE).untilAsserted(() -> {
      Condition c = scheduled(cluster.task("lost-0"));
      assertNotNull(c, "Scheduled condition of lost-0");
      assertEquals(Condition.FALSE, c.status());
      assertEquals("InvalidTask", c.reason());
      assertTrue(c.message().contains("/nope"), c.message());
    });
    assertEquals(null, cluster.task("big-0").spec().host());

    // nothing changes, so nothing is written again: same version, one event, however many cycles run
    String version = cluster.task("big-0").metadata().resourceVersion();
    long cycles = s.cyclesRun();
    await().atMost(DEADLINE).until(() -> s.cyclesRun() >= cycles + 10);
    assertEquals(version, cluster.task("big-0").metadata().resourceVersion());
    assertEquals(1, cluster.eventsAbout("lost-0").size(), cluster.eventsAbout("lost-0").toString());
    // what can never be placed is told once on its Job (by the job controller), not per task
    assertEquals(List.of(), cluster.eventsAbout("big-0"));
  }

  @Test
  void aBadTaskConfigIsReportedAndDoesNotStopTheOthers() {
    cluster.pool("c", 100);
    cluster.host("h1", 4, 8192, 0);
    SchedulerService s = scheduler("solo");
    // the API accepts a Task without respool (the Job names it), but there is no Job to ask
    cluster.api.create(io.peloton.api.ResourceTypes.TASK, TestCluster.NS, TestCluster.json("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"odd-0","namespace":"default"},
         "spec":{"job":"odd","instance":0,"runId":1,"goalState":"RUNNING",
           "config":{"resource":{"cpuLimit":1,"memLimitMb":64},"command":{"value":"true"}}}}"""));
    cluster.task("fine", 0, "/c", 1, 64, 0);

    await().atMost(DEADLINE).until(() -> cluster.task("fine-0").spec().host() != null);
    await().atMost(DEADLINE).untilAsserted(() -> {
      Condition c = scheduled(cluster.task("odd-0"));
      assertNotNull(c, "Scheduled condition of odd-0");
      assertEquals("InvalidTask", c.reason());
      assertTrue(c.message().contains("spec.respool"), c.message());
    });
    await().atMost(DEADLINE).until(() -> s.cyclesRun() > 0);
  }

  @Test
  void gpuTasksLandOnGpuHostsAndOthersStayOff() {
    cluster.pool("ml", 100);
    cluster.host("cpu1", 8, 16384, 0);
    cluster.host("gpu1", 8, 16384, 2);
    scheduler("solo");
    cluster.task("train", 0, "/ml", 2, 1024, 1);
    cluster.task("web", 0, "/ml", 1, 256, 0);
    cluster.task("web", 1, "/ml", 1, 256, 0);

    await().atMost(DEADLINE).until(() -> cluster.allTasks().stream().allMatch(t -> t.spec().host() != null));
    assertEquals("gpu1", cluster.task("train-0").spec().host());
    assertEquals("cpu1", cluster.task("web-0").spec().host());
    assertEquals("cpu1", cluster.task("web-1").spec().host());
    await().atMost(DEADLINE).untilAsserted(() -> {
      Condition c = scheduled(cluster.task("train-0"));
      assertNotNull(c);
      assertEquals(Condition.TRUE, c.status());
      assertEquals("Scheduled", c.reason());
      assertTrue(cluster.eventsAbout("train-0").stream().anyMatch(e -> "Scheduled".equals(e.reason())
          && e.type() == Event.EventType.Normal));
    });
  }

  @Test
  void onlyTheLeaderBindsAndAStandbyTakesOverWhenItDies() {
    cluster.pool("p", 100);
    cluster.host("h1", 8, 16384, 0);
    // a longer lease than the other tests: a busy machine must not make the leader lose it by accident
    SchedulerServiceConfig slow = fast("x").withLease(Duration.ofSeconds(6), Duration.ofSeconds(4),
        Duration.ofMillis(500));
    SchedulerService one = SchedulerService.start(cluster.api, withIdentity(slow, "one"));
    SchedulerService two = SchedulerService.start(cluster.api, withIdentity(slow, "two"));
    closeables.add(one);
    closeables.add(two);
    await().atMost(DEADLINE).until(() -> one.isLeader() || two.isLeader());
    SchedulerService leader = one.isLeader() ? one : two;
    SchedulerService standby = leader == one ? two : one;
    cluster.task("first", 0, "/p", 1, 64, 0);
    cluster.task("first", 1, "/p", 1, 64, 0);
    await().atMost(DEADLINE).until(() -> cluster.task("first-0").spec().host() != null
        && cluster.task("first-1").spec().host() != null);
    assertEquals(0, standby.cyclesRun(), "a standby must not run cycles");
    await().atMost(DEADLINE).untilAsserted(() -> assertTrue(cluster.eventsAbout("first-0").stream()
        .anyMatch(e -> "Scheduled".equals(e.reason()) && leader.identity().equals(e.reportingInstance()))));

    leader.abandon(); // crash: the lease is not released, the standby waits for it to expire
    cluster.task("second", 0, "/p", 1, 64, 0);
    await().atMost(DEADLINE).until(() -> cluster.task("second-0").spec().host() != null);
    // the cycle that bound it may still be writing its conditions and events: wait for it to finish
    await().atMost(DEADLINE).until(() -> standby.isLeader() && standby.cyclesRun() > 0);
    await().atMost(DEADLINE).untilAsserted(() -> assertTrue(cluster.eventsAbout("second-0").stream()
        .anyMatch(e -> "Scheduled".equals(e.reason()) && standby.identity().equals(e.reportingInstance()))));
  }
}
