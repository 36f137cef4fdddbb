package io.peloton.scheduler.admission;

import static io.peloton.scheduler.Fixtures.host;
import static io.peloton.scheduler.Fixtures.roomyPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.testing.ManualClock;
import io.peloton.scheduler.SchedulerConfig;
import io.peloton.scheduler.SchedulingCycle;
import io.peloton.scheduler.SchedulingDecisions;
import io.peloton.scheduler.explain.PendingExplanation.Stage;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import io.peloton.scheduler.placement.Binding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A gang that does not fit never freezes its pool, and a waiting gang is not starved. */
class OvertakingTest {
  private static PendingTask task(String id, String job, double cpu, long seq) {
    return PendingTask.simple(id, job, "/a", Resources.of(cpu, 10, 0, 0), seq);
  }

  private static Set<String> bound(SchedulingDecisions d) {
    return d.bindings().stream().map(Binding::taskId).collect(Collectors.toSet());
  }

  /** Peloton's DefaultResPool: 12 cpus reserved and allowed, no GPU at all. */
  private static PoolSpec defaultResPool() {
    Map<ResourceKind, PoolResource> r = new EnumMap<>(ResourceKind.class);
    r.put(ResourceKind.CPU, PoolResource.elastic(12, 12, 1));
    r.put(ResourceKind.MEMORY, PoolResource.elastic(6144, 6144, 1));
    r.put(ResourceKind.DISK, PoolResource.elastic(10240, 20480, 1));
    r.put(ResourceKind.GPU, PoolResource.elastic(0, 0, 1));
    return PoolSpec.of("/a", r);
  }

  @Test
  void tasksThatCanNeverBePlacedDoNotHoldUpThePool() {
    List<PendingTask> pending = new ArrayList<>();
    pending.add(PendingTask.simple("gpu", "gpu-job", "/a", Resources.of(0.5, 128, 0, 1), 1)
        .withFlags(false, false, false));
    pending.add(task("affinity", "affinity-job", 1, 2).withFlags(false, false, false)
        .withConstraint(Constraint.hostLabel("hostname", "peloton-mesos-agent0"), List.of()));
    pending.add(task("huge", "huge-job", 8, 3).withFlags(false, false, false));
    for (int i = 0; i < 10; i++) {
      pending.add(task("ordinary-" + i, "ordinary", 1, 10 + i).withFlags(false, false, false));
    }
    ClusterSnapshot s = new ClusterSnapshot(List.of(host("h1", 6, 4096), host("h2", 6, 4096)),
        List.of(defaultResPool()), pending, List.of());
    SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults()).run(s);

    assertEquals(10, bound(d).size(), "every ordinary task runs: " + d.pending());
    assertEquals(Stage.NEVER_FITS, d.pending().get("gpu").stage());
    assertEquals("can never be placed: beyond the limit of pool /a: needs gpu 1 > 0",
        d.pending().get("gpu").reason());
    assertEquals("can never be placed: 0/2 hosts: 2 constraint hostname=peloton-mesos-agent0",
        d.pending().get("affinity").reason());
    assertEquals("can never be placed: 0/2 hosts: 2 insufficient cpu",
        d.pending().get("huge").reason());
    assertEquals(0, d.pools().get("/a").demand().gpu(), "what never fits is no demand");
  }

  @Test
  void aGangWaitingForCapacityIsOvertakenOnlyWithinItsWindow() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    SchedulingCycle cycle = new SchedulingCycle(
        SchedulerConfig.defaults().withOvertakeWindow(Duration.ofSeconds(60)), clock);
    List<PendingTask> gang = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      gang.add(task("g-" + i, "big", 1, 0).withGang("big#gang"));
    }
    // a stream of small tasks: each runs 20 s, a new one arrives every 10 s, so one always runs
    List<BoundTask> running = new ArrayList<>(List.of(task("s-0", "small", 1, 0).boundTo("h1", 0)));
    List<PendingTask> waiting = new ArrayList<>();
    int overtook = 0;
    String gangBoundAt = null;
    for (int step = 1; step <= 12 && gangBoundAt == null; step++) {
      if (step >= 3) {
        running.remove(0); // the small task admitted two steps ago ends
      }
      waiting.add(task("s-" + step, "small", 1, step));
      List<PendingTask> pending = new ArrayList<>(gang);
      pending.addAll(waiting);
      SchedulingDecisions d = cycle.run(new ClusterSnapshot(List.of(host("h1", 100, 100_000)),
          List.of(roomyPool("/a", 0, 4)), pending, running));
      Set<String> b = bound(d);
      if (b.contains("g-0")) {
        gangBoundAt = "step " + step + " at " + clock.instant();
        assertTrue(b.containsAll(Set.of("g-0", "g-1", "g-2", "g-3")), "whole gang: " + b);
      }
      for (PendingTask t : new ArrayList<>(waiting)) {
        if (b.contains(t.id())) {
          overtook++;
          waiting.remove(t);
          running.add(t.boundTo("h1", 0));
        }
      }
      if (step == 8) {
        // 70 s in: the gang has waited longer than its window and now holds the pool
        assertTrue(d.pending().get("s-8").reason().startsWith("queued behind gang big#gang, which "
            + "has waited over 60s"), d.pending().get("s-8").reason());
      }
      clock.advance(Duration.ofSeconds(10));
    }
    assertTrue(overtook >= 5, "small tasks used the pool while the gang waited: " + overtook);
    assertNotNull(gangBoundAt, "the gang was starved");
    assertFalse(clock.instant().isAfter(Instant.parse("2026-01-01T00:01:40Z")), gangBoundAt);
  }

  @Test
  void priorityOrderIsKept() {
    List<PendingTask> pending = List.of(
        task("low", "low", 2, 1).withPriority(0),
        task("high", "high", 3, 2).withPriority(10));
    SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults())
        .run(new ClusterSnapshot(List.of(host("h1", 100, 100_000)), List.of(roomyPool("/a", 0, 4)),
            pending, List.of()));
    assertEquals(Set.of("high"), bound(d), "the higher priority goes first although it came later");
    assertEquals("pool /a at entitlement: cpu 3/4 (needs 2 more)", d.pending().get("low").reason());

    // a lower priority overtakes a waiting higher one only with what that one cannot use
    List<PendingTask> behind = List.of(
        task("high2", "high", 3, 3).withPriority(10),
        task("low-fits", "low", 1, 4).withPriority(0),
        task("low-too-big", "low", 2, 5).withPriority(0));
    SchedulingDecisions w = new SchedulingCycle(SchedulerConfig.defaults())
        .run(new ClusterSnapshot(List.of(host("h1", 100, 100_000)), List.of(roomyPool("/a", 0, 4)),
            behind, List.of(task("r", "r", 2, 0).boundTo("h1", 0))));
    assertEquals(Set.of("low-fits"), bound(w));
  }

  /** A gang admitted but not placeable now gives its pool budget back to the gangs behind it. */
  @Test
  void aGangNoHostCanTakeNowDoesNotHoldItsPoolsBudget() {
    PoolSpec other = roomyPool("/b", 0, 100);
    List<PendingTask> pending = List.of(task("wide", "wide", 3, 1), task("narrow", "narrow", 2, 2));
    BoundTask elsewhere = PendingTask.simple("x", "x", "/b", Resources.of(2, 10, 0, 0), 0)
        .boundTo("h1", 0);
    SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults())
        .run(new ClusterSnapshot(List.of(host("h1", 4, 100_000), host("h2", 2, 100_000)),
            List.of(roomyPool("/a", 0, 4), other), pending, List.of(elsewhere)));
    assertEquals(Set.of("narrow"), bound(d));
    assertEquals(Stage.PLACEMENT, d.pending().get("wide").stage());
    assertTrue(d.pending().get("wide").reason().contains("0/2 hosts: 2 insufficient cpu"),
        d.pending().get("wide").reason());
  }
}
