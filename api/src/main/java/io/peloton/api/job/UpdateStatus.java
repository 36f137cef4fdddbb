package io.peloton.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import java.util.List;

/**
 * Progress of a rolling workflow (update, restart, start, stop) from one spec generation to
 * another.
 *
 * @param prevState the state to return to when a PAUSED workflow resumes
 * @param instancesCurrent instances being worked on in the current batch
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record UpdateStatus(
    WorkflowType type,
    UpdateState state,
    UpdateState prevState,
    Long fromGeneration,
    Long toGeneration,
    Integer numTasksDone,
    Integer numTasksRemaining,
    Integer numTasksFailed,
    List<Integer> instancesCurrent,
    String startTime,
    String completionTime,
    String message) {

  public UpdateStatus {
    instancesCurrent = Frozen.list(instancesCurrent);
  }

  /** What kind of rolling workflow runs. */
  public enum WorkflowType { UPDATE, RESTART, START, STOP }
}
