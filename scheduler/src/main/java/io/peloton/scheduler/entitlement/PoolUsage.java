package io.peloton.scheduler.entitlement;

import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.Resources;

/**
 * Per-pool allocation and demand, tallied by type the way Peloton tracks them. Mutable while a cycle
 * tallies; arrays are indexed by {@link io.peloton.scheduler.model.ResourceKind#ordinal()}.
 */
public final class PoolUsage {
  /** Non-revocable resources held by bound tasks. */
  public final double[] nonSlackAllocated = new double[4];
  /** Resources held by revocable tasks (their cpu comes from host slack). */
  public final double[] slackAllocated = new double[4];
  public final double[] controllerAllocated = new double[4];
  public final double[] nonPreemptibleAllocated = new double[4];
  /** Pending non-revocable demand. */
  public final double[] demand = new double[4];
  /** Pending revocable demand. */
  public final double[] slackDemand = new double[4];

  public void addBound(BoundTask t) {
    count(t.resources(), t.revocable(), t.controller(), t.preemptible(), 1);
  }

  /** Counts an admitted task as allocated, so later gangs in the same cycle see it. */
  public void addAdmitted(PendingTask t) {
    count(t.resources(), t.revocable(), t.controller(), t.preemptible(), 1);
  }

  /** Removes a task's allocation (used when preemption frees it). */
  public void removeBound(BoundTask t) {
    count(t.resources(), t.revocable(), t.controller(), t.preemptible(), -1);
  }

  private void count(Resources r, boolean revocable, boolean controller, boolean preemptible,
      int sign) {
    if (revocable) {
      add(slackAllocated, r, sign);
    } else {
      add(nonSlackAllocated, r, sign);
      if (controller) {
        add(controllerAllocated, r, sign);
      }
      if (!preemptible) {
        add(nonPreemptibleAllocated, r, sign);
      }
    }
  }

  public void addPending(PendingTask t) {
    add(t.revocable() ? slackDemand : demand, t.resources(), 1);
  }

  /** Adds a child's tallies (non-leaf usage is the sum of its children). */
  public void addAll(PoolUsage o) {
    for (int k = 0; k < 4; k++) {
      nonSlackAllocated[k] += o.nonSlackAllocated[k];
      slackAllocated[k] += o.slackAllocated[k];
      controllerAllocated[k] += o.controllerAllocated[k];
      nonPreemptibleAllocated[k] += o.nonPreemptibleAllocated[k];
      demand[k] += o.demand[k];
      slackDemand[k] += o.slackDemand[k];
    }
  }

  private static void add(double[] into, Resources r, int sign) {
    into[0] += sign * r.cpu();
    into[1] += sign * r.gpu();
    into[2] += sign * r.memMb();
    into[3] += sign * r.diskMb();
  }

  public Resources allocation() {
    double[] sum = new double[4];
    for (int k = 0; k < 4; k++) {
      sum[k] = nonSlackAllocated[k] + slackAllocated[k];
    }
    return Resources.fromArray(sum);
  }

  public Resources totalDemand() {
    double[] sum = new double[4];
    for (int k = 0; k < 4; k++) {
      sum[k] = demand[k] + slackDemand[k];
    }
    return Resources.fromArray(sum);
  }
}
