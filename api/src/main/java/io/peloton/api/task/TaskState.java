package io.peloton.api.task;

import java.util.EnumSet;
import java.util.Set;

/** Peloton's task states ({@code task.proto} {@code TaskState}). */
public enum TaskState {
  UNKNOWN, INITIALIZED, PENDING, READY, PLACING, PLACED, LAUNCHING, LAUNCHED, STARTING, RUNNING,
  SUCCEEDED, FAILED, LOST, PREEMPTING, KILLING, KILLED, DELETED, RESERVED;

  /** The states a task's {@code spec.goalState} may take. */
  public static final Set<TaskState> GOAL_STATES = EnumSet.of(RUNNING, SUCCEEDED, KILLED, DELETED);

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == LOST || this == KILLED
        || this == DELETED;
  }
}
