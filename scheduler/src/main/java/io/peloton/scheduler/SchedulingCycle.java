package io.peloton.scheduler;

import io.peloton.scheduler.admission.AdmissionOutcome;
import io.peloton.scheduler.admission.Gang;
import io.peloton.scheduler.admission.GangAdmitter;
import io.peloton.scheduler.admission.OvertakeWindow;
import io.peloton.scheduler.admission.PoolLimits;
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
import io.peloton.scheduler.placement.Binding;
import io.peloton.scheduler.placement.FeasibilityProbe;
import io.peloton.scheduler.placement.PlacementEngine;
import io.peloton.scheduler.placement.PlacementOutcome;
import io.peloton.scheduler.preemption.Preemption;
import io.peloton.scheduler.preemption.Preemptor;
import io.peloton.api.task.TaskConditions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
  private final OvertakeWindow window;
  private final PoolLimits poolLimits;
  private final PlacementEngine placement;
  private final Preemptor preemptor;

  public SchedulingCycle(SchedulerConfig config) {
    this(config, Clock.systemUTC());
  }

  /** @param clock times the overtake windows of waiting gangs */
  public SchedulingCycle(SchedulerConfig config, Clock clock) {
    this.config = config;
    this.window = new OvertakeWindow(config.overtakeWindow(), clock);
    this.admitter = new GangAdmitter(config.preemptionEnabled(), window);
    this.poolLimits = new PoolLimits(config.preemptionEnabled());
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
    Map<Integer, List<Gang>> gangsByLeaf = gangsByLeaf(tree, snapshot, pending);
    // a gang that can never fit neither queues nor counts as demand: it would hold up the rest
    FeasibilityProbe probe =
        new FeasibilityProbe(snapshot.hosts(), config.gpuHostsReservedForGpuTasks());
    for (Map.Entry<Integer, List<Gang>> e : gangsByLeaf.entrySet()) {
      for (java.util.Iterator<Gang> it = e.getValue().iterator(); it.hasNext(); ) {
        Gang g = it.next();
        String never = poolLimits.whyNever(tree, e.getKey(), g);
        if (never == null) {
          never = probe.whyNever(g);
        }
        if (never != null) {
          it.remove();
          explain(pending, g, Stage.NEVER_FITS,
              TaskConditions.NEVER_FITS_MESSAGE + g.describePrefix() + never);
        } else {
          g.tasks().forEach(pendingUsage[e.getKey()]::addPending);
        }
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

    Rounds rounds = new Rounds(tree, entitlements, boundUsage, gangsByLeaf, snapshot, pending);
    PlacementOutcome placed = rounds.run();
    long t2 = rounds.admittedAt;
    long t3 = System.nanoTime();
    window.endCycle();

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
    CycleTimings timings = new CycleTimings(tIndexed - t0, t1 - tIndexed, t2 - t1, t3 - t2, t4 - t3,
        placed.hostsExamined());
    if (LOG.isDebugEnabled()) {
      LOG.debug("cycle: {} hosts, {} pending, {} bound -> {} bindings, {} preemptions, {} still pending in {} ms",
          snapshot.hosts().size(), snapshot.pending().size(), snapshot.bound().size(), placed.bindings().size(),
          preemptions.size(), pending.size(), timings.totalNanos() / 1_000_000);
    }
    return new SchedulingDecisions(placed.bindings(), preemptions, pending, pools, timings);
  }

  /** Pending tasks as gangs per leaf pool; tasks without a usable pool are explained instead. */
  private static Map<Integer, List<Gang>> gangsByLeaf(PoolTree tree, ClusterSnapshot snapshot,
      Map<String, PendingExplanation> pending) {
    Map<Integer, List<Gang>> singlesByLeaf = new TreeMap<>();
    Map<Integer, Map<String, List<PendingTask>>> gangsByLeaf = new HashMap<>();
    Set<String> ids = new HashSet<>(snapshot.pending().size() * 2);
    for (PendingTask t : snapshot.pending()) {
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("pending[" + t.id() + "].id: duplicate task id");
      }
      int node = tree.indexOf(t.pool());
      if (node < 0) {
        pending.put(t.id(),
            new PendingExplanation(t.id(), Stage.INVALID, "pool " + t.pool() + " does not exist"));
        continue;
      }
      if (!tree.isLeaf(node)) {
        pending.put(t.id(), new PendingExplanation(t.id(), Stage.INVALID,
            "pool " + t.pool() + " is not a leaf pool; jobs may only run in leaf pools"));
        continue;
      }
      if (t.gang() == null) {
        singlesByLeaf.computeIfAbsent(node, x -> new ArrayList<>())
            .add(Gang.of(t.id(), t.pool(), List.of(t)));
      } else {
        gangsByLeaf.computeIfAbsent(node, x -> new LinkedHashMap<>())
            .computeIfAbsent(t.gang(), x -> new ArrayList<>()).add(t);
      }
    }
    gangsByLeaf.forEach((leaf, gangs) -> {
      List<Gang> all = singlesByLeaf.computeIfAbsent(leaf, x -> new ArrayList<>());
      gangs.forEach((id, tasks) -> all.add(Gang.of(id, tree.path(leaf), tasks)));
    });
    return singlesByLeaf;
  }

  private static void explain(Map<String, PendingExplanation> pending, Gang g, Stage stage,
      String reason) {
    for (PendingTask t : g.tasks()) {
      pending.put(t.id(), new PendingExplanation(t.id(), stage, reason));
    }
  }

  /** One leaf pool's admission: what it admitted and what it held back. */
  private record Admission(List<Gang> admitted, List<AdmissionOutcome.HeldBack> heldBack) {}

  /**
   * Admission and placement of one cycle. Round 1 admits every pool's queue and places what it
   * admitted. A gang admitted but not placed held budget the gangs behind it could use, so pools
   * with such gangs are admitted again in round 2 with those gangs taken as not fitting: within
   * their overtake window the gangs behind them are admitted (and placed in round 2); a gang past
   * its window stops its queue, and gangs bound behind it in round 1 lose those bindings.
   */
  private final class Rounds {
    private final PoolTree tree;
    private final Entitlements entitlements;
    private final PoolUsage[] boundUsage;
    private final Map<Integer, List<Gang>> gangsByLeaf;
    private final ClusterSnapshot snapshot;
    private final Map<String, PendingExplanation> pending;
    long admittedAt;

    Rounds(PoolTree tree, Entitlements entitlements, PoolUsage[] boundUsage,
        Map<Integer, List<Gang>> gangsByLeaf, ClusterSnapshot snapshot,
        Map<String, PendingExplanation> pending) {
      this.tree = tree;
      this.entitlements = entitlements;
      this.boundUsage = boundUsage;
      this.gangsByLeaf = gangsByLeaf;
      this.snapshot = snapshot;
      this.pending = pending;
    }

    PlacementOutcome run() {
      Map<Integer, Admission> first = new TreeMap<>();
      List<Gang> admitted = new ArrayList<>();
      gangsByLeaf.forEach((leaf, gangs) -> {
        Admission a = admit(leaf, gangs, Map.of());
        first.put(leaf, a);
        admitted.addAll(a.admitted());
      });
      admitted.sort(GangAdmitter.PRIORITY_FIFO);
      admittedAt = System.nanoTime();
      PlacementOutcome one = placement.place(snapshot.hosts(), snapshot.bound(), admitted);
      Map<String, String> hostOf = new HashMap<>();
      one.bindings().forEach(b -> hostOf.put(b.taskId(), b.host()));
      Map<Integer, Map<String, String>> unfitByLeaf = new HashMap<>();
      for (Gang g : admitted) {
        if (!hostOf.containsKey(g.head().id())) {
          unfitByLeaf.computeIfAbsent(tree.indexOf(g.pool()), x -> new HashMap<>())
              .put(g.id(), one.unplaced().get(g.head().id()));
        }
      }
      List<Binding> kept = new ArrayList<>();
      List<Gang> second = new ArrayList<>();
      first.forEach((leaf, a) -> {
        Map<String, String> unfit = unfitByLeaf.get(leaf);
        Admission settled = unfit == null ? a : admit(leaf, gangsByLeaf.get(leaf), unfit);
        for (AdmissionOutcome.HeldBack hb : settled.heldBack()) {
          boolean unplaced = unfit != null && unfit.containsKey(hb.gang().id());
          explain(pending, hb.gang(), unplaced ? Stage.PLACEMENT : Stage.ADMISSION, hb.reason());
        }
        for (Gang g : settled.admitted()) {
          if (!hostOf.containsKey(g.head().id())) {
            second.add(g);
            continue;
          }
          g.tasks().forEach(t -> kept.add(new Binding(t.id(), hostOf.get(t.id()))));
        }
      });
      if (second.isEmpty()) {
        return new PlacementOutcome(kept, Map.of(), one.hostsExamined());
      }
      second.sort(GangAdmitter.PRIORITY_FIFO);
      Map<String, PendingTask> byId = new HashMap<>();
      gangsByLeaf.values()
          .forEach(gs -> gs.forEach(g -> g.tasks().forEach(t -> byId.put(t.id(), t))));
      List<BoundTask> boundNow = new ArrayList<>(snapshot.bound());
      kept.forEach(b -> boundNow.add(byId.get(b.taskId()).boundTo(b.host(), 0)));
      PlacementOutcome two = placement.place(snapshot.hosts(), boundNow, second);
      two.unplaced().forEach((id, why) ->
          pending.put(id, new PendingExplanation(id, Stage.PLACEMENT, why)));
      kept.addAll(two.bindings());
      return new PlacementOutcome(kept, Map.of(), one.hostsExamined() + two.hostsExamined());
    }

    private Admission admit(int leaf, List<Gang> gangs, Map<String, String> unfit) {
      PoolUsage running = new PoolUsage();
      running.addAll(boundUsage[leaf]);
      List<Gang> admitted = new ArrayList<>();
      List<AdmissionOutcome.HeldBack> heldBack = new ArrayList<>();
      admitter.admitPool(tree, leaf, entitlements, running, gangs, unfit, admitted, heldBack);
      return new Admission(admitted, heldBack);
    }
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
      if (why == null || why.stage() == Stage.INVALID || why.stage() == Stage.NEVER_FITS) {
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
