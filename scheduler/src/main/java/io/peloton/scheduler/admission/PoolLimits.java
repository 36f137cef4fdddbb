package io.peloton.scheduler.admission;

import io.peloton.scheduler.entitlement.PoolTree;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;

/**
 * Why a gang can never be admitted to its pool whatever the pool's load: it asks for more than
 * the pool's limit, or, when preemption is on, a non-preemptible gang asks for
 * more than the reservation, or a controller gang for more than its controller limit. Such a gang
 * must not wait in the queue: it would hold up every gang behind it for ever.
 */
public final class PoolLimits {
  private final boolean preemptionEnabled;

  public PoolLimits(boolean preemptionEnabled) {
    this.preemptionEnabled = preemptionEnabled;
  }

  /** Null when the gang could be admitted to an idle pool, else why never. */
  public String whyNever(PoolTree tree, int node, Gang gang) {
    Resources need = gang.total();
    PoolSpec own = tree.spec(node);
    String beyond = over(need, own.limit());
    if (beyond != null) {
      return "beyond the limit of pool " + tree.path(node) + ": " + beyond;
    }
    if (gang.revocable()) {
      return null; // revocable work uses slack, bounded by the hosts rather than the pool
    }
    if (preemptionEnabled && !gang.preemptible()) {
      String over = over(need, own.reservation());
      if (over != null) {
        return "non-preemptible work must fit the reservation of pool " + tree.path(node) + ": "
            + over;
      }
    }
    if (gang.controller() && own.controllerLimitPercent() != null) {
      String over = over(need, own.reservation().times(own.controllerLimitPercent() / 100.0));
      if (over != null) {
        return "controller limit of pool " + tree.path(node) + " ("
            + Resources.format(own.controllerLimitPercent()) + "% of reservation): " + over;
      }
    }
    return null;
  }

  /** "gpu 1 > 0, cpu 20 > 12" for every kind where {@code need} exceeds {@code bound}. */
  private static String over(Resources need, Resources bound) {
    if (need.fitsIn(bound)) {
      return null; // the common case, without allocating: it runs for every pending gang
    }
    StringBuilder sb = new StringBuilder();
    for (ResourceKind k : ResourceKind.values()) {
      if (need.get(k) > bound.get(k) + Resources.EPSILON) {
        sb.append(sb.length() == 0 ? "" : ", ").append("needs ").append(k.label()).append(' ')
            .append(Resources.format(need.get(k))).append(" > ")
            .append(Resources.format(bound.get(k)));
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
