package io.peloton.mesos.sim.agent;

/** Runs tasks for the simulated agents and reports their states to a listener. */
public interface TaskExecutor extends AutoCloseable {
  /** Starts a task; the listener receives STARTING, RUNNING and a terminal state, in that order. */
  RunningTask launch(TaskLaunch launch, StatusListener listener);

  /** True if tasks get a sandbox directory on disk. */
  default boolean usesSandbox() {
    return false;
  }

  /** Stops everything still running, without reporting. */
  @Override
  void close();
}
