package io.peloton.scheduler.placement;

import io.peloton.scheduler.admission.Gang;
import io.peloton.scheduler.explain.HostRejectionTally;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.Label;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state of one placement pass: host ledger, label counts, classes and the decisions so far. */
final class PlacementRound {
  private final List<Host> hosts;
  private final List<Gang> gangs;
  private final Map<String, Integer> hostIndex;
  private final HostLedger ledger;
  private final HostEligibilityIndex eligibility;
  private final Map<Label, int[]> labelCounts = new HashMap<>();
  private final Map<String, BitSet> spreadJobHosts = new HashMap<>();
  private final Map<EquivalenceClass.Key, EquivalenceClass> classes = new HashMap<>();
  private final List<Binding> bindings = new ArrayList<>();
  private final Map<String, String> unplaced = new LinkedHashMap<>();
  private long hostsExamined;

  PlacementRound(List<Host> hosts, List<BoundTask> bound, List<Gang> gangs, boolean reserveGpuHosts) {
    this.hosts = hosts;
    this.gangs = gangs;
    int n = hosts.size();
    hostIndex = new HashMap<>(n * 2);
    for (int h = 0; h < n; h++) {
      if (hostIndex.putIfAbsent(hosts.get(h).name(), h) != null) {
        throw new IllegalArgumentException("hosts[" + h + "].name: duplicate host " + hosts.get(h).name());
      }
    }
    ledger = new HostLedger(hosts);
    eligibility = new HostEligibilityIndex(hosts, hostIndex, reserveGpuHosts);
    Set<Label> taskLabels = new HashSet<>();
    for (Gang g : gangs) {
      for (PendingTask t : g.tasks()) {
        ConstraintEvaluator.collectTaskLabels(t.constraint(), taskLabels);
        if (t.strategy() == PlacementStrategy.SPREAD) {
          spreadJobHosts.computeIfAbsent(t.job(), j -> new BitSet());
        }
      }
    }
    for (Label l : taskLabels) {
      labelCounts.put(l, new int[n]);
    }
    for (BoundTask b : bound) {
      Integer h = hostIndex.get(b.host());
      if (h == null) {
        continue; // its host left the cluster; nothing to charge
      }
      ledger.chargeExisting(h, b);
      countLabels(b.labels(), h, 1);
      BitSet jobHosts = spreadJobHosts.get(b.job());
      if (jobHosts != null) {
        jobHosts.set(h);
      }
    }
    ledger.publish();
  }

  PlacementOutcome run() {
    List<int[]> placedInGang = new ArrayList<>();
    for (Gang gang : gangs) {
      if (gang.tasks().size() == 1) {
        PendingTask t = gang.head();
        EquivalenceClass cls = classFor(t);
        int h = placeOne(t, cls);
        if (h >= 0) {
          bindings.add(new Binding(t.id(), hosts.get(h).name()));
        } else {
          unplaced.put(t.id(), explain(cls));
        }
        continue;
      }
      placeGang(gang, placedInGang);
    }
    return new PlacementOutcome(bindings, unplaced, hostsExamined);
  }

  private void placeGang(Gang gang, List<int[]> placed) {
    placed.clear();
    List<EquivalenceClass> used = new ArrayList<>();
    List<Boolean> spreadMarked = new ArrayList<>();
    String failure = null;
    for (int i = 0; i < gang.tasks().size(); i++) {
      PendingTask t = gang.tasks().get(i);
      EquivalenceClass cls = classFor(t);
      BitSet jobHosts = cls.jobHosts;
      int h = placeOne(t, cls);
      if (h < 0) {
        failure = "gang " + gang.id() + " (" + gang.tasks().size() + " tasks) cannot be placed whole: " + i + "/"
            + gang.tasks().size() + " fit; task " + t.id() + ": " + explain(cls);
        break;
      }
      placed.add(new int[] {i, h});
      used.add(cls);
      spreadMarked.add(jobHosts != null && lastSpreadMarked);
    }
    if (failure == null) {
      for (int[] p : placed) {
        bindings.add(new Binding(gang.tasks().get(p[0]).id(), hosts.get(p[1]).name()));
      }
      return;
    }
    for (int j = placed.size() - 1; j >= 0; j--) {
      int[] p = placed.get(j);
      PendingTask t = gang.tasks().get(p[0]);
      EquivalenceClass cls = used.get(j);
      ledger.charge(p[1], cls.need, -1);
      countLabels(t.labels(), p[1], -1);
      if (spreadMarked.get(j)) {
        cls.jobHosts.clear(p[1]);
      }
      cls.rewindTo(p[1]);
    }
    for (PendingTask t : gang.tasks()) {
      unplaced.put(t.id(), failure);
    }
  }

  /**
   * Null when some host could take the task as things stand, else why not; places nothing.
   * Constraints on other tasks are left out: they change as tasks come and go.
   */
  String probe(PendingTask t) {
    EquivalenceClass cls = classFor(t);
    for (int h = cls.eligible.nextSetBit(0); h >= 0; h = cls.eligible.nextSetBit(h + 1)) {
      if (ledger.fits(h, cls.need)) {
        return null;
      }
    }
    cls.exhausted = true;
    return explain(cls);
  }

  /** Whether the last {@link #commit} newly marked its host as used by a SPREAD job. */
  private boolean lastSpreadMarked;

  private PendingTask lastTask;
  private EquivalenceClass lastClass;

  private EquivalenceClass classFor(PendingTask t) {
    // consecutive tasks of a job usually share the very same request and constraint objects
    if (lastTask != null && t.resources() == lastTask.resources() && t.constraint() == lastTask.constraint()
        && t.ports() == lastTask.ports() && t.revocable() == lastTask.revocable()
        && t.strategy() == PlacementStrategy.PACK && lastTask.strategy() == PlacementStrategy.PACK) {
      lastTask = t;
      return lastClass;
    }
    lastTask = t;
    lastClass = lookupClass(t);
    return lastClass;
  }

  private EquivalenceClass lookupClass(PendingTask t) {
    EquivalenceClass.Key key = EquivalenceClass.Key.of(t);
    EquivalenceClass cls = classes.get(key);
    if (cls == null) {
      BitSet eligible = eligibility.eligible(t.constraint(), t.resources().gpu() > 0);
      cls = new EquivalenceClass(key, eligible, hosts.size(), key.spreadJob() == null ? null
          : spreadJobHosts.get(key.spreadJob()));
      EquivalenceClass c = cls;
      c.packFilter = h -> acceptable(c, h, false);
      c.spreadFilter = h -> acceptable(c, h, true);
      classes.put(key, cls);
    }
    return cls;
  }

  /** Finds and commits a host for one task; -1 if none fits. */
  private int placeOne(PendingTask t, EquivalenceClass cls) {
    if (t.desiredHost() != null) {
      Integer d = hostIndex.get(t.desiredHost());
      if (d != null && acceptable(cls, d, false)) {
        commit(t, cls, d);
        return d;
      }
    }
    if (cls.exhausted) {
      return -1;
    }
    int h = -1;
    if (cls.jobHosts != null && !cls.spreadExhausted) {
      h = search(cls, cls.spreadCursor, true);
      if (h >= 0) {
        cls.spreadCursor = h;
      } else {
        cls.spreadExhausted = true;
      }
    }
    if (h < 0) {
      h = search(cls, cls.cursor, false);
      if (h >= 0) {
        cls.cursor = h;
      } else {
        cls.exhausted = true;
        return -1;
      }
    }
    commit(t, cls, h);
    return h;
  }

  private int search(EquivalenceClass cls, int from, boolean spread) {
    if (cls.sparse) {
      for (int h = cls.eligible.nextSetBit(from); h >= 0; h = cls.eligible.nextSetBit(h + 1)) {
        if (acceptable(cls, h, spread)) {
          return h;
        }
      }
      return -1;
    }
    return ledger.findFirst(from, cls.need, spread ? cls.spreadFilter : cls.packFilter);
  }

  private boolean acceptable(EquivalenceClass cls, int h, boolean spread) {
    hostsExamined++;
    if (!cls.eligible.get(h) || !ledger.fits(h, cls.need)) {
      return false;
    }
    if (spread && cls.jobHosts.get(h)) {
      return false;
    }
    return !cls.hasTaskPart
        || ConstraintEvaluator.evaluateTasks(cls.key.constraint(), h, labelCounts) != ConstraintEvaluator.MISMATCH;
  }

  private void commit(PendingTask t, EquivalenceClass cls, int h) {
    ledger.charge(h, cls.need, 1);
    countLabels(t.labels(), h, 1);
    lastSpreadMarked = false;
    if (cls.jobHosts != null && !cls.jobHosts.get(h)) {
      cls.jobHosts.set(h);
      lastSpreadMarked = true;
    }
  }

  private void countLabels(List<Label> labels, int h, int delta) {
    if (labelCounts.isEmpty()) {
      return;
    }
    for (Label l : labels) {
      int[] c = labelCounts.get(l);
      if (c != null) {
        c[h] += delta;
      }
    }
  }

  /** Tallies, over every host, the first reason it cannot take a task of this class. */
  private String explain(EquivalenceClass cls) {
    if (cls.failure != null) {
      return cls.failure;
    }
    HostRejectionTally tally = new HostRejectionTally();
    Constraint c = cls.key.constraint();
    boolean wantsGpu = cls.key.resources().gpu() > 0;
    for (int h = 0; h < hosts.size(); h++) {
      Host host = hosts.get(h);
      if (!host.schedulable()) {
        tally.reject(host.unschedulable() && host.state() == io.peloton.scheduler.model.HostState.UP
            ? "host unschedulable" : "host " + host.state());
      } else if (eligibility.reservesGpuHosts() && !wantsGpu && eligibility.isGpuHost(h)) {
        tally.reject("GPU host kept for GPU tasks");
      } else if (eligibility.isExclusive(h) && (c == null || !c.mentionsHostKey(Host.EXCLUSIVE_ATTRIBUTE))) {
        tally.reject("exclusive host");
      } else if (c != null && ConstraintEvaluator.evaluateHost(c, host) == ConstraintEvaluator.MISMATCH) {
        tally.reject("constraint " + ConstraintEvaluator.blame(c, sub -> ConstraintEvaluator.evaluateHost(sub, host)));
      } else if (ledger.shortDimension(h, cls.need) >= 0) {
        tally.reject("insufficient " + HostLedger.DIM_NAMES[ledger.shortDimension(h, cls.need)]);
      } else if (cls.hasTaskPart
          && ConstraintEvaluator.evaluateTasks(c, h, labelCounts) == ConstraintEvaluator.MISMATCH) {
        int hh = h;
        tally.reject("constraint " + ConstraintEvaluator.blame(c,
            sub -> ConstraintEvaluator.evaluateTasks(sub, hh, labelCounts)));
      } else {
        tally.accept();
      }
    }
    String text = tally.render(0);
    if (cls.exhausted) {
      cls.failure = text;
    }
    return text;
  }
}
