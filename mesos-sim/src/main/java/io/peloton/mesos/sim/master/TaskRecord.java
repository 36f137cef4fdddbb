package io.peloton.mesos.sim.master;

import io.peloton.mesos.sim.agent.Agent;
import io.peloton.mesos.sim.agent.AgentResources;
import io.peloton.mesos.sim.agent.RunningTask;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A task as seen by the master and its agent: the agent-side queue of status updates (the head is
 * outstanding until acknowledged), the last state sent to the framework, and the running handle.
 */
final class TaskRecord {
  final String frameworkId;
  final Protos.TaskInfo info;
  final Agent agent;
  final String agentId;
  final Protos.ExecutorID executorId;
  final Path sandbox;
  final ArrayDeque<TaskStatus> pending = new ArrayDeque<>(4);
  TaskState statusUpdateState = TaskState.TASK_STAGING;
  TaskStatus lastSent;
  TaskState agentState = TaskState.TASK_STAGING;
  AgentResources.Usage usage;
  RunningTask running;
  boolean abandoned;
  boolean unreachable;
  boolean shutdownRequested;
  TaskState stateBeforeUnreachable;
  long nextRetryNanos;
  long backoffMillis;

  TaskRecord(String frameworkId, Protos.TaskInfo info, Agent agent, Protos.ExecutorID executorId, Path sandbox) {
    this.frameworkId = frameworkId;
    this.info = info;
    this.agent = agent;
    this.agentId = agent.id();
    this.executorId = executorId;
    this.sandbox = sandbox;
  }

  String taskId() {
    return info.getTaskId().getValue();
  }

  boolean terminalAtAgent() {
    return isTerminal(agentState);
  }

  static boolean isTerminal(TaskState s) {
    return switch (s) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
           TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }

  /** The operator API view of the task. */
  Protos.Task toTask() {
    Protos.Task.Builder b = Protos.Task.newBuilder().setName(info.getName()).setTaskId(info.getTaskId())
        .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(frameworkId))
        .setExecutorId(executorId)
        .setAgentId(Protos.AgentID.newBuilder().setValue(agentId))
        .setState(agentState)
        .addAllResources(info.getResourcesList())
        .setStatusUpdateState(statusUpdateState);
    if (lastSent != null) {
      b.addStatuses(lastSent);
      if (lastSent.hasUuid()) {
        b.setStatusUpdateUuid(lastSent.getUuid());
      }
    }
    if (info.hasLabels()) {
      b.setLabels(info.getLabels());
    }
    return b.build();
  }
}
