package io.peloton.api.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.host.HostState;
import io.peloton.api.meta.Condition;
import java.util.List;

/** Progress of the maintenance, host by host. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostMaintenanceStatus(
    List<HostProgress> hosts, List<Condition> conditions, Long observedGeneration) {

  public HostMaintenanceStatus {
    hosts = Frozen.list(hosts);
    conditions = Frozen.list(conditions);
  }

  /**
   * One host's progress.
   *
   * @param tasksRemaining tasks still to be evicted
   * @param blockedBy why draining is held up, e.g. a job's maximumUnavailableInstances
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HostProgress(
      String host, HostState state, Integer tasksRemaining, String blockedBy, String message) {}
}
