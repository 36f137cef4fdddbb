package io.peloton.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job's scheduling promises, as Peloton's {@code SlaConfig}.
 *
 * @param priority higher is admitted first and preempted last within a pool
 * @param preemptible may use elastic resources and be preempted
 * @param revocable may run on revocable (slack) cpus
 * @param maximumRunningInstances cap on instances running at once (absent: no cap)
 * @param minimumRunningInstances gang size: instances 0..n-1 are admitted together
 * @param maxRunningTime seconds after which a running task is killed
 * @param maximumUnavailableInstances how many instances maintenance or restarts may take down
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sla(
    Integer priority,
    Boolean preemptible,
    Boolean revocable,
    Integer maximumRunningInstances,
    Integer minimumRunningInstances,
    Integer maxRunningTime,
    Integer maximumUnavailableInstances) {}
