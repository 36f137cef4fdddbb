package io.peloton.mesos.sim.master;

import io.peloton.mesos.sim.agent.Agent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Answers RECONCILE (and KILL of unknown tasks) the way Master::reconcile does: the latest
 * status-update state for known tasks, LOST/UNKNOWN/GONE/UNREACHABLE for unknown ones, and no
 * answer while the task's agent is still re-registering after a master failover.
 */
final class Reconciler {
  private final List<Agent> agents;
  private final Map<String, Agent> agentsById;
  private final Function<String, Map<String, TaskRecord>> tasksOf;

  Reconciler(List<Agent> agents, Map<String, Agent> agentsById, Function<String, Map<String, TaskRecord>> tasksOf) {
    this.agents = agents;
    this.agentsById = agentsById;
    this.tasksOf = tasksOf;
  }

  private Map<String, TaskRecord> frameworkTasks(String frameworkId) {
    return tasksOf.apply(frameworkId);
  }

  void reconcile(FrameworkRecord fw, List<Call.Reconcile.Task> list) {
    if (list.isEmpty()) {
      for (TaskRecord t : frameworkTasks(fw.id).values()) {
        if (!t.unreachable && t.agent.status() != Agent.Status.RECOVERING) {
          reconcileKnown(fw, t);
        }
      }
      return;
    }
    for (Call.Reconcile.Task entry : list) {
      reconcileOne(fw, entry.getTaskId(), entry.hasAgentId() ? entry.getAgentId() : null);
    }
  }

  private void reconcileKnown(FrameworkRecord fw, TaskRecord t) {
    MasterUpdates.send(fw, t.info.getTaskId(), Protos.AgentID.newBuilder().setValue(t.agentId).build(), t.executorId,
        t.statusUpdateState, TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Latest task state",
        t.unreachable ? t.agent.unreachableSinceNanos() : null);
  }

  void reconcileOne(FrameworkRecord fw, Protos.TaskID taskId, Protos.AgentID agentId) {
    TaskRecord t = frameworkTasks(fw.id).get(taskId.getValue());
    if (t != null && t.agent.status() == Agent.Status.RECOVERING) {
      return; // after a master failover the task is unknown until its agent re-registers
    }
    if (t != null) {
      reconcileKnown(fw, t);
      return;
    }
    boolean pa = fw.partitionAware();
    if (agentId == null) {
      for (Agent a : agents) {
        if (a.status() == Agent.Status.RECOVERING) {
          return; // an agent may still bring the task back: no answer yet
        }
      }
      MasterUpdates.send(fw, taskId, null, null, pa ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST,
          TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown", null);
      return;
    }
    Agent agent = agentsById.get(agentId.getValue());
    if (agent == null || agent.status() == Agent.Status.REMOVED) {
      MasterUpdates.send(fw, taskId, agentId, null, pa ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST,
          TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown", null);
    } else if (agent.status() == Agent.Status.RECOVERING) {
      // recovered from the registry but not re-registered: the scheduler must retry
    } else if (agent.status() == Agent.Status.UNREACHABLE) {
      MasterUpdates.send(fw, taskId, agentId, null, pa ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
          TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unreachable", agent.unreachableSinceNanos());
    } else {
      MasterUpdates.send(fw, taskId, agentId, null, pa ? TaskState.TASK_GONE : TaskState.TASK_LOST,
          TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown to the agent", null);
    }
  }
}
