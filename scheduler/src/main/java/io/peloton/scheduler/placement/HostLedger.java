package io.peloton.scheduler.placement;

import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.Resources;
import java.util.List;

/**
 * Free resources per host for one cycle: capacity minus every bound task (running or not) minus what
 * this cycle has placed, so a host is never double-booked. Mirrors itself into a
 * {@link HostCapacityTree}; hosts that are not schedulable are hidden from the tree.
 */
final class HostLedger {
  static final int CPU = 0;
  static final int MEM = 1;
  static final int DISK = 2;
  static final int GPU = 3;
  static final int PORTS = 4;
  static final int REVOCABLE_CPU = 5;
  static final int DIMS = 6;
  static final String[] DIM_NAMES = {"cpu", "memory", "disk", "gpu", "ports", "revocable cpu"};
  private static final double EPS = Resources.EPSILON;

  private final double[][] free;
  private final boolean[] schedulable;
  private final HostCapacityTree tree;
  private final double[] scratch = new double[DIMS];

  HostLedger(List<Host> hosts) {
    int n = hosts.size();
    free = new double[DIMS][n];
    schedulable = new boolean[n];
    tree = new HostCapacityTree(n, DIMS);
    for (int h = 0; h < n; h++) {
      Host host = hosts.get(h);
      Resources c = host.capacity();
      free[CPU][h] = c.cpu();
      free[MEM][h] = c.memMb();
      free[DISK][h] = c.diskMb();
      free[GPU][h] = c.gpu();
      free[PORTS][h] = host.ports();
      free[REVOCABLE_CPU][h] = host.revocableCpu();
      schedulable[h] = host.schedulable();
    }
  }

  /** The request vector of a task: revocable tasks draw cpu from revocable (slack) cpu. */
  static double[] need(Resources r, int ports, boolean revocable) {
    double[] v = new double[DIMS];
    v[revocable ? REVOCABLE_CPU : CPU] = r.cpu();
    v[MEM] = r.memMb();
    v[DISK] = r.diskMb();
    v[GPU] = r.gpu();
    v[PORTS] = ports;
    return v;
  }

  static double[] need(PendingTask t) {
    return need(t.resources(), t.ports(), t.revocable());
  }

  /** Charges a task bound before this cycle; call {@link #publish()} once all are charged. */
  void chargeExisting(int host, BoundTask t) {
    double[] v = need(t.resources(), t.ports(), t.revocable());
    for (int d = 0; d < DIMS; d++) {
      free[d][host] -= v[d];
    }
  }

  /** Loads every host into the tree. */
  void publish() {
    for (int h = 0; h < schedulable.length; h++) {
      for (int d = 0; d < DIMS; d++) {
        tree.setLeaf(h, d, schedulable[h] ? free[d][h] : Double.NEGATIVE_INFINITY);
      }
    }
    tree.rebuild();
  }

  /** Adds ({@code sign=1}) or returns ({@code sign=-1}) a request on a host. */
  void charge(int host, double[] need, int sign) {
    for (int d = 0; d < DIMS; d++) {
      free[d][host] -= sign * need[d];
      scratch[d] = schedulable[host] ? free[d][host] : Double.NEGATIVE_INFINITY;
    }
    tree.update(host, scratch);
  }

  boolean fits(int host, double[] need) {
    for (int d = 0; d < DIMS; d++) {
      if (need[d] > 0 && free[d][host] < need[d] - EPS) {
        return false;
      }
    }
    return true;
  }

  /** The first dimension in which the host is short, or -1. */
  int shortDimension(int host, double[] need) {
    for (int d = 0; d < DIMS; d++) {
      if (need[d] > 0 && free[d][host] < need[d] - EPS) {
        return d;
      }
    }
    return -1;
  }

  int findFirst(int from, double[] need, java.util.function.IntPredicate accept) {
    return tree.findFirst(from, need, accept);
  }
}
