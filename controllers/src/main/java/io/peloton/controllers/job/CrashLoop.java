package io.peloton.controllers.job;

import io.peloton.api.job.JobConditions;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.TaskStatus;
import io.peloton.api.time.Rfc3339;
import io.peloton.controllers.status.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;

/**
 * How a Job shows instances that keep failing and wait out a restart backoff: its
 * {@code Ready=False/CrashLoopBackOff} condition, and when a backoff is new (one Event per
 * backoff, not per reconcile).
 */
final class CrashLoop {
  private CrashLoop() {}

  /**
   * The Job's Ready condition while some of its instances are throttled.
   *
   * @param restartsAt throttled instance to when its restart is due
   */
  static Condition notReady(int running, int total, Map<Integer, Instant> restartsAt,
      Long generation) {
    Map.Entry<Integer, Instant> next = null;
    for (Map.Entry<Integer, Instant> e : restartsAt.entrySet()) {
      if (next == null || e.getValue().isBefore(next.getValue())) {
        next = e;
      }
    }
    String which = restartsAt.size() == 1
        ? "instance " + next.getKey() + " keeps failing and waits"
        : "instances " + JobController.describe(new ArrayList<>(restartsAt.keySet()))
            + " keep failing and wait";
    return Conditions.of(JobConditions.READY, false, JobConditions.CRASH_LOOP_BACK_OFF,
        running + " of " + total + " instance(s) running; " + which + " out a restart backoff;"
            + " next restart (instance " + next.getKey() + ") at "
            + Rfc3339.format(next.getValue().truncatedTo(ChronoUnit.SECONDS)), generation);
  }

  /**
   * True when the Task does not yet show a backoff for its current run: the throttle that
   * {@code run} is about to get starts a new backoff.
   */
  static boolean isNewBackoff(TaskStatus st, int run) {
    Condition c = st == null ? null : Conditions.find(st.conditions(), JobConditions.THROTTLED);
    return c == null || !Condition.TRUE.equals(c.status()) || c.message() == null
        || !c.message().startsWith("run " + run + " ");
  }
}
