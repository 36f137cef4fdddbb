package io.peloton.scheduler.placement;

import io.peloton.scheduler.admission.Gang;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.Host;
import java.util.List;

/**
 * Places admitted gangs on hosts: filter (host UP and schedulable, resources, ports, HOST constraints
 * with AND/OR, task-count host limits, exclusive hosts, GPU hosts kept for GPU tasks), prefer the
 * desired host, then PACK first-fit in host order or SPREAD one task of a job per host while possible.
 * Gangs are placed whole or not at all. Pure: all state lives in one {@link PlacementRound}.
 */
public final class PlacementEngine {
  private final boolean reserveGpuHosts;

  /** @param reserveGpuHosts keep hosts with GPUs for tasks that request GPUs (Peloton's scarce resources) */
  public PlacementEngine(boolean reserveGpuHosts) {
    this.reserveGpuHosts = reserveGpuHosts;
  }

  /** Places gangs in the given order against hosts already holding {@code bound} tasks. */
  public PlacementOutcome place(List<Host> hosts, List<BoundTask> bound, List<Gang> gangs) {
    return new PlacementRound(hosts, bound, gangs, reserveGpuHosts).run();
  }
}
