package io.peloton.scheduler.placement;

import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static host eligibility per equivalence class as bit sets: schedulable, GPU hosts kept for GPU
 * tasks, exclusive hosts only for tasks that ask for them, and HOST label constraints evaluated with
 * set algebra over an attribute index. Computed once per distinct (constraint, wants-GPU) pair, so its
 * cost grows with hosts + classes, not hosts × tasks.
 */
final class HostEligibilityIndex {
  private final List<Host> hosts;
  private final int n;
  private final BitSet schedulable = new BitSet();
  private final BitSet gpuHosts = new BitSet();
  private final BitSet exclusiveHosts = new BitSet();
  private final boolean reserveGpuHosts;
  private final Map<String, Map<String, int[]>> attributeIndex = new HashMap<>();
  private final Map<String, Integer> hostIndex;
  private final Map<Key, BitSet> cache = new HashMap<>();

  private record Key(Constraint constraint, boolean wantsGpu) {}

  HostEligibilityIndex(List<Host> hosts, Map<String, Integer> hostIndex, boolean reserveGpuHosts) {
    this.hosts = hosts;
    this.n = hosts.size();
    this.hostIndex = hostIndex;
    this.reserveGpuHosts = reserveGpuHosts;
    for (int h = 0; h < n; h++) {
      Host host = hosts.get(h);
      if (host.schedulable()) {
        schedulable.set(h);
      }
      if (host.capacity().gpu() > 0) {
        gpuHosts.set(h);
      }
      if (host.exclusive()) {
        exclusiveHosts.set(h);
      }
    }
  }

  boolean reservesGpuHosts() {
    return reserveGpuHosts;
  }

  /** Hosts a task with this constraint and GPU need may ever use this cycle (shared, do not modify). */
  BitSet eligible(Constraint constraint, boolean wantsGpu) {
    return cache.computeIfAbsent(new Key(constraint, wantsGpu), k -> compute(k.constraint(), k.wantsGpu()));
  }

  private BitSet compute(Constraint constraint, boolean wantsGpu) {
    BitSet out = (BitSet) schedulable.clone();
    if (reserveGpuHosts && !wantsGpu) {
      out.andNot(gpuHosts);
    }
    if (constraint == null || !constraint.mentionsHostKey(Host.EXCLUSIVE_ATTRIBUTE)) {
      out.andNot(exclusiveHosts);
    }
    if (constraint != null) {
      BitSet[] mm = evaluate(constraint);
      out.andNot(mm[1]);
    }
    return out;
  }

  /** Returns {match, mismatch} host sets; hosts in neither are "not applicable" (pass). */
  private BitSet[] evaluate(Constraint c) {
    if (c instanceof Constraint.LabelConstraint l) {
      if (l.kind() != Constraint.Kind.HOST) {
        return new BitSet[] {new BitSet(), new BitSet()};
      }
      BitSet with = hostsWith(l.label().key(), l.label().value());
      BitSet match = new BitSet();
      if (l.test(1)) {
        match.or(with);
      }
      if (l.test(0)) {
        BitSet without = new BitSet();
        without.set(0, n);
        without.andNot(with);
        match.or(without);
      }
      BitSet mismatch = new BitSet();
      mismatch.set(0, n);
      mismatch.andNot(match);
      return new BitSet[] {match, mismatch};
    }
    boolean and = c instanceof Constraint.And;
    List<Constraint> subs = and ? ((Constraint.And) c).constraints() : ((Constraint.Or) c).constraints();
    BitSet anyMatch = new BitSet();
    BitSet anyMismatch = new BitSet();
    for (Constraint sub : subs) {
      BitSet[] r = evaluate(sub);
      anyMatch.or(r[0]);
      anyMismatch.or(r[1]);
    }
    if (and) {
      anyMatch.andNot(anyMismatch);
    } else {
      anyMismatch.andNot(anyMatch);
    }
    return new BitSet[] {anyMatch, anyMismatch};
  }

  private BitSet hostsWith(String key, String value) {
    BitSet out = new BitSet();
    if (Host.HOSTNAME_LABEL.equals(key)) {
      Integer h = hostIndex.get(value);
      if (h != null) {
        out.set(h);
      }
      return out;
    }
    int[] list = attributeIndex.computeIfAbsent(key, this::indexKey).get(value);
    if (list != null) {
      for (int h : list) {
        out.set(h);
      }
    }
    return out;
  }

  private Map<String, int[]> indexKey(String key) {
    Map<String, List<Integer>> byValue = new HashMap<>();
    for (int h = 0; h < n; h++) {
      String v = hosts.get(h).attributes().get(key);
      if (v != null) {
        byValue.computeIfAbsent(v, x -> new ArrayList<>()).add(h);
      }
    }
    Map<String, int[]> out = new HashMap<>(byValue.size() * 2);
    byValue.forEach((v, l) -> out.put(v, l.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  boolean isGpuHost(int h) {
    return gpuHosts.get(h);
  }

  boolean isExclusive(int h) {
    return exclusiveHosts.get(h);
  }
}
