package io.peloton.api.task;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The one state a Task shows everywhere (job status counts, {@code get tasks}, {@code task
 * list}, {@code describe}): its wanted run's reported state; KILLED for a run with a kill goal
 * that never launched; KILLING while an older run is being replaced; else PENDING or PLACED while
 * the wanted run waits.
 */
public final class ShownState {
  /** States in which Mesos may be running something for the run {@code status.runId}. */
  public static final Set<TaskState> ACTIVE = EnumSet.of(TaskState.LAUNCHING,
      TaskState.LAUNCHED, TaskState.STARTING, TaskState.RUNNING, TaskState.KILLING,
      TaskState.PREEMPTING);

  private ShownState() {}

  public static TaskState of(Task task) {
    TaskSpec spec = task.spec();
    TaskStatus status = task.status();
    TaskState state = status == null ? null : status.state();
    int runId = spec.runId() == null ? 0 : spec.runId();
    boolean reportedOn = status != null && status.runId() != null && status.runId() == runId;
    boolean active = state != null && ACTIVE.contains(state);
    boolean killGoal = Objects.equals(spec.goalState(), TaskState.KILLED)
        || Objects.equals(spec.goalState(), TaskState.DELETED);
    if (reportedOn && state != null) {
      if (killGoal && !active && !state.isTerminal()) {
        return TaskState.KILLED;
      }
      return state;
    }
    if (killGoal && !active) {
      return TaskState.KILLED; // never launched: nothing to kill
    }
    if (active) {
      return TaskState.KILLING;
    }
    return spec.host() != null ? TaskState.PLACED : TaskState.PENDING;
  }
}
