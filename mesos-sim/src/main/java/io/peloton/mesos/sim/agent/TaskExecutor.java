package io.peloton.mesos.sim.agent;

import java.util.List;

/** Runs tasks for the simulated agents and reports their states to a listener. */
public interface TaskExecutor extends AutoCloseable {
  /** Starts a task; the listener receives STARTING, RUNNING and a terminal state, in that order. */
  RunningTask launch(TaskLaunch launch, StatusListener listener);

  /** True if tasks get a sandbox directory on disk. */
  default boolean usesSandbox() {
    return false;
  }

  /**
   * Tasks a previous run of the agents left behind, read at start: the ones to recover (when the
   * agents recover and the framework checkpoints); all others are killed and forgotten.
   */
  default List<TaskCheckpoint> recover() {
    return List.of();
  }

  /**
   * Takes a recovered task over: keeps watching its process if it still runs, or reports how it
   * ended while the agent was down.
   */
  default RunningTask adopt(TaskCheckpoint task, StatusListener listener) {
    throw new UnsupportedOperationException("this executor does not recover tasks");
  }

  /** Stops everything still running, without reporting (or leaves it to recovery). */
  @Override
  void close();
}
