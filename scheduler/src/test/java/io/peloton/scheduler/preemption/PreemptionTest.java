package io.peloton.scheduler.preemption;

import static io.peloton.scheduler.Fixtures.host;
import static io.peloton.scheduler.Fixtures.roomyPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.scheduler.ClusterSimulation;
import io.peloton.scheduler.SchedulerConfig;
import io.peloton.scheduler.SchedulingDecisions;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreemptionTest {
  private static final int SUSTAINED = 5;

  private static List<Host> hundredCpus() {
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      hosts.add(host("h" + i, 10, 100_000));
    }
    return hosts;
  }

  private static List<PoolSpec> threePools() {
    return List.of(roomyPool("/RP1", 20, 100), roomyPool("/RP2", 20, 100), roomyPool("/RP3", 20, 100));
  }

  private static void submit(ClusterSimulation sim, String pool, int count, boolean preemptible, int from) {
    for (int i = from; i < from + count; i++) {
      sim.submit(PendingTask.simple(pool + "-" + i, pool, pool, Resources.of(1, 10, 0, 0), i)
          .withFlags(preemptible, false, false));
    }
  }

  private ClusterSimulation workedExample() {
    ClusterSimulation sim = new ClusterSimulation(
        SchedulerConfig.defaults().withSustainedOverAllocationCycles(SUSTAINED), hundredCpus(), threePools());
    submit(sim, "/RP1", 10, true, 0);
    submit(sim, "/RP2", 80, true, 0);
    submit(sim, "/RP3", 80, true, 0);
    SchedulingDecisions first = sim.step();
    assertEquals(100, first.bindings().size());
    assertEquals(10, sim.boundCpu("/RP1"));
    assertEquals(45, sim.boundCpu("/RP2"));
    assertEquals(45, sim.boundCpu("/RP3"));
    return sim;
  }

  @Test
  void preemptsOverEntitledPoolsAfterSustainedStarvationThenSettles() {
    ClusterSimulation sim = workedExample();
    submit(sim, "/RP1", 40, true, 10); // RP1 demand rises to 50 → entitlement ~33.3 each
    for (int c = 1; c < SUSTAINED; c++) {
      SchedulingDecisions d = sim.step();
      assertTrue(d.preemptions().isEmpty(), "hysteresis: no preemption in cycle " + c);
      assertEquals(100.0 / 3, d.pools().get("/RP2").entitlement().cpu(), 1e-3);
    }
    SchedulingDecisions d = sim.step();
    assertEquals(24, d.preemptions().size(), "12 one-cpu tasks from each of RP2 and RP3 free 11.67 each");
    assertTrue(d.preemptions().get(0).reason().startsWith("pool /RP2 over entitlement (cpu 45/33.33)"),
        d.preemptions().get(0).reason());
    for (int c = 0; c < 50; c++) {
      sim.step();
    }
    assertEquals(24, sim.preemptedTotal(), "no oscillation after the pools settle");
    assertEquals(33, sim.boundCpu("/RP1"));
    assertEquals(33, sim.boundCpu("/RP2"));
    assertEquals(33, sim.boundCpu("/RP3"));
  }

  @Test
  void nonPreemptibleTasksAreNeverVictims() {
    ClusterSimulation sim = new ClusterSimulation(
        SchedulerConfig.defaults().withSustainedOverAllocationCycles(1), hundredCpus(),
        List.of(roomyPool("/RP1", 20, 100), roomyPool("/RP2", 100, 100)));
    submit(sim, "/RP2", 90, false, 0);
    sim.step();
    assertEquals(90, sim.boundCpu("/RP2"));
    submit(sim, "/RP1", 50, true, 0);
    for (int c = 0; c < 5; c++) {
      assertTrue(sim.step().preemptions().isEmpty());
    }
    assertEquals(0, sim.preemptedTotal());
  }

  @Test
  void rankerPrefersNotRunningThenLowPriorityThenNewest() {
    BoundTask base = PendingTask.simple("x", "j", "/p", Resources.cpu(1), 0).boundTo("h", 0);
    BoundTask runningLowOld = copy(base, "running-low-old", true, 1, 1, true);
    BoundTask runningLowNew = copy(base, "running-low-new", true, 1, 9, true);
    BoundTask runningHigh = copy(base, "running-high", true, 5, 5, true);
    BoundTask notRunningHigh = copy(base, "placed-high", false, 9, 2, true);
    BoundTask nonPreemptible = copy(base, "np", false, 0, 3, false);
    PreemptionRanker ranker = new PreemptionRanker();
    List<BoundTask> all = List.of(runningHigh, runningLowOld, nonPreemptible, notRunningHigh, runningLowNew);
    assertEquals(List.of("placed-high", "running-low-new", "running-low-old", "running-high"),
        ranker.select(all, Resources.cpu(10)).stream().map(BoundTask::id).toList());
    assertEquals(List.of("placed-high", "running-low-new"),
        ranker.select(all, Resources.cpu(1.5)).stream().map(BoundTask::id).toList());
  }

  private static BoundTask copy(BoundTask b, String id, boolean running, int priority, long started,
      boolean preemptible) {
    return new BoundTask(id, b.job(), b.pool(), b.host(), b.resources(), 0, priority, preemptible, false, false,
        List.of(), running, started);
  }
}
