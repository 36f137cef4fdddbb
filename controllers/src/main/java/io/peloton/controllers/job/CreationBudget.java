package io.peloton.controllers.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Which missing instances of a batch job may get Tasks now: within maximumRunningInstances, a
 * gang of minimumRunningInstances (instances 0..n-1) whole or not at all, lowest instances first.
 */
public final class CreationBudget {
  private CreationBudget() {}

  /**
   * @param missing instances without a Task, ascending
   * @param live Tasks that are not finished for good
   * @param maxRunning the cap, or null/0 for none
   * @param gang the gang size, or null/0 for none
   */
  public static List<Integer> choose(List<Integer> missing, long live, Integer maxRunning,
      Integer gang) {
    if (maxRunning == null || maxRunning <= 0) {
      return List.copyOf(missing);
    }
    int budget = (int) Math.max(0, maxRunning - live);
    int gangSize = gang == null ? 0 : gang;
    List<Integer> out = new ArrayList<>();
    List<Integer> gangMissing = missing.stream().filter(i -> i < gangSize).toList();
    if (!gangMissing.isEmpty()) {
      if (gangMissing.size() > budget) {
        return List.of();
      }
      out.addAll(gangMissing);
      budget -= gangMissing.size();
    }
    for (Integer i : missing) {
      if (budget == 0) {
        break;
      }
      if (i >= gangSize) {
        out.add(i);
        budget--;
      }
    }
    return out;
  }
}
