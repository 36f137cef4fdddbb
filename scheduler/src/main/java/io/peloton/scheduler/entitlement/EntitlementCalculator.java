package io.peloton.scheduler.entitlement;

import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ReservationType;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;

/**
 * Hierarchical max-min fair entitlement exactly as Peloton's resource manager computes it
 * (peloton.md §4.2): per node, children get their reservation (capped by demand unless STATIC), then
 * the remainder is water-filled by share up to each child's demand (itself capped by limit), then
 * whatever is still unclaimed is spread over all children by share up to their limits. A second
 * top-down pass splits each entitlement into non-slack and slack (revocable) parts.
 */
public final class EntitlementCalculator {
  private static final double EPS = Resources.EPSILON;
  /** Water-filling converges geometrically because Peloton never shrinks the share denominator. */
  private static final int MAX_ROUNDS = 200;
  private static final int CPU = ResourceKind.CPU.ordinal();
  private static final ResourceKind[] KINDS = ResourceKind.values();

  /**
   * @param leafUsage usage per node index; only leaves need to be filled, parents are summed here
   * @param capacity total resources of schedulable hosts (the root's entitlement)
   * @param slackCpuCapacity revocable cpus of schedulable hosts (the root's slack entitlement)
   */
  public Entitlements calculate(PoolTree tree, PoolUsage[] leafUsage, Resources capacity, double slackCpuCapacity) {
    int n = tree.size();
    PoolUsage[] usage = aggregate(tree, leafUsage);
    double[][] ent = new double[n][];
    double[][] nonSlack = new double[n][];
    double[][] slack = new double[n][];
    ent[0] = capacity.toArray();
    nonSlack[0] = capacity.toArray();
    slack[0] = new double[] {slackCpuCapacity, 0, 0, 0};
    for (int node : tree.topDownOrder()) {
      int[] kids = tree.children(node);
      if (kids.length == 0) {
        continue;
      }
      distributeEntitlement(tree, usage, ent, node, kids);
      distributeSlack(tree, usage, ent, nonSlack, slack, node, kids);
    }
    PoolEntitlement[] out = new PoolEntitlement[n];
    for (int i = 0; i < n; i++) {
      out[i] = new PoolEntitlement(Resources.fromArray(ent[i]), Resources.fromArray(nonSlack[i]),
          Resources.fromArray(slack[i]));
    }
    return new Entitlements(tree, out);
  }

  private static PoolUsage[] aggregate(PoolTree tree, PoolUsage[] leafUsage) {
    int n = tree.size();
    PoolUsage[] usage = new PoolUsage[n];
    int[] order = tree.topDownOrder();
    for (int idx = n - 1; idx >= 0; idx--) {
      int node = order[idx];
      PoolUsage u = new PoolUsage();
      if (tree.children(node).length == 0) {
        if (leafUsage[node] != null) {
          u.addAll(leafUsage[node]);
        }
      } else {
        for (int kid : tree.children(node)) {
          u.addAll(usage[kid]);
        }
      }
      usage[node] = u;
    }
    return usage;
  }

  private static double slackLimit(PoolSpec spec, int kind) {
    if (kind == CPU) {
      return 0; // revocable cpus come from Mesos slack, never from the pool's reservation
    }
    return spec.slackLimitPercent() / 100.0 * spec.resource(KINDS[kind]).reservation();
  }

  private static void distributeEntitlement(PoolTree tree, PoolUsage[] usage, double[][] ent, int node, int[] kids) {
    int m = kids.length;
    for (int i = 0; i < m; i++) {
      ent[kids[i]] = new double[4];
    }
    double[] assign = new double[m];
    double[] unmet = new double[m];
    double[] share = new double[m];
    double[] limit = new double[m];
    for (int k = 0; k < 4; k++) {
      double totalShare = 0;
      double assigned = 0;
      double allShare = 0;
      for (int i = 0; i < m; i++) {
        PoolSpec spec = tree.spec(kids[i]);
        PoolResource pr = spec.resource(KINDS[k]);
        PoolUsage u = usage[kids[i]];
        // phase 0: demand includes what is already allocated, and is capped by the limit
        double req = u.nonSlackAllocated[k] + u.demand[k]
            + Math.min(slackLimit(spec, k), u.slackAllocated[k] + u.slackDemand[k]);
        double demand = Math.min(req, pr.limit());
        // phase 1: reservation
        assign[i] = pr.type() == ReservationType.STATIC ? pr.reservation() : Math.min(demand, pr.reservation());
        share[i] = pr.share();
        limit[i] = pr.limit();
        allShare += pr.share();
        if (demand > pr.reservation() + EPS) {
          totalShare += pr.share();
          unmet[i] = demand - pr.reservation();
        } else {
          unmet[i] = 0;
        }
        assigned += assign[i];
      }
      double remaining = ent[node][k] - assigned;
      // phase 2: share-proportional water-filling; the denominator stays fixed like Peloton's
      for (int round = 0; round < MAX_ROUNDS && remaining > EPS && totalShare > 0; round++) {
        double start = remaining;
        boolean progressed = false;
        for (int i = 0; i < m && remaining > EPS; i++) {
          if (unmet[i] <= EPS) {
            continue;
          }
          double v = Math.min(Math.min(share[i] * start / totalShare, unmet[i]), remaining);
          if (v > 0) {
            assign[i] += v;
            unmet[i] -= v;
            remaining -= v;
            progressed = true;
          }
        }
        if (!progressed) {
          break;
        }
      }
      // phase 3: unclaimed resources go to every child by share, capped at its limit
      if (remaining > EPS && allShare > 0) {
        double start = remaining;
        for (int i = 0; i < m; i++) {
          double v = Math.min(share[i] * start / allShare, Math.max(0, limit[i] - assign[i]));
          assign[i] += v;
        }
      }
      for (int i = 0; i < m; i++) {
        ent[kids[i]][k] = assign[i];
      }
    }
  }

  private static void distributeSlack(
      PoolTree tree, PoolUsage[] usage, double[][] ent, double[][] nonSlack, double[][] slack, int node, int[] kids) {
    int m = kids.length;
    double remaining = slack[node][CPU];
    double totalShare = 0;
    double[] share = new double[m];
    double[] unmet = new double[m];
    for (int i = 0; i < m; i++) {
      int kid = kids[i];
      PoolSpec spec = tree.spec(kid);
      PoolUsage u = usage[kid];
      double[] s = new double[4];
      double[] ns = new double[4];
      for (int k = 0; k < 4; k++) {
        if (k == CPU) {
          continue;
        }
        double slackReq = Math.min(slackLimit(spec, k), u.slackAllocated[k] + u.slackDemand[k]);
        double nonSlackReq = u.nonSlackAllocated[k] + u.demand[k];
        double remainingForSlack = Math.max(0, ent[kid][k] - nonSlackReq);
        s[k] = Math.min(remainingForSlack, slackReq);
        ns[k] = ent[kid][k] - s[k];
      }
      ns[CPU] = ent[kid][CPU];
      s[CPU] = u.slackAllocated[CPU];
      remaining -= s[CPU];
      share[i] = spec.resource(ResourceKind.CPU).share();
      totalShare += share[i];
      unmet[i] = Math.max(0, u.slackDemand[CPU]);
      slack[kid] = s;
      nonSlack[kid] = ns;
    }
    for (int round = 0; round < MAX_ROUNDS && remaining > EPS && totalShare > 0; round++) {
      double start = remaining;
      boolean progressed = false;
      for (int i = 0; i < m && remaining > EPS; i++) {
        if (unmet[i] <= EPS) {
          continue;
        }
        double v = Math.min(Math.min(share[i] * start / totalShare, unmet[i]), remaining);
        if (v > 0) {
          slack[kids[i]][CPU] += v;
          unmet[i] -= v;
          remaining -= v;
          progressed = true;
        }
      }
      if (!progressed) {
        break;
      }
    }
    if (remaining > EPS && totalShare > 0) {
      double start = remaining;
      for (int i = 0; i < m; i++) {
        slack[kids[i]][CPU] += share[i] * start / totalShare;
      }
    }
  }
}
