package io.peloton.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.TaskState;
import java.util.List;
import java.util.Map;

/**
 * What the job controller observed.
 *
 * @param taskStats number of tasks in each state
 * @param update progress of the current or last rollout
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobStatus(
    JobState state,
    JobState goalState,
    Map<TaskState, Integer> taskStats,
    UpdateStatus update,
    String creationTime,
    String startTime,
    String completionTime,
    List<Condition> conditions,
    Long observedGeneration) {

  public JobStatus {
    taskStats = Frozen.map(taskStats);
    conditions = Frozen.list(conditions);
  }
}
