package io.peloton.scheduler;

import io.peloton.scheduler.admission.AdmissionOutcome;
import io.peloton.scheduler.admission.Gang;
import io.peloton.scheduler.admission.GangAdmitter;
import io.peloton.scheduler.entitlement.EntitlementCalculator;
import io.peloton.scheduler.entitlement.Entitlements;
import io.peloton.scheduler.entitlement.PoolTree;
import io.peloton.scheduler.entitlement.PoolUsage;
import io.peloton.scheduler.explain.PendingExplanation;
import io.peloton.scheduler.explain.PendingExplanation.Stage;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.Resources;
import io.peloton.scheduler.placement.PlacementEngine;
import io.peloton.scheduler.placement.PlacementOutcome;
import io.peloton.scheduler.preemption.Preemption;
import io.peloton.scheduler.preemption.Preemptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduling pass over a {@link ClusterSnapshot}: entitlement → admission → placement →
 * preemption → explanations. Single-threaded and deterministic for a given snapshot and history; the
 * only state carried between calls is the preemption hysteresis, so keep one instance per scheduler.
 */
public final class SchedulingCycle {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulingCycle.class);
  private final SchedulerConfig config;
  private final EntitlementCalculator calculator = new EntitlementCalculator();
  private final GangAdmitter admitter;
  private final PlacementEngine placement;
  private final Preemptor preemptor;

  public SchedulingCycle(SchedulerConfig config) {
    this.config = config;
    this.admitter = new GangAdmitter(config.preemptionEnabled());
    this.placement = new PlacementEngine(config.gpuHostsReservedForGpuTasks());
    this.preemptor = new Preemptor(config.sustainedOverAllocationCycles(), config.preemptionInFlightCycles());
  }

  /**
   * Runs one cycle. Throws {@link IllegalArgumentException} naming the offending field when the
   * snapshot itself is inconsistent (duplicate ids, a pool whose parent is missing).
   */
  public SchedulingDecisions run(ClusterSnapshot snapshot) {
    long t0 = System.nanoTime();
    PoolTree tree = PoolTree.of(snapshot.pools());
    int n = tree.size();
    PoolUsage[] boundUsage = new PoolUsage[n];
    PoolUsage[] pendingUsage = new PoolUsage[n];
    for (int i = 0; i < n; i++) {
      boundUsage[i] = new PoolUsage();
      pendingUsage[i] = new PoolUsage();
    }
    Map<Integer, List<BoundTask>> boundByLeaf = new HashMap<>();
    for (BoundTask b : snapshot.bound()) {
      int node = tree.indexOf(b.pool());
      if (node > 0) {
        boundUsage[node].addBound(b);
        boundByLeaf.computeIfAbsent(node, x -> new ArrayList<>()).add(b);
      }
    }
    Map<String, PendingExplanation> pending = new LinkedHashMap<>();
    Map<Integer, List<Gang>> singlesByLeaf = new HashMap<>();
    Map<Integer, Map<String, List<PendingTask>>> gangsByLeaf = new HashMap<>();
    Set<String> ids = new HashSet<>(snapshot.pending().size() * 2);
    for (PendingTask t : snapshot.pending()) {
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("pending[" + t.id() + "].id: duplicate task id");
      }
      int node = tree.indexOf(t.pool());
      if (node < 0) {
        pending.put(t.id(), new PendingExplanation(t.id(), Stage.INVALID, "pool " + t.pool() + " does not exist"));
        continue;
      }
      if (!tree.isLeaf(node)) {
        pending.put(t.id(), new PendingExplanation(t.id(), Stage.INVALID,
            "pool " + t.pool() + " is not a leaf pool; jobs may only run in leaf pools"));
        continue;
      }
      pendingUsage[node].addPending(t);
      if (t.gang() == null) {
        singlesByLeaf.computeIfAbsent(node, x -> new ArrayList<>()).add(Gang.of(t.id(), t.pool(), List.of(t)));
      } else {
        gangsByLeaf.computeIfAbsent(node, x -> new LinkedHashMap<>())
            .computeIfAbsent(t.gang(), x -> new ArrayList<>()).add(t);
      }
    }
    Resources capacity;
    double slackCpu = 0;
    double[] cap = new double[4];
    for (Host h : snapshot.hosts()) {
      if (h.schedulable()) {
        cap[0] += h.capacity().cpu();
        cap[1] += h.capacity().gpu();
        cap[2] += h.capacity().memMb();
        cap[3] += h.capacity().diskMb();
        slackCpu += h.revocableCpu();
      }
    }
    capacity = Resources.fromArray(cap);
    long tIndexed = System.nanoTime();
    PoolUsage[] usage = new PoolUsage[n];
    for (int i = 0; i < n; i++) {
      usage[i] = new PoolUsage();
      usage[i].addAll(boundUsage[i]);
      usage[i].addAll(pendingUsage[i]);
    }
    Entitlements entitlements = calculator.calculate(tree, usage, capacity, slackCpu);
    long t1 = System.nanoTime();

    // admission charges admitted gangs to a copy of the bound allocation
    List<Gang> admitted = new ArrayList<>();
    List<AdmissionOutcome.HeldBack> heldBack = new ArrayList<>();
    Set<Integer> leavesWithWork = new java.util.TreeSet<>(singlesByLeaf.keySet());
    leavesWithWork.addAll(gangsByLeaf.keySet());
    for (int leaf : leavesWithWork) {
      PoolUsage running = new PoolUsage();
      running.addAll(boundUsage[leaf]);
      List<Gang> gangs = singlesByLeaf.getOrDefault(leaf, new ArrayList<>());
      String pool = tree.path(leaf);
      gangsByLeaf.getOrDefault(leaf, Map.of()).forEach((id, tasks) -> gangs.add(Gang.of(id, pool, tasks)));
      admitter.admitPool(tree, leaf, entitlements, running, gangs, admitted, heldBack);
    }
    admitted.sort(GangAdmitter.PRIORITY_FIFO);
    for (AdmissionOutcome.HeldBack hb : heldBack) {
      for (PendingTask t : hb.gang().tasks()) {
        pending.put(t.id(), new PendingExplanation(t.id(), Stage.ADMISSION, hb.reason()));
      }
    }
    long t2 = System.nanoTime();

    PlacementOutcome placed = placement.place(snapshot.hosts(), snapshot.bound(), admitted);
    placed.unplaced().forEach((id, why) -> pending.put(id, new PendingExplanation(id, Stage.PLACEMENT, why)));
    long t3 = System.nanoTime();

    List<Preemption> preemptions = config.preemptionEnabled()
        ? preemptor.select(tree, entitlements, boundUsage, boundByLeaf,
            anyStarved(tree, entitlements, boundUsage, snapshot.pending(), pending))
        : List.of();
    long t4 = System.nanoTime();

    Map<String, PoolStatus> pools = new LinkedHashMap<>();
    PoolUsage[] boundTotals = sumUp(tree, boundUsage);
    PoolUsage[] pendingTotals = sumUp(tree, pendingUsage);
    for (int i = 0; i < n; i++) {
      var ent = entitlements.of(i);
      pools.put(tree.path(i), new PoolStatus(tree.path(i), ent.entitlement(), ent.slackEntitlement(),
          boundTotals[i].allocation(), pendingTotals[i].totalDemand()));
    }
    CycleTimings timings =
        new CycleTimings(tIndexed - t0, t1 - tIndexed, t2 - t1, t3 - t2, t4 - t3, placed.hostsExamined());
    if (LOG.isDebugEnabled()) {
      LOG.debug("cycle: {} hosts, {} pending, {} bound -> {} bindings, {} preemptions, {} still pending in {} ms",
          snapshot.hosts().size(), snapshot.pending().size(), snapshot.bound().size(), placed.bindings().size(),
          preemptions.size(), pending.size(), timings.totalNanos() / 1_000_000);
    }
    return new SchedulingDecisions(placed.bindings(), preemptions, pending, pools, timings);
  }

  /**
   * A pool is starved when one of its tasks is still pending although the pool's bound allocation plus
   * that task would stay within its entitlement: the pool is owed resources that others hold.
   */
  private static boolean anyStarved(PoolTree tree, Entitlements ent, PoolUsage[] boundUsage,
      List<PendingTask> all, Map<String, PendingExplanation> pending) {
    if (pending.isEmpty()) {
      return false;
    }
    for (PendingTask t : all) {
      PendingExplanation why = pending.get(t.id());
      if (why == null || why.stage() == Stage.INVALID) {
        continue;
      }
      int node = tree.indexOf(t.pool());
      var e = ent.of(node);
      PoolUsage u = boundUsage[node];
      Resources used = Resources.fromArray(t.revocable() ? u.slackAllocated : u.nonSlackAllocated);
      Resources bound = t.revocable() ? e.slackEntitlement() : e.nonSlackEntitlement();
      if (used.plus(t.resources()).fitsIn(bound)) {
        return true;
      }
    }
    return false;
  }

  private static PoolUsage[] sumUp(PoolTree tree, PoolUsage[] leaves) {
    int n = tree.size();
    PoolUsage[] out = new PoolUsage[n];
    int[] order = tree.topDownOrder();
    for (int idx = n - 1; idx >= 0; idx--) {
      int node = order[idx];
      PoolUsage u = new PoolUsage();
      u.addAll(leaves[node]);
      for (int kid : tree.children(node)) {
        u.addAll(out[kid]);
      }
      out[node] = u;
    }
    return out;
  }
}
