package io.peloton.mesos.sim.master;

import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Status updates made by the master itself: SOURCE_MASTER, no uuid, never acknowledged or retried. */
final class MasterUpdates {
  private MasterUpdates() {}

  /** An update made by the master (no uuid, not acknowledged). */
  static void send(FrameworkRecord fw, Protos.TaskID taskId, Protos.AgentID agentId,
                            Protos.ExecutorID executorId, TaskState state, TaskStatus.Reason reason, String message,
                            Long unreachableNanos) {
    if (fw == null || fw.sink == null) {
      return;
    }
    TaskStatus.Builder s = TaskStatus.newBuilder().setTaskId(taskId).setState(state)
        .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(reason).setMessage(message)
        .setTimestamp(System.currentTimeMillis() / 1000.0);
    if (agentId != null && !agentId.getValue().isEmpty()) {
      s.setAgentId(agentId);
    }
    if (executorId != null) {
      s.setExecutorId(executorId);
    }
    if (unreachableNanos != null) {
      s.setUnreachableTime(Protos.TimeInfo.newBuilder().setNanoseconds(unreachableNanos));
    }
    fw.sink.send(Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(s))
        .build());
  }
}
