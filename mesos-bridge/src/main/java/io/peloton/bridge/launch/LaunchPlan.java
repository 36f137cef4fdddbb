package io.peloton.bridge.launch;

import io.peloton.api.task.Task;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * What one ACCEPT launches on one agent, and the bound tasks its offers could not hold.
 *
 * @param launches the tasks that fit, with their TaskInfo and the ports given to them
 * @param rejected tasks that did not fit, with the reason (their binding is cleared)
 */
public record LaunchPlan(List<Launch> launches, List<Rejected> rejected) {

  /** One task to launch. */
  public record Launch(Task task, int runId, String mesosTaskId, TaskInfo info,
      Map<String, Integer> ports) {}

  /** A task the offers cannot hold. */
  public record Rejected(Task task, String message) {}
}
