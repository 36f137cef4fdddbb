package io.peloton.mesos.sim.agent;

/** A handle on a launched task. */
public interface RunningTask {
  /** Kills the task: a graceful stop, then a forced one after the grace period; reports TASK_KILLED. */
  void kill(long gracePeriodNanos);

  /** Stops the task without reporting anything (agent removed or framework torn down). */
  void abandon();

  /** The master is done with the task (terminal update acknowledged, or task removed). */
  default void release() {}
}
