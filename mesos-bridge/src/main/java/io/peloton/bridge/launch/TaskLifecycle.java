package io.peloton.bridge.launch;

import java.util.ArrayList;
import java.util.List;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;

/** The task-lifecycle contract's rules for what the bridge must do with a Task. */
public final class TaskLifecycle {
  /** Informer index of the bridge's work: a Task is filed under each of these that applies. */
  public static final String WORK_INDEX = "bridgeWork";
  static final String KILL = "kill";
  static final String LAUNCH = "launch";
  static final String PENDING = "pending";

  private TaskLifecycle() {}

  /**
   * The work a Task asks of the bridge, as index values: evaluated once per change of the Task
   * instead of on every launch round over every Task.
   */
  public static List<String> work(Task t) {
    if (t.spec() == null) {
      return List.of();
    }
    List<String> work = new ArrayList<>(2);
    if (needsKill(t)) {
      work.add(KILL);
    }
    if (isToLaunch(t)) {
      work.add(LAUNCH);
    } else if (isPending(t)) {
      work.add(PENDING);
    }
    return work;
  }

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
