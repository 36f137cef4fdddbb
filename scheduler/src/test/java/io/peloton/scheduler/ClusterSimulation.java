package io.peloton.scheduler;

import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.placement.Binding;
import io.peloton.scheduler.preemption.Preemption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the API adapter in tests: applies each cycle's bindings (tasks start running) and
 * preemptions (tasks go back to pending), so multi-cycle behaviour can be asserted.
 */
public final class ClusterSimulation {
  private final SchedulingCycle cycle;
  private final List<Host> hosts;
  private final List<PoolSpec> pools;
  private final Map<String, PendingTask> pending = new LinkedHashMap<>();
  private final Map<String, BoundTask> bound = new LinkedHashMap<>();
  private final Map<String, PendingTask> specs = new LinkedHashMap<>();
  private long clock;
  private int preemptedTotal;

  public ClusterSimulation(SchedulerConfig config, List<Host> hosts, List<PoolSpec> pools) {
    this.cycle = new SchedulingCycle(config);
    this.hosts = hosts;
    this.pools = pools;
  }

  public void submit(PendingTask t) {
    pending.put(t.id(), t);
    specs.put(t.id(), t);
  }

  public SchedulingDecisions step() {
    SchedulingDecisions d = cycle.run(snapshot());
    for (Binding b : d.bindings()) {
      PendingTask t = pending.remove(b.taskId());
      bound.put(t.id(), t.boundTo(b.host(), ++clock).asRunning());
    }
    for (Preemption p : d.preemptions()) {
      bound.remove(p.taskId());
      pending.put(p.taskId(), specs.get(p.taskId()));
      preemptedTotal++;
    }
    return d;
  }

  public ClusterSnapshot snapshot() {
    return new ClusterSnapshot(hosts, pools, new ArrayList<>(pending.values()), new ArrayList<>(bound.values()));
  }

  /** Cpus held by bound tasks of a pool. */
  public double boundCpu(String pool) {
    return bound.values().stream().filter(b -> b.pool().equals(pool)).mapToDouble(b -> b.resources().cpu()).sum();
  }

  public int preemptedTotal() {
    return preemptedTotal;
  }
}
