package io.peloton.scheduler.admission;

import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.Resources;
import java.util.List;

/**
 * Tasks admitted and placed as one unit; a task without a gang is a gang of one. Priority, sequence
 * and flags come from the first task (Peloton forbids mixed gangs).
 */
public record Gang(String id, String pool, List<PendingTask> tasks, Resources total) {
  public Gang {
    tasks = List.copyOf(tasks);
  }

  public static Gang of(String id, String pool, List<PendingTask> tasks) {
    Resources sum = Resources.ZERO;
    for (PendingTask t : tasks) {
      sum = sum.plus(t.resources());
    }
    return new Gang(id, pool, tasks, sum);
  }

  public PendingTask head() {
    return tasks.get(0);
  }

  public int priority() {
    return head().priority();
  }

  public long sequence() {
    return head().sequence();
  }

  public boolean preemptible() {
    return head().preemptible();
  }

  public boolean revocable() {
    return head().revocable();
  }

  public boolean controller() {
    return head().controller();
  }

  /** "gang g1 (4 tasks): " for real gangs, "" for single tasks; prefixes explanations. */
  public String describePrefix() {
    return tasks.size() > 1 ? "gang " + id + " (" + tasks.size() + " tasks): " : "";
  }
}
