package io.peloton.scheduler.admission;

import io.peloton.scheduler.entitlement.Entitlements;
import io.peloton.scheduler.entitlement.PoolEntitlement;
import io.peloton.scheduler.entitlement.PoolTree;
import io.peloton.scheduler.entitlement.PoolUsage;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Peloton's admission per leaf pool (peloton.md §4.1): gangs in priority-FIFO order, each admitted
 * whole only if the entitlement, controller-limit and reservation admitters all pass. A gang that
 * does not fit is overtaken by the gangs behind it that do, within its {@link OvertakeWindow};
 * once that has passed it blocks: a preemptible gang stops the whole pool (Peloton's head-of-line
 * blocking), a non-preemptible, controller or revocable gang only later gangs of its own kind,
 * mirroring Peloton's side queues.
 */
public final class GangAdmitter {
  /** Priority first (higher first), then enqueue order. */
  public static final Comparator<Gang> PRIORITY_FIFO =
      Comparator.comparingInt(Gang::priority).reversed().thenComparingLong(Gang::sequence).thenComparing(Gang::id);

  private enum Queue { NON_PREEMPTIBLE, CONTROLLER, REVOCABLE, PENDING }

  private final boolean preemptionEnabled;
  private final OvertakeWindow window;

  /**
   * @param preemptionEnabled when true, non-preemptible work is confined to the pool's reservation
   * @param window how long a gang waiting for capacity may be overtaken
   */
  public GangAdmitter(boolean preemptionEnabled, OvertakeWindow window) {
    this.preemptionEnabled = preemptionEnabled;
    this.window = window;
  }

  /**
   * Admits gangs of one leaf pool (sorting {@code gangs} in place), charging admitted gangs to
   * {@code usage} so the caller sees the allocation they will hold. Gangs in {@code unfit} (by id:
   * admitted before, but no host could take them) are treated as not fitting, with that reason.
   */
  public void admitPool(PoolTree tree, int node, Entitlements entitlements, PoolUsage usage,
      List<Gang> gangs, Map<String, String> unfit, List<Gang> admittedOut,
      List<AdmissionOutcome.HeldBack> heldBackOut) {
    List<Gang> ordered = gangs;
    ordered.sort(PRIORITY_FIFO);
    PoolSpec spec = tree.spec(node);
    PoolEntitlement ent = entitlements.of(node);
    String path = tree.path(node);
    EnumSet<Queue> blocked = EnumSet.noneOf(Queue.class);
    String[] blockedReason = new String[Queue.values().length];
    String poolFullReason = null;
    for (Gang gang : ordered) {
      Queue queue = queueOf(gang);
      if (poolFullReason != null) {
        heldBackOut.add(new AdmissionOutcome.HeldBack(gang, gang.describePrefix() + poolFullReason));
        continue;
      }
      if (blocked.contains(queue)) {
        heldBackOut.add(new AdmissionOutcome.HeldBack(gang, gang.describePrefix() + blockedReason[queue.ordinal()]));
        continue;
      }
      String rejection = unfit.containsKey(gang.id()) ? unfit.get(gang.id())
          : tryAdmit(path, spec, ent, usage, gang);
      if (rejection == null) {
        for (var t : gang.tasks()) {
          usage.addAdmitted(t);
        }
        admittedOut.add(gang);
        continue;
      }
      heldBackOut.add(new AdmissionOutcome.HeldBack(gang, unfit.containsKey(gang.id()) ? rejection
          : gang.describePrefix() + rejection));
      if (window.mayOvertake(gang)) {
        continue; // the gangs behind may use what it cannot
      }
      String behind = "queued behind " + (gang.tasks().size() > 1 ? "gang " : "task ") + gang.id()
          + (window.window().isZero() ? "" : ", which has waited over "
              + window.window().toSeconds() + "s") + " (" + rejection + ")";
      if (queue == Queue.PENDING) {
        poolFullReason = behind;
      } else {
        blocked.add(queue);
        blockedReason[queue.ordinal()] = behind;
      }
    }
  }

  private Queue queueOf(Gang g) {
    if (g.revocable()) {
      return Queue.REVOCABLE;
    }
    if (preemptionEnabled && !g.preemptible()) {
      return Queue.NON_PREEMPTIBLE;
    }
    if (g.controller()) {
      return Queue.CONTROLLER;
    }
    return Queue.PENDING;
  }

  /** Runs the three admitters; null when the gang is admitted, else the reason. */
  private String tryAdmit(String path, PoolSpec spec, PoolEntitlement ent, PoolUsage usage, Gang gang) {
    Resources request = gang.total();
    if (fastAdmit(spec, ent, usage, gang)) {
      return null;
    }
    if (gang.revocable()) {
      Resources used = Resources.fromArray(usage.slackAllocated);
      List<ResourceKind> over = Resources.exceeded(used, request, ent.slackEntitlement());
      if (!over.isEmpty()) {
        return "pool " + path + " at slack (revocable) entitlement: " + describe(over, used, request,
            ent.slackEntitlement());
      }
      return null;
    }
    Resources used = Resources.fromArray(usage.nonSlackAllocated);
    List<ResourceKind> over = Resources.exceeded(used, request, ent.nonSlackEntitlement());
    if (!over.isEmpty()) {
      return "pool " + path + " at entitlement: " + describe(over, used, request, ent.nonSlackEntitlement());
    }
    if (gang.controller() && spec.controllerLimitPercent() != null) {
      Resources limit = spec.reservation().times(spec.controllerLimitPercent() / 100.0);
      Resources ctl = Resources.fromArray(usage.controllerAllocated);
      List<ResourceKind> ctlOver = Resources.exceeded(ctl, request, limit);
      if (!ctlOver.isEmpty()) {
        return "pool " + path + " controller limit (" + Resources.format(spec.controllerLimitPercent())
            + "% of reservation) reached: " + describe(ctlOver, ctl, request, limit);
      }
    }
    if (preemptionEnabled && !gang.preemptible()) {
      Resources np = Resources.fromArray(usage.nonPreemptibleAllocated);
      List<ResourceKind> npOver = Resources.exceeded(np, request, spec.reservation());
      if (!npOver.isEmpty()) {
        return "pool " + path + " reservation full for non-preemptible work: "
            + describe(npOver, np, request, spec.reservation());
      }
    }
    return null;
  }

  /** The common case without allocating: every admitter passes. */
  private boolean fastAdmit(PoolSpec spec, PoolEntitlement ent, PoolUsage usage, Gang gang) {
    double[] req = {gang.total().cpu(), gang.total().gpu(), gang.total().memMb(), gang.total().diskMb()};
    if (gang.revocable()) {
      return within(usage.slackAllocated, req, ent.slackEntitlement(), 1);
    }
    if (!within(usage.nonSlackAllocated, req, ent.nonSlackEntitlement(), 1)) {
      return false;
    }
    if (gang.controller() && spec.controllerLimitPercent() != null
        && !within(usage.controllerAllocated, req, spec.reservation(), spec.controllerLimitPercent() / 100.0)) {
      return false;
    }
    return !(preemptionEnabled && !gang.preemptible())
        || within(usage.nonPreemptibleAllocated, req, spec.reservation(), 1);
  }

  private static boolean within(double[] used, double[] req, Resources bound, double factor) {
    return used[0] + req[0] <= bound.cpu() * factor + Resources.EPSILON
        && used[1] + req[1] <= bound.gpu() * factor + Resources.EPSILON
        && used[2] + req[2] <= bound.memMb() * factor + Resources.EPSILON
        && used[3] + req[3] <= bound.diskMb() * factor + Resources.EPSILON;
  }

  /** "cpu 12/12 (needs 2 more)" per exceeded kind. */
  static String describe(List<ResourceKind> kinds, Resources used, Resources request, Resources bound) {
    StringBuilder sb = new StringBuilder();
    for (ResourceKind k : kinds) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(k.label()).append(' ').append(Resources.format(used.get(k))).append('/')
          .append(Resources.format(bound.get(k))).append(" (needs ").append(Resources.format(request.get(k)))
          .append(" more)");
    }
    return sb.toString();
  }
}
