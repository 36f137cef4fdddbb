package io.peloton.mesos.sim.agent;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Receives the executor's status changes for one task; may be called from any thread. */
@FunctionalInterface
public interface StatusListener {
  void onStatus(TaskState state, TaskStatus.Reason reason, String message);
}
