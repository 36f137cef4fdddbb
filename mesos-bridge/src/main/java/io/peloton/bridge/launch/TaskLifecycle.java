package io.peloton.bridge.launch;

import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;

/** The task-lifecycle contract's rules for what the bridge must do with a Task. */
public final class TaskLifecycle {
  private TaskLifecycle() {}

  static boolean goalRuns(TaskSpec spec) {
    return spec != null && (spec.goalState() == TaskState.RUNNING
        || spec.goalState() == TaskState.SUCCEEDED);
  }

  static int specRun(Task t) {
    return t.spec().runId() == null ? 1 : t.spec().runId();
  }

  /** A state before the bridge launched anything for the run. */
  static boolean notLaunched(TaskState s) {
    return s == null || s == TaskState.PENDING || s == TaskState.PLACED
        || s == TaskState.INITIALIZED || s == TaskState.READY || s == TaskState.PLACING
        || s == TaskState.UNKNOWN;
  }

  /** "To launch": bound, goal RUNNING/SUCCEEDED, and run spec.runId not launched yet. */
  public static boolean isToLaunch(Task t) {
    TaskSpec spec = t.spec();
    if (!goalRuns(spec) || spec.host() == null || spec.host().isEmpty()
        || t.metadata().deletionTimestamp() != null) {
      return false;
    }
    TaskStatus st = t.status();
    return st == null || st.runId() == null || st.runId() != specRun(t) || notLaunched(st.state());
  }

  /** "Pending": unbound, goal RUNNING/SUCCEEDED, and the current run has not ended. */
  public static boolean isPending(Task t) {
    TaskSpec spec = t.spec();
    if (!goalRuns(spec) || (spec.host() != null && !spec.host().isEmpty())) {
      return false;
    }
    TaskStatus st = t.status();
    return st == null || st.runId() == null || st.runId() != specRun(t)
        || st.state() == null || !st.state().isTerminal();
  }

  /** True while run status.runId may be alive in Mesos. */
  public static boolean isActive(TaskStatus st) {
    return st != null && st.mesosTaskId() != null && st.state() != null
        && !st.state().isTerminal() && !notLaunched(st.state());
  }

  /**
   * "To kill": the launched run is still active and the goal is KILLED/DELETED, or a newer run
   * is wanted, or the Task is being deleted.
   */
  public static boolean needsKill(Task t) {
    TaskStatus st = t.status();
    if (!isActive(st) || t.spec() == null) {
      return false;
    }
    TaskState goal = t.spec().goalState();
    return goal == TaskState.KILLED || goal == TaskState.DELETED
        || (st.runId() != null && specRun(t) > st.runId());
  }
}
