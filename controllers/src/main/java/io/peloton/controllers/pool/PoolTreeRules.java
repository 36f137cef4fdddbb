package io.peloton.controllers.pool;

import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolSpec.PoolResource;
import io.peloton.api.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Peloton's cross-object pool checks (parent exists, no cycle, children's reservations fit in
 * the parent's, limits within the parent's, jobs only in leaf pools); each problem a reason
 * and a sentence.
 */
public final class PoolTreeRules {
  private PoolTreeRules() {}

  /** One broken rule: a CamelCase reason and a message a person can act on. */
  public record Problem(String reason, String message) {}

  /**
   * @param jobsInPool names ({@code ns/name}) of jobs whose spec.respool is this pool's path
   */
  public static List<Problem> check(PoolTree tree, ResourcePool pool, List<String> jobsInPool) {
    List<Problem> out = new ArrayList<>();
    String name = pool.metadata().name();
    String parentPath = PoolTree.parentOf(pool);
    if (tree.inCycle(pool)) {
      out.add(new Problem("ParentCycle", "the parents of pool '" + name
          + "' lead back to it: pools must form a tree"));
      return out;
    }
    ResourcePool parent = "/".equals(parentPath) ? null : tree.byPath(parentPath);
    if (!"/".equals(parentPath) && parent == null) {
      out.add(new Problem("ParentNotFound", "spec.parent '" + parentPath
          + "' is not an existing pool"));
      return out;
    }
    String path = tree.pathOf(pool);
    if (parent != null) {
      for (ResourceKind kind : ResourceKind.values()) {
        PoolResource mine = pool.spec().resource(kind);
        PoolResource theirs = parent.spec() == null ? null : parent.spec().resource(kind);
        double parentReservation = theirs == null || theirs.reservation() == null ? 0
            : theirs.reservation();
        double parentLimit = theirs == null || theirs.limit() == null ? 0 : theirs.limit();
        if (mine != null && mine.limit() != null && mine.limit() > parentLimit) {
          out.add(new Problem("LimitExceedsParent", kindName(kind) + " limit " + mine.limit()
              + " is above the parent " + parentPath + "'s limit " + parentLimit));
        }
        double siblings = 0;
        for (ResourcePool sibling : tree.childrenOf(parentPath)) {
          PoolResource r = sibling.spec() == null ? null : sibling.spec().resource(kind);
          siblings += r == null || r.reservation() == null ? 0 : r.reservation();
        }
        if (siblings > parentReservation + 1e-9) {
          out.add(new Problem("ReservationExceedsParent", "the " + kindName(kind)
              + " reservations of the children of " + parentPath + " add up to " + siblings
              + ", more than its reservation " + parentReservation));
        }
      }
    }
    if (path != null && !jobsInPool.isEmpty() && !tree.childrenOf(path).isEmpty()) {
      out.add(new Problem("JobsInNonLeafPool", "jobs " + jobsInPool + " run in " + path
          + ", which has child pools; jobs may only run in leaf pools"));
    }
    return out;
  }

  private static String kindName(ResourceKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
