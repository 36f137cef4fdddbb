package io.peloton.controllers;

import io.peloton.api.job.JobAnnotations;
import io.peloton.api.task.TaskLabels;

/** Label, annotation and finalizer keys the controllers share with the other components. */
public final class WellKnownKeys {
  private WellKnownKeys() {}

  /** Label on a Task: the name of its Job. */
  public static final String JOB_LABEL = "peloton.io/job";
  /** Label on a Task: its instance index. */
  public static final String INSTANCE_LABEL = "peloton.io/instance";
  /** Label on a DAEMON job's Task: the host it belongs to. */
  public static final String DAEMON_HOST_LABEL = TaskLabels.DAEMON_HOST;
  /** Job annotation asking for every instance to stop ({@code KILLED}) or run again. */
  public static final String GOAL_STATE_ANNOTATION = JobAnnotations.GOAL_STATE;
  /** Job annotation: changing its value restarts every running instance once. */
  public static final String RESTART_ANNOTATION = JobAnnotations.RESTART;
  /** Task annotation: the restart request value this Task has already honoured. */
  public static final String RESTARTED_FOR_ANNOTATION = "peloton.io/restarted-for";
  /** Task annotation written by the scheduler when it preempts the task. */
  public static final String PREEMPTED_ANNOTATION = "peloton.io/preempted";
  /** Task annotation: why the job controller killed the task (a TerminationStatus reason). */
  public static final String KILL_REASON_ANNOTATION = "peloton.io/kill-reason";
  /** Task finalizer: a run may be active in Mesos. */
  public static final String MESOS_TASK_FINALIZER = "peloton.io/mesos-task";
  /** Job finalizer: the Job still has Tasks. */
  public static final String TASKS_FINALIZER = "peloton.io/tasks";
  /** ResourcePool finalizer: jobs or child pools still use the pool. */
  public static final String POOL_IN_USE_FINALIZER = "peloton.io/pool-in-use";
}
