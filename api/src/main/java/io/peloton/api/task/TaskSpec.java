package io.peloton.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.taskconfig.TaskConfig;

/**
 * Desired state of one instance: written by the job controller, bound by the scheduler.
 *
 * @param job name of the owning Job (same namespace)
 * @param config the resolved config (instance override merged onto the default)
 * @param configGeneration the Job generation {@code config} was taken from
 * @param goalState RUNNING, SUCCEEDED, KILLED or DELETED
 * @param runId incremented for every new Mesos task launched for this instance
 * @param host the host the scheduler bound the task to (absent while pending)
 * @param desiredHost a host to prefer (in-place updates keep instances where they were)
 * @param respool the Job's pool path, copied so the scheduler needs no Job lookup
 * @param priority the Job's {@code sla.priority}, copied for the same reason
 * @param preemptible the effective preemptibility of this instance
 * @param revocable whether the instance may use revocable resources
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(
    String job,
    Integer instance,
    TaskConfig config,
    Long configGeneration,
    TaskState goalState,
    Integer runId,
    String host,
    String desiredHost,
    String respool,
    Integer priority,
    Boolean preemptible,
    Boolean revocable) {}
