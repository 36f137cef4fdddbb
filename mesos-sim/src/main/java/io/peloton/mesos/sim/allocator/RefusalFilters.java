package io.peloton.mesos.sim.allocator;

import java.util.HashMap;
import java.util.Map;

/**
 * A framework's offer filters per (agent, role) and inverse-offer filters per agent. An offer filter
 * holds while it has not expired and the agent offers no more than what was refused.
 */
public final class RefusalFilters {
  private static final double MAX_SECONDS = 31_536_000; // Mesos caps refuse_seconds at 365 days
  // role -> agent index -> {expiry nanos, refused cpus, refused mem}
  private final Map<String, Map<Integer, double[]>> offerFilters = new HashMap<>();
  private final Map<Integer, Long> inverseFilters = new HashMap<>();

  /** Converts refuse_seconds to a filter length per Mesos rules (negative = default 5 s, 0 = none). */
  public static double effectiveSeconds(Double refuseSeconds) {
    if (refuseSeconds == null || refuseSeconds < 0 || refuseSeconds.isNaN()) {
      return 5.0;
    }
    return Math.min(refuseSeconds, MAX_SECONDS);
  }

  /** Refuses the agent's current resources (cpus, mem) for the role until {@code seconds} from now. */
  public void refuse(int agentIndex, String role, double seconds, double cpus, double mem, long nowNanos) {
    if (seconds <= 0) {
      return;
    }
    offerFilters.computeIfAbsent(role, r -> new HashMap<>())
        .put(agentIndex, new double[] {nowNanos + seconds * 1e9, cpus, mem});
  }

  /** True if an offer of (cpus, mem) from the agent to the role is filtered out. */
  public boolean filtered(int agentIndex, String role, double cpus, double mem, long nowNanos) {
    if (offerFilters.isEmpty()) {
      return false;
    }
    Map<Integer, double[]> byAgent = offerFilters.get(role);
    double[] f = byAgent == null ? null : byAgent.get(agentIndex);
    if (f == null) {
      return false;
    }
    if (nowNanos >= f[0]) {
      byAgent.remove(agentIndex);
      return false;
    }
    // a filter only covers offers that are a subset of what was refused
    return cpus <= f[1] + 1e-6 && mem <= f[2] + 1e-6;
  }

  /** REVIVE: clears the filters of the given roles (all when null). */
  public void clear(java.util.Collection<String> roles) {
    if (roles == null) {
      offerFilters.clear();
      return;
    }
    offerFilters.keySet().removeAll(roles);
  }

  public void refuseInverse(int agentIndex, double seconds, long nowNanos) {
    if (seconds > 0) {
      inverseFilters.put(agentIndex, nowNanos + (long) (seconds * 1e9));
    } else {
      inverseFilters.remove(agentIndex);
    }
  }

  public boolean inverseFiltered(int agentIndex, long nowNanos) {
    Long until = inverseFilters.get(agentIndex);
    if (until == null) {
      return false;
    }
    if (nowNanos >= until) {
      inverseFilters.remove(agentIndex);
      return false;
    }
    return true;
  }

  /** Schedule change on the agent: inverse-offer filters are cleared for all frameworks. */
  public void clearInverse(int agentIndex) {
    inverseFilters.remove(agentIndex);
  }
}
