package io.peloton.scheduler;

import static io.peloton.scheduler.Fixtures.gpuHost;
import static io.peloton.scheduler.Fixtures.host;
import static io.peloton.scheduler.Fixtures.roomyPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.scheduler.explain.PendingExplanation.Stage;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ReservationType;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import io.peloton.scheduler.placement.Binding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulingCycleTest {
  private static List<Host> hosts(int n, double cpu) {
    List<Host> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(host("h" + i, cpu, 1_000_000, Map.of("zone", "z" + (i % 4))));
    }
    return out;
  }

  private static List<PendingTask> tasks(int n, String pool, double cpu) {
    List<PendingTask> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PendingTask.simple("t" + i, "job" + (i % 10), pool, Resources.of(cpu, 100, 0, 0), i));
    }
    return out;
  }

  @Test
  void placementCostGrowsWithTasksPlusHostsNotTheirProduct() {
    int hostCount = 2000;
    int taskCount = 20_000;
    ClusterSnapshot s = new ClusterSnapshot(hosts(hostCount, 16), List.of(roomyPool("/a", 0, 1e9)),
        tasks(taskCount, "/a", 1), List.of());
    SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults()).run(s);
    assertEquals(taskCount, d.bindings().size());
    long examined = d.timings().hostsExamined();
    assertTrue(examined <= 2L * (taskCount + hostCount), "examined " + examined + " host checks");

    // many tasks that cannot fit anywhere cost one scan per class, not one per task
    List<PendingTask> huge = new ArrayList<>(tasks(taskCount, "/a", 1));
    for (int i = 0; i < 5000; i++) {
      huge.add(PendingTask.simple("nowhere" + i, "big", "/a", Resources.of(0.01, 1, 0, 0), taskCount + i)
          .withConstraint(Constraint.hostLabel("zone", "nowhere"), List.of()));
    }
    SchedulingDecisions d2 = new SchedulingCycle(SchedulerConfig.defaults())
        .run(new ClusterSnapshot(hosts(hostCount, 16), List.of(roomyPool("/a", 0, 1e9)), huge, List.of()));
    assertTrue(d2.timings().hostsExamined() <= 2L * (taskCount + 5000 + hostCount),
        "examined " + d2.timings().hostsExamined());
    assertEquals("can never be placed: 0/2000 hosts: 2000 constraint zone=nowhere",
        d2.pending().get("nowhere4999").reason());
    assertEquals(Stage.NEVER_FITS, d2.pending().get("nowhere0").stage());
  }

  @Test
  void sameSnapshotGivesSameDecisions() {
    List<PendingTask> pending = new ArrayList<>(tasks(500, "/a", 0.7));
    pending.add(PendingTask.simple("zoned", "j", "/a", Resources.cpu(1), 999)
        .withConstraint(Constraint.hostLabel("zone", "z3"), List.of()));
    ClusterSnapshot s = new ClusterSnapshot(hosts(40, 8), List.of(roomyPool("/a", 0, 1e9)), pending, List.of());
    SchedulingDecisions a = new SchedulingCycle(SchedulerConfig.defaults()).run(s);
    SchedulingDecisions b = new SchedulingCycle(SchedulerConfig.defaults()).run(s);
    assertEquals(a.bindings(), b.bindings());
    assertEquals(a.pending(), b.pending());
    assertTrue(a.bindings().contains(new Binding("zoned", "h3")) || a.pending().containsKey("zoned"));
  }

  @Test
  void poolStatusReportsEntitlementAllocationAndDemand() {
    Map<ResourceKind, PoolResource> r = new EnumMap<>(ResourceKind.class);
    r.put(ResourceKind.CPU, new PoolResource(30, 100, 1, ReservationType.STATIC));
    r.put(ResourceKind.MEMORY, PoolResource.elastic(1e6, 1e9, 1));
    List<PoolSpec> pools = List.of(PoolSpec.of("/static", r), roomyPool("/busy", 0, 1000));
    ClusterSnapshot s = new ClusterSnapshot(hosts(10, 10), pools, tasks(100, "/busy", 1), List.of());
    SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults()).run(s);
    assertEquals(70, d.bindings().size(), "30 cpus stay reserved for the idle STATIC pool");
    assertEquals(30, d.pools().get("/static").entitlement().cpu(), 1e-6);
    assertEquals(70, d.pools().get("/busy").entitlement().cpu(), 1e-6);
    assertEquals(100, d.pools().get("/busy").demand().cpu(), 1e-6);
    assertEquals(100, d.pools().get("/").entitlement().cpu(), 1e-6);
    assertEquals("pool /busy at entitlement: cpu 70/70 (needs 1 more)", d.pending().get("t70").reason());
  }

  @Test
  void gpuTasksGetTheScarceGpuHosts() {
    List<Host> hs = List.of(gpuHost("g1", 16, 64_000, 2), host("c1", 16, 64_000));
    List<PendingTask> pending = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pending.add(PendingTask.simple("gpu" + i, "ml", "/a", Resources.of(1, 100, 0, 1), i));
    }
    for (int i = 0; i < 20; i++) {
      pending.add(PendingTask.simple("cpu" + i, "web", "/web", Resources.of(1, 100, 0, 0), 10 + i));
    }
    SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults())
        .run(new ClusterSnapshot(hs, List.of(roomyPool("/a", 0, 1e9), roomyPool("/web", 0, 1e9)), pending,
            List.of()));
    long onGpu = d.bindings().stream().filter(b -> b.host().equals("g1")).count();
    assertEquals(2, onGpu, "only the two GPU tasks that fit land on the GPU host");
    assertTrue(d.bindings().stream().filter(b -> b.host().equals("g1")).allMatch(b -> b.taskId().startsWith("gpu")));
    // the cluster has 2 GPUs, so the pool's entitlement holds the third GPU task back
    assertEquals("pool /a at entitlement: gpu 2/2 (needs 1 more)", d.pending().get("gpu2").reason());
    assertEquals(16, d.bindings().stream().filter(b -> b.host().equals("c1")).count());
    assertEquals("0/2 hosts: 1 GPU host kept for GPU tasks, 1 insufficient cpu", d.pending().get("cpu19").reason());
  }

  @Test
  void inconsistentSnapshotsAreRejectedNamingTheField() {
    SchedulingCycle cycle = new SchedulingCycle(SchedulerConfig.defaults());
    IllegalArgumentException dupTask = assertThrows(IllegalArgumentException.class, () -> cycle.run(
        new ClusterSnapshot(hosts(1, 1), List.of(roomyPool("/a", 0, 1)),
            List.of(PendingTask.simple("x", "j", "/a", Resources.cpu(1), 0),
                PendingTask.simple("x", "j", "/a", Resources.cpu(1), 1)), List.of())));
    assertEquals("pending[x].id: duplicate task id", dupTask.getMessage());
    IllegalArgumentException dupHost = assertThrows(IllegalArgumentException.class, () -> cycle.run(
        new ClusterSnapshot(List.of(host("h", 1, 1), host("h", 1, 1)), List.of(roomyPool("/a", 0, 1)),
            List.of(PendingTask.simple("x", "j", "/a", Resources.cpu(1), 0)), List.of())));
    assertEquals("hosts[1].name: duplicate host h", dupHost.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> Resources.of(-1, 0, 0, 0));
    assertEquals("cpu must be a number >= 0, was -1.0", negative.getMessage());
    IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
        () -> PoolResource.elastic(10, 5, 1));
    assertEquals("limit must be >= reservation (10.0), was 5.0", limit.getMessage());
  }
}
