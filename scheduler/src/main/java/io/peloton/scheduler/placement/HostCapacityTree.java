package io.peloton.scheduler.placement;

import java.util.function.IntPredicate;

/**
 * A max segment tree over host indices, one layer per resource dimension. It answers "first host at
 * or after index i whose free resources may cover this request" in O(log n) amortised, so placement
 * never scans full hosts: whole ranges whose best host is too small are skipped at once.
 */
final class HostCapacityTree {
  private static final double EPS = 1e-6;
  private final int size;
  private final int dims;
  private final double[][] max;

  HostCapacityTree(int hosts, int dims) {
    int s = 1;
    while (s < Math.max(1, hosts)) {
      s <<= 1;
    }
    this.size = s;
    this.dims = dims;
    this.max = new double[dims][2 * s];
    for (int d = 0; d < dims; d++) {
      java.util.Arrays.fill(max[d], Double.NEGATIVE_INFINITY);
    }
  }

  /** Sets a leaf without updating ancestors; call {@link #rebuild()} after a batch of these. */
  void setLeaf(int host, int dim, double value) {
    max[dim][size + host] = value;
  }

  void rebuild() {
    for (int d = 0; d < dims; d++) {
      double[] m = max[d];
      for (int i = size - 1; i >= 1; i--) {
        m[i] = Math.max(m[2 * i], m[2 * i + 1]);
      }
    }
  }

  /** Sets a host's free values and repairs the path to the root. */
  void update(int host, double[] values) {
    int leaf = size + host;
    for (int d = 0; d < dims; d++) {
      double[] m = max[d];
      m[leaf] = values[d];
      for (int i = leaf >> 1; i >= 1; i >>= 1) {
        double v = Math.max(m[2 * i], m[2 * i + 1]);
        if (m[i] == v) {
          break; // ancestors already hold the right maximum
        }
        m[i] = v;
      }
    }
  }

  /** First host index >= from whose leaf covers {@code need} and that {@code accept} takes; -1 if none. */
  int findFirst(int from, double[] need, IntPredicate accept) {
    if (from >= size) {
      return -1;
    }
    return find(1, 0, size - 1, Math.max(0, from), need, accept);
  }

  private int find(int node, int lo, int hi, int from, double[] need, IntPredicate accept) {
    if (hi < from || !covers(node, need)) {
      return -1;
    }
    if (lo == hi) {
      return accept.test(lo) ? lo : -1;
    }
    int mid = (lo + hi) >>> 1;
    int r = find(2 * node, lo, mid, from, need, accept);
    if (r >= 0) {
      return r;
    }
    return find(2 * node + 1, mid + 1, hi, from, need, accept);
  }

  private boolean covers(int node, double[] need) {
    for (int d = 0; d < dims; d++) {
      if (max[d][node] < need[d] - EPS) {
        return false;
      }
    }
    return true;
  }
}
