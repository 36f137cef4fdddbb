package io.peloton.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.meta.Condition;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler and the Mesos bridge observed about one instance.
 *
 * @param mesosTaskId {@code <job-uid>-<instance>-<runId>}
 * @param ports port name to the port number given to the task
 * @param failureCount failed runs so far (compared with restartPolicy.maxFailures)
 * @param healthy result of the health check
 * @param sandbox where the current run's sandbox is (recorded by the bridge at launch)
 * @param previousRuns where the last {@link RunSandbox#KEPT_PREVIOUS_RUNS} earlier runs'
 *     sandboxes were, newest first
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TaskStatus(
    TaskState state,
    Integer runId,
    String mesosTaskId,
    String prevMesosTaskId,
    String agentId,
    String host,
    Map<String, Integer> ports,
    String startTime,
    String completionTime,
    Integer failureCount,
    String reason,
    String message,
    TerminationStatus terminationStatus,
    HealthState healthy,
    List<Condition> conditions,
    Long observedGeneration,
    RunSandbox sandbox,
    List<RunSandbox> previousRuns) {

  public TaskStatus {
    ports = Frozen.map(ports);
    conditions = Frozen.list(conditions);
    previousRuns = Frozen.list(previousRuns);
  }

  /** Peloton's task health states. */
  public enum HealthState { DISABLED, HEALTH_UNKNOWN, HEALTHY, UNHEALTHY }
}
