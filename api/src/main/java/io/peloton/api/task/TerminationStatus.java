package io.peloton.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why and how a task's last run ended, as Peloton's {@code TerminationStatus}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerminationStatus(Reason reason, Integer exitCode, Integer signal) {

  /** Peloton's termination reasons. */
  public enum Reason {
    KILLED_ON_REQUEST, FAILED, KILLED_HOST_MAINTENANCE, PREEMPTED_RESOURCES,
    DEADLINE_TIMEOUT_EXCEEDED, KILLED_FOR_UPDATE, KILLED_FOR_RESTART,
    KILLED_FOR_SLA_AWARE_RESTART
  }
}
