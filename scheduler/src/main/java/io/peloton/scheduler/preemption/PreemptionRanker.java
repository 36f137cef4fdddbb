package io.peloton.scheduler.preemption;

import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Peloton's victim order (peloton.md §4.3): not-yet-running before running, then lowest priority,
 * then newest first; non-preemptible tasks are never candidates. Victims are taken greedily while
 * they reduce some dimension still to be freed.
 */
public final class PreemptionRanker {
  /** The order in which candidates are considered. */
  public static final Comparator<BoundTask> ORDER = Comparator.comparing(BoundTask::running)
      .thenComparingInt(BoundTask::priority)
      .thenComparing(Comparator.comparingLong(BoundTask::startedSequence).reversed())
      .thenComparing(BoundTask::id);

  /** Picks victims among {@code candidates} that together free at least {@code toFree}. */
  public List<BoundTask> select(List<BoundTask> candidates, Resources toFree) {
    List<BoundTask> ranked = new ArrayList<>();
    for (BoundTask t : candidates) {
      if (t.preemptible()) {
        ranked.add(t);
      }
    }
    ranked.sort(ORDER);
    double[] need = toFree.toArray();
    List<BoundTask> victims = new ArrayList<>();
    for (BoundTask t : ranked) {
      if (allCovered(need)) {
        break;
      }
      double[] r = t.resources().toArray();
      boolean helps = false;
      for (int k = 0; k < need.length; k++) {
        if (need[k] > Resources.EPSILON && r[k] > Resources.EPSILON) {
          helps = true;
          break;
        }
      }
      if (helps) {
        victims.add(t);
        for (int k = 0; k < need.length; k++) {
          need[k] -= r[k];
        }
      }
    }
    return victims;
  }

  private static boolean allCovered(double[] need) {
    for (int k = 0; k < ResourceKind.values().length; k++) {
      if (need[k] > Resources.EPSILON) {
        return false;
      }
    }
    return true;
  }
}
