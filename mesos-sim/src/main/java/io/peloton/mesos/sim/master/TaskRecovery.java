package io.peloton.mesos.sim.master;

import io.peloton.mesos.sim.agent.Agent;
import io.peloton.mesos.sim.agent.TaskCheckpoint;
import io.peloton.mesos.sim.agent.TaskExecutor;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the master knows a task again that its agent recovered from a checkpoint. */
final class TaskRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRecovery.class);

  private TaskRecovery() {}

  /**
   * The recovered task: RUNNING (what reconciliation answers until its executor reports an end)
   * with its resources taken on the agent again.
   */
  static TaskRecord recordOf(TaskCheckpoint c, Agent agent) {
    TaskRecord t = new TaskRecord(c.frameworkId(), c.task(), agent,
        Protos.ExecutorID.newBuilder().setValue(c.executorId()).build(), c.sandbox());
    t.agentState = TaskState.TASK_RUNNING;
    t.statusUpdateState = TaskState.TASK_RUNNING;
    try {
      t.usage = agent.resources().take(c.task().getResourcesList());
    } catch (IllegalArgumentException e) {
      LOG.warn("Recovered task {} does not fit agent {} any more ({}); it keeps running",
          t.taskId(), agent.hostname(), e.getMessage());
    }
    return t;
  }

  /** A task checkpointed on an agent that is no longer in the cluster: killed, forgotten. */
  static void discard(TaskExecutor executor, TaskCheckpoint c) {
    LOG.info("Agent {} of checkpointed task {} is not in the cluster any more; killing the task",
        c.agentId(), c.task().getTaskId().getValue());
    var running = executor.adopt(c, (state, reason, message) -> { });
    running.abandon();
    running.release();
  }
}
