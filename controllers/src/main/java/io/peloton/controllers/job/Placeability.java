package io.peloton.controllers.job;

import io.peloton.api.job.Job;
import io.peloton.api.job.JobConditions;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskConditions;
import io.peloton.api.task.TaskState;
import io.peloton.controllers.events.EventRecorder;
import io.peloton.controllers.status.Conditions;
import java.util.Collection;
import java.util.List;

/**
 * Lifts the scheduler's "can never be placed" verdicts on a Job's Tasks onto the Job: one
 * {@code Placeable} condition and one Event per job (not per task) when it turns False.
 */
final class Placeability {
  private Placeability() {}

  /** The Job's {@code Placeable} condition given its current Tasks. */
  static Condition of(Collection<Task> tasks, Long generation) {
    int never = 0;
    Task first = null;
    for (Task t : tasks) {
      Condition c = t.status() == null ? null
          : Conditions.find(t.status().conditions(), TaskConditions.SCHEDULED);
      if (c != null && Condition.FALSE.equals(c.status())
          && TaskConditions.NEVER_FITS.equals(c.reason())) {
        never++;
        first = first == null ? t : first;
      }
    }
    if (first == null) {
      return Conditions.of(JobConditions.PLACEABLE, true, "Placeable",
          "no instance is known to be unplaceable", generation);
    }
    String why = Conditions.find(first.status().conditions(), TaskConditions.SCHEDULED).message();
    if (why != null && why.startsWith(TaskConditions.NEVER_FITS_MESSAGE)) {
      why = why.substring(TaskConditions.NEVER_FITS_MESSAGE.length());
    }
    return Conditions.of(JobConditions.PLACEABLE, false, TaskConditions.NEVER_FITS,
        TaskConditions.NEVER_FITS_MESSAGE + never + " of " + tasks.size() + " instance(s), e.g. "
            + first.metadata().name() + ": " + why, generation);
  }

  /**
   * The Job's {@code Scheduled} condition: False while instances that want to run wait for a
   * host (behind their pool's entitlement, say), with the scheduler's reason for one of them, so
   * that a PENDING job says what it waits for. Instances that can never be placed are
   * {@code Placeable}'s; those the scheduler has not looked at yet are not counted.
   */
  static Condition scheduled(Collection<Task> tasks, Long generation) {
    int waiting = 0;
    Task first = null;
    Condition why = null;
    for (Task t : tasks) {
      TaskState goal = t.spec() == null ? null : t.spec().goalState();
      if (goal != TaskState.RUNNING && goal != TaskState.SUCCEEDED || t.spec().host() != null) {
        continue;
      }
      Condition c = t.status() == null ? null
          : Conditions.find(t.status().conditions(), TaskConditions.SCHEDULED);
      if (c != null && Condition.FALSE.equals(c.status())
          && !TaskConditions.NEVER_FITS.equals(c.reason())) {
        waiting++;
        if (first == null) {
          first = t;
          why = c;
        }
      }
    }
    if (first == null) {
      return Conditions.of(JobConditions.SCHEDULED, true, JobConditions.NONE_WAITING,
          "no instance waits for a host", generation);
    }
    return Conditions.of(JobConditions.SCHEDULED, false, why.reason(), waiting
        + " instance(s) wait for a host, e.g. " + first.metadata().name() + ": " + why.message(),
        generation);
  }

  /** A Warning Event when the condition has just turned False (or changed its message). */
  static void announce(Job job, List<Condition> before, List<Condition> after,
      EventRecorder events) {
    Condition now = Conditions.find(after, JobConditions.PLACEABLE);
    if (now == null || Condition.TRUE.equals(now.status())) {
      return;
    }
    Condition was = Conditions.find(before, JobConditions.PLACEABLE);
    if (was == null || !now.status().equals(was.status())) {
      events.warning(job, TaskConditions.NEVER_FITS, now.message());
    }
  }
}
