package io.peloton.scheduler.adapter;

import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;

/** Where a Task's current run stands, from the scheduler's point of view (the lifecycle contract). */
public enum RunPhase {
  /** Waiting for a host: no {@code spec.host}, goal RUNNING/SUCCEEDED, current run not ended. */
  PENDING,
  /** Bound to a host, run not launched (or not yet reported) — holds resources there. */
  BOUND,
  /** Bound and launched in Mesos, not terminal — holds resources there. */
  RUNNING,
  /** Holds nothing and asks for nothing: ended, stopped, or unbound with a kill goal. */
  IDLE;

  /** Classifies a Task; a Task without a spec is IDLE. */
  public static RunPhase of(Task task) {
    TaskSpec spec = task.spec();
    if (spec == null) {
      return IDLE;
    }
    TaskStatus status = task.status();
    boolean sameRun = status != null && status.runId() != null
        && status.runId().equals(spec.runId() == null ? 0 : spec.runId());
    TaskState state = status == null ? null : status.state();
    boolean ended = sameRun && state != null && state.isTerminal();
    boolean hasHost = spec.host() != null && !spec.host().isEmpty();
    if (!hasHost) {
      TaskState goal = spec.goalState();
      boolean wantsToRun = goal == TaskState.RUNNING || goal == TaskState.SUCCEEDED;
      return wantsToRun && !ended ? PENDING : IDLE;
    }
    if (ended) {
      return IDLE;
    }
    boolean launched = sameRun && state != null && state != TaskState.PENDING && state != TaskState.PLACED
        && state != TaskState.INITIALIZED && state != TaskState.UNKNOWN;
    return launched ? RUNNING : BOUND;
  }

  /** Whether the task holds resources on its host. */
  public boolean holdsResources() {
    return this == BOUND || this == RUNNING;
  }
}
