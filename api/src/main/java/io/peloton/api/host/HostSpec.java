package io.peloton.api.host;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Desired state of a host.
 *
 * @param unschedulable no new tasks are placed here (cordon)
 * @param maintenance NONE, DRAIN (evict tasks, post a Mesos maintenance window) or DOWN
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostSpec(Boolean unschedulable, MaintenanceMode maintenance) {

  /** What maintenance the host is asked to go through. */
  public enum MaintenanceMode { NONE, DRAIN, DOWN }
}
