package io.peloton.scheduler.preemption;

import io.peloton.scheduler.entitlement.Entitlements;
import io.peloton.scheduler.entitlement.PoolEntitlement;
import io.peloton.scheduler.entitlement.PoolTree;
import io.peloton.scheduler.entitlement.PoolUsage;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inter-pool preemption with hysteresis. A leaf pool above its entitlement is preempted only after it
 * has stayed over for {@code sustainedCycles} consecutive cycles while some other pool was starved
 * (below its entitlement with work it could not place); then just enough preemptible tasks are chosen
 * to bring it back to its entitlement, and the counter restarts. Victims stay "in flight" (their
 * resources already counted as freed, never chosen twice) until they leave the snapshot or
 * {@code inFlightCycles} pass, so slow kills cannot cause a second round of preemption. The only
 * state kept between cycles is these counters, owned by the caller's {@code SchedulingCycle}.
 */
public final class Preemptor {
  private final int sustainedCycles;
  private final int inFlightCycles;
  private final PreemptionRanker ranker = new PreemptionRanker();
  private final Map<String, Integer> overCycles = new HashMap<>();
  private final Map<String, Long> inFlight = new HashMap<>();
  private long cycle;

  public Preemptor(int sustainedCycles, int inFlightCycles) {
    if (sustainedCycles < 1) {
      throw new IllegalArgumentException("sustainedCycles must be >= 1, was " + sustainedCycles);
    }
    if (inFlightCycles < 1) {
      throw new IllegalArgumentException("inFlightCycles must be >= 1, was " + inFlightCycles);
    }
    this.sustainedCycles = sustainedCycles;
    this.inFlightCycles = inFlightCycles;
  }

  /**
   * @param boundUsage allocation of bound tasks per node (leaves), before this cycle's admissions
   * @param boundByLeaf bound tasks per leaf node
   * @param starved whether some pool is below entitlement with unplaced work
   */
  public List<Preemption> select(PoolTree tree, Entitlements entitlements, PoolUsage[] boundUsage,
      Map<Integer, List<BoundTask>> boundByLeaf, boolean starved) {
    cycle++;
    expireInFlight(boundByLeaf);
    List<Preemption> out = new ArrayList<>();
    for (int node = 1; node < tree.size(); node++) {
      if (!tree.isLeaf(node)) {
        continue;
      }
      String path = tree.path(node);
      List<BoundTask> tasks = boundByLeaf.getOrDefault(node, List.of());
      PoolUsage usage = new PoolUsage();
      if (boundUsage[node] != null) {
        usage.addAll(boundUsage[node]);
      }
      for (BoundTask t : tasks) {
        if (inFlight.containsKey(t.id())) {
          usage.removeBound(t);
        }
      }
      PoolEntitlement ent = entitlements.of(node);
      Resources nonSlackToFree = Resources.fromArray(usage.nonSlackAllocated).minus(ent.nonSlackEntitlement());
      Resources slackToFree = Resources.fromArray(usage.slackAllocated).minus(ent.slackEntitlement());
      boolean over = !nonSlackToFree.isZero() || !slackToFree.isZero();
      if (!over || !starved) {
        overCycles.remove(path);
        continue;
      }
      int count = overCycles.merge(path, 1, Integer::sum);
      if (count < sustainedCycles) {
        continue;
      }
      overCycles.remove(path);
      List<BoundTask> revocable = new ArrayList<>();
      List<BoundTask> regular = new ArrayList<>();
      for (BoundTask t : tasks) {
        if (!inFlight.containsKey(t.id())) {
          (t.revocable() ? revocable : regular).add(t);
        }
      }
      addVictims(out, path, ranker.select(regular, nonSlackToFree), "over entitlement",
          Resources.fromArray(usage.nonSlackAllocated), ent.nonSlackEntitlement(), count);
      addVictims(out, path, ranker.select(revocable, slackToFree), "over slack entitlement",
          Resources.fromArray(usage.slackAllocated), ent.slackEntitlement(), count);
    }
    return out;
  }

  private void addVictims(List<Preemption> out, String path, List<BoundTask> victims, String what,
      Resources allocated, Resources entitlement, int cycles) {
    if (victims.isEmpty()) {
      return;
    }
    StringBuilder detail = new StringBuilder();
    for (ResourceKind k : ResourceKind.values()) {
      if (allocated.get(k) > entitlement.get(k) + Resources.EPSILON) {
        detail.append(detail.length() == 0 ? "" : ", ").append(k.label()).append(' ')
            .append(Resources.format(allocated.get(k))).append('/').append(Resources.format(entitlement.get(k)));
      }
    }
    String reason = "pool " + path + " " + what + " (" + detail + ") for " + cycles
        + " cycles while other pools are starved";
    for (BoundTask v : victims) {
      inFlight.put(v.id(), cycle);
      out.add(new Preemption(v.id(), path, v.host(), v.running(), reason));
    }
  }

  private void expireInFlight(Map<Integer, List<BoundTask>> boundByLeaf) {
    if (inFlight.isEmpty()) {
      return;
    }
    Set<String> stillBound = new HashSet<>();
    for (List<BoundTask> l : boundByLeaf.values()) {
      for (BoundTask t : l) {
        if (inFlight.containsKey(t.id())) {
          stillBound.add(t.id());
        }
      }
    }
    for (Iterator<Map.Entry<String, Long>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (!stillBound.contains(e.getKey()) || cycle - e.getValue() > inFlightCycles) {
        it.remove();
      }
    }
  }

  /** Tasks preempted and not yet gone from the snapshot (for tests and status). */
  public Set<String> inFlight() {
    return Set.copyOf(inFlight.keySet());
  }
}
