package io.peloton.controllers.job;

import io.peloton.api.job.Job;
import io.peloton.api.job.JobConditions;
import io.peloton.api.job.JobSpec;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.job.JobState;
import io.peloton.api.job.JobStatus;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.api.time.Rfc3339;
import io.peloton.controllers.status.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Computes a Job's status from its Tasks: state (Peloton's rules), goal, taskStats, times and
 * conditions ({@code PoolReady}, {@code Succeeded} or {@code Ready}, {@code Placeable},
 * {@code Scheduled}, {@code Throttled}).
 */
final class JobStatusBuilder {
  private final Job job;
  private final JobSpec spec;
  private final JobType type;
  private final boolean stopping;
  private final Predicate<Task> isFinal;
  private final Instant now;

  JobStatusBuilder(Job job, boolean stopping, Predicate<Task> isFinal, Instant now) {
    this.job = job;
    this.spec = job.spec();
    this.type = spec.type() == null ? JobType.BATCH : spec.type();
    this.stopping = stopping;
    this.isFinal = isFinal;
    this.now = now;
  }

  /**
   * @param total instances the job should have
   * @param current its Tasks by instance
   * @param throttled instances waiting out a restart backoff, to when their restart is due
   * @param poolProblem "Reason:message" when the pool cannot take the job, else null
   */
  JobStatus build(int total, Map<Integer, Task> current, Map<Integer, Instant> throttled,
      String poolProblem) {
    Map<TaskState, Integer> stats = new EnumMap<>(TaskState.class);
    Map<TaskState, Integer> forState = new EnumMap<>(TaskState.class);
    int running = 0;
    TaskState controllerState = null;
    JobStatus old = job.status();
    boolean started = old != null && old.startTime() != null || !throttled.isEmpty();
    for (Map.Entry<Integer, Task> e : current.entrySet()) {
      Task t = e.getValue();
      started |= t.status() != null
          && (t.status().startTime() != null || t.status().completionTime() != null);
      TaskState shown = new TaskRun(t).countedState();
      stats.merge(shown, 1, Integer::sum);
      TaskState judged = shown.isTerminal() && !isFinal.test(t) && !stopping
          && !new TaskRun(t).goalIs(TaskState.KILLED) ? TaskState.PENDING : shown;
      forState.merge(judged, 1, Integer::sum);
      if (shown == TaskState.RUNNING) {
        running++;
      }
      if (e.getKey() == 0 && t.spec().config() != null && t.spec().config().isController()) {
        controllerState = judged;
      }
    }
    int uncreated = Math.max(0, total - current.size());
    if (uncreated > 0) {
      stats.merge(TaskState.INITIALIZED, uncreated, Integer::sum);
      forState.merge(stopping ? TaskState.KILLED : TaskState.INITIALIZED, uncreated,
          Integer::sum);
    }
    JobState state = JobStateCalculator.derive(forState, total, stopping, controllerState);
    if (state == JobState.PENDING && started && type != JobType.BATCH) {
      // instances that ran and are being restarted (or wait out a backoff) are not a job
      // waiting for its first placement: PENDING said so for as long as a crash loop lasted
      state = JobState.RUNNING;
    }
    JobState goal = stopping ? JobState.KILLED
        : type == JobType.BATCH ? JobState.SUCCEEDED : JobState.RUNNING;
    Long gen = job.metadata().generation();
    List<Condition> wanted = new ArrayList<>();
    if (poolProblem != null) {
      int colon = poolProblem.indexOf(':');
      wanted.add(Conditions.of("PoolReady", false, poolProblem.substring(0, colon),
          poolProblem.substring(colon + 1), gen));
    } else {
      wanted.add(Conditions.of("PoolReady", true, "PoolFound", "pool " + spec.respool()
          + " is a leaf pool", gen));
    }
    if (type == JobType.BATCH) {
      wanted.add(switch (state) {
        case SUCCEEDED -> Conditions.of("Succeeded", true, "AllSucceeded",
            "every instance succeeded", gen);
        case FAILED -> Conditions.of("Succeeded", false, "Failed", count(stats, TaskState.FAILED)
            + count(stats, TaskState.LOST) + " instance(s) failed", gen);
        case KILLED -> Conditions.of("Succeeded", false, "Killed", "the job was killed", gen);
        default -> Conditions.unknown("Succeeded", "Running", count(stats, TaskState.SUCCEEDED)
            + " of " + total + " instance(s) succeeded", gen);
      });
    } else {
      wanted.add(!throttled.isEmpty() && running < total
          ? CrashLoop.notReady(running, total, throttled, gen)
          : Conditions.of(JobConditions.READY, total > 0 && running == total,
              running == total ? JobConditions.ALL_RUNNING : JobConditions.INSTANCES_NOT_RUNNING,
              running + " of " + total + " instance(s) running", gen));
    }
    wanted.add(Placeability.of(current.values(), gen));
    wanted.add(Placeability.scheduled(current.values(), gen));
    if (!throttled.isEmpty()) {
      wanted.add(Conditions.of(JobConditions.THROTTLED, true, JobConditions.RESTART_BACKOFF,
          "instance(s) " + JobController.describe(new ArrayList<>(throttled.keySet()))
              + " wait out a restart backoff after failing", gen));
    }
    List<Condition> conditions = Conditions.merge(old == null ? null : old.conditions(), wanted);
    String nowText = Rfc3339.format(now.truncatedTo(ChronoUnit.SECONDS));
    String start = old != null && old.startTime() != null ? old.startTime()
        : running > 0 || started || state.isTerminal() ? nowText : null;
    String completion = state.isTerminal()
        ? (old != null && old.completionTime() != null ? old.completionTime() : nowText) : null;
    // empty collections are left out on the wire: compare like with like
    return new JobStatus(state, goal, stats.isEmpty() ? null : stats,
        old == null ? null : old.update(), job.metadata().creationTimestamp(), start, completion,
        conditions, gen);
  }

  private static int count(Map<TaskState, Integer> stats, TaskState s) {
    return stats.getOrDefault(s, 0);
  }
}
