package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A per-task override of the job's {@code sla.preemptible}.
 *
 * @param killOnPreempt kill rather than reschedule when preempted (must be false for SERVICE)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreemptionPolicy(PreemptionType type, Boolean killOnPreempt) {

  /** Whether the task may be preempted. */
  public enum PreemptionType { PREEMPTIBLE, NON_PREEMPTIBLE }
}
