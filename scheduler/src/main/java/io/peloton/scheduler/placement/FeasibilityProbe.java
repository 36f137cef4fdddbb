package io.peloton.scheduler.placement;

import io.peloton.scheduler.admission.Gang;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.HostState;
import io.peloton.scheduler.model.PendingTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a gang could be placed at all on this cluster: on every known host taken as idle and up
 * (a host in maintenance comes back), with the filters placement uses (HOST constraints, exclusive
 * hosts, GPU hosts kept for GPU tasks, capacity, ports). A gang that fails here can never be placed
 * until the hosts change, so it must not wait in its pool's queue. One probe per cycle; single
 * tasks are remembered per equivalence class, so a 100,000-task job costs one probe.
 */
public final class FeasibilityProbe {
  private static final String FITS = "";
  private final List<Host> idle;
  private final boolean reserveGpuHosts;
  private final Map<EquivalenceClass.Key, String> singles = new HashMap<>();
  private PlacementRound shared;

  public FeasibilityProbe(List<Host> hosts, boolean reserveGpuHosts) {
    idle = new ArrayList<>(hosts.size());
    for (Host h : hosts) {
      idle.add(h.schedulable() ? h : new Host(h.name(), HostState.UP, false, h.capacity(),
          h.ports(), h.revocableCpu(), h.attributes()));
    }
    this.reserveGpuHosts = reserveGpuHosts;
  }

  /**
   * Null when the gang could be placed on the idle cluster, else why not (a host tally). With no
   * hosts known yet nothing is judged: the cluster is still being discovered.
   */
  public String whyNever(Gang gang) {
    if (idle.isEmpty()) {
      return null;
    }
    boolean taskConstraints = false;
    for (PendingTask t : gang.tasks()) {
      String why = singles.computeIfAbsent(EquivalenceClass.Key.of(t), k -> {
        String w = shared().probe(t);
        return w == null ? FITS : w;
      });
      if (!FITS.equals(why)) {
        return why;
      }
      taskConstraints |= ConstraintEvaluator.hasTaskPart(t.constraint());
    }
    if (!taskConstraints || gang.tasks().size() == 1) {
      return null;
    }
    // the gang's own tasks count for its task constraints (e.g. one per host): place it whole
    PlacementOutcome out =
        new PlacementRound(idle, List.of(), List.of(gang), reserveGpuHosts).run();
    return out.unplaced().isEmpty() ? null : out.unplaced().values().iterator().next();
  }

  private PlacementRound shared() {
    if (shared == null) {
      shared = new PlacementRound(idle, List.of(), List.of(), reserveGpuHosts);
    }
    return shared;
  }
}
