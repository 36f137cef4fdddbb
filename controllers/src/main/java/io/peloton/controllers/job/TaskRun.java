package io.peloton.controllers.job;

import io.peloton.api.task.ShownState;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;
import java.util.Objects;
import java.util.Set;

/** Reads the current run of a Task the way the task-lifecycle contract defines it. */
public record TaskRun(Task task) {
  /** States in which Mesos may be running something for the run {@code status.runId}. */
  private static final Set<TaskState> ACTIVE = ShownState.ACTIVE;

  public TaskSpec spec() {
    return task.spec();
  }

  public int runId() {
    return spec().runId() == null ? 0 : spec().runId();
  }

  private TaskStatus status() {
    return task.status();
  }

  /** The wanted run has been reported on (status is about {@code spec.runId}). */
  public boolean reportedOn() {
    return status() != null && status().runId() != null && status().runId() == runId();
  }

  /** The wanted run has ended: its state is terminal. */
  public boolean ended() {
    return reportedOn() && status().state() != null && status().state().isTerminal();
  }

  /** The run in {@code status} (maybe an older one) may still be alive in Mesos. */
  public boolean active() {
    return status() != null && status().state() != null && ACTIVE.contains(status().state());
  }

  /** The wanted run is RUNNING. */
  public boolean running() {
    return reportedOn() && status().state() == TaskState.RUNNING;
  }

  public TaskState state() {
    return status() == null ? null : status().state();
  }

  public int failureCount() {
    return status() == null || status().failureCount() == null ? 0 : status().failureCount();
  }

  /** The host the live (or last) run is on: the bridge's report, else the binding. */
  public String host() {
    if (active() && status().host() != null) {
      return status().host();
    }
    return spec().host();
  }

  public boolean goalIs(TaskState goal) {
    return Objects.equals(spec().goalState(), goal);
  }

  public boolean deleting() {
    return task.metadata().deletionTimestamp() != null;
  }

  public String annotation(String key) {
    var a = task.metadata().annotations();
    return a == null ? null : a.get(key);
  }

  /** The state the task counts as in job status: the one every view shows. */
  public TaskState countedState() {
    return ShownState.of(task);
  }
}
