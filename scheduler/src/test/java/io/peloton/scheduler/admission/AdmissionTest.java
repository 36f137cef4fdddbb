package io.peloton.scheduler.admission;

import static io.peloton.scheduler.Fixtures.host;
import static io.peloton.scheduler.Fixtures.roomyPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.scheduler.SchedulerConfig;
import io.peloton.scheduler.SchedulingCycle;
import io.peloton.scheduler.SchedulingDecisions;
import io.peloton.scheduler.explain.PendingExplanation.Stage;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.HostState;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.Resources;
import io.peloton.scheduler.placement.Binding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final SchedulingCycle cycle = new SchedulingCycle(SchedulerConfig.defaults());

  private static Set<String> bound(SchedulingDecisions d) {
    return d.bindings().stream().map(Binding::taskId).collect(Collectors.toSet());
  }

  private static PendingTask task(String id, String pool, double cpu, long seq) {
    return PendingTask.simple(id, "job-" + id, pool, Resources.of(cpu, 10, 0, 0), seq);
  }

  /** One pool limited to {@code cpuLimit}, on a cluster much bigger than that. */
  private static ClusterSnapshot limited(double cpuReservation, double cpuLimit, List<PendingTask> pending) {
    return limited(roomyPool("/a", cpuReservation, cpuLimit), pending);
  }

  private static ClusterSnapshot limited(PoolSpec pool, List<PendingTask> pending) {
    return new ClusterSnapshot(List.of(host("h1", 100, 100_000)), List.of(pool), pending, List.of());
  }

  @Test
  void higherPriorityIsAdmittedFirstThenFifo() {
    List<PendingTask> pending = List.of(
        task("low-early", "/a", 1, 1).withPriority(0),
        task("high-late", "/a", 1, 5).withPriority(10),
        task("high-early", "/a", 1, 2).withPriority(10));
    SchedulingDecisions d = cycle.run(limited(0, 2, pending));
    assertEquals(Set.of("high-early", "high-late"), bound(d));
    assertEquals(Stage.ADMISSION, d.pending().get("low-early").stage());
    assertEquals("pool /a at entitlement: cpu 2/2 (needs 1 more)", d.pending().get("low-early").reason());
  }

  @Test
  void gangIsAdmittedWholeOrNotAtAll() {
    List<PendingTask> pending = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pending.add(task("g-" + i, "/a", 1, i).withGang("g"));
    }
    pending.add(task("single", "/a", 1, 10).withPriority(-1));
    SchedulingCycle strict =
        new SchedulingCycle(SchedulerConfig.defaults().withOvertakeWindow(Duration.ZERO));
    // one cpu of the pool's four is taken: the gang waits for it
    ClusterSnapshot busy = new ClusterSnapshot(List.of(host("h1", 100, 100_000)),
        List.of(roomyPool("/a", 0, 4)), pending,
        List.of(task("running", "/a", 1, 0).boundTo("h1", 0)));
    SchedulingDecisions d = strict.run(busy);
    assertTrue(bound(d).isEmpty(), "no partial gang and nothing may jump the blocked head: " + bound(d));
    assertEquals("gang g (4 tasks): pool /a at entitlement: cpu 1/4 (needs 4 more)",
        d.pending().get("g-2").reason());
    assertTrue(d.pending().get("single").reason().startsWith("queued behind gang g"));

    SchedulingDecisions roomy = cycle.run(limited(0, 4, pending));
    assertEquals(Set.of("g-0", "g-1", "g-2", "g-3"), bound(roomy));
  }

  @Test
  void nonPreemptibleWorkStaysWithinReservation() {
    List<PendingTask> pending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pending.add(task("np-" + i, "/a", 1, i).withFlags(false, false, false));
    }
    pending.add(task("elastic", "/a", 1, 10));
    SchedulingDecisions d = cycle.run(limited(2, 10, pending));
    assertEquals(Set.of("np-0", "np-1", "elastic"), bound(d), "2 within reservation, preemptible work continues");
    assertEquals("pool /a reservation full for non-preemptible work: cpu 2/2 (needs 1 more)",
        d.pending().get("np-2").reason());
  }

  @Test
  void controllerTasksAreCappedByTheControllerLimit() {
    PoolSpec pool = new PoolSpec("/a", roomyPool("/a", 10, 10).resources(), 20.0, 20);
    List<PendingTask> pending = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pending.add(task("ctl-" + i, "/a", 1, i).withFlags(true, false, true));
    }
    SchedulingDecisions d = cycle.run(limited(pool, pending));
    assertEquals(Set.of("ctl-0", "ctl-1"), bound(d), "20% of a 10 cpu reservation is 2 cpus");
    assertTrue(d.pending().get("ctl-2").reason().startsWith("pool /a controller limit (20% of reservation) reached"));
  }

  @Test
  void revocableWorkOnlyUsesSlackEntitlement() {
    Host slackHost = new Host("h1", HostState.UP, false, Resources.of(100, 100_000, 100_000, 0), 100, 3, Map.of());
    List<PendingTask> pending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pending.add(task("rev-" + i, "/a", 1, i).withFlags(true, true, false));
    }
    SchedulingDecisions d = cycle.run(new ClusterSnapshot(List.of(slackHost), List.of(roomyPool("/a", 0, 100)),
        pending, List.of()));
    assertEquals(Set.of("rev-0", "rev-1", "rev-2"), bound(d), "3 revocable cpus on the cluster");
    assertTrue(d.pending().get("rev-3").reason().startsWith("pool /a at slack (revocable) entitlement: cpu 3/3"),
        d.pending().get("rev-3").reason());
  }

  @Test
  void unknownAndNonLeafPoolsAreExplained() {
    List<PoolSpec> pools = List.of(roomyPool("/a", 0, 10), roomyPool("/a/b", 0, 10));
    List<PendingTask> pending = List.of(task("x", "/nope", 1, 1), task("y", "/a", 1, 2));
    SchedulingDecisions d = cycle.run(new ClusterSnapshot(List.of(host("h1", 10, 1000)), pools, pending, List.of()));
    assertEquals("pool /nope does not exist", d.pending().get("x").reason());
    assertEquals("pool /a is not a leaf pool; jobs may only run in leaf pools", d.pending().get("y").reason());
    assertFalse(d.pending().isEmpty());
  }
}
