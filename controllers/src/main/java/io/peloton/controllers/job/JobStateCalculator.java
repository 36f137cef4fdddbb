package io.peloton.controllers.job;

import io.peloton.api.job.JobState;
import io.peloton.api.task.TaskState;
import java.util.Map;

/** Peloton's job state rules ({@code jobStateDeterminer}), including the controller-task rule. */
public final class JobStateCalculator {
  private JobStateCalculator() {}

  /**
   * @param counts instances per state (tasks awaiting a restart counted as PENDING)
   * @param total instances the job should have
   * @param stopping the job is asked to stop
   * @param controllerTaskState the state of instance 0 when it is the job's controller task,
   *     else null
   */
  public static JobState derive(Map<TaskState, Integer> counts, int total, boolean stopping,
      TaskState controllerTaskState) {
    if (total == 0) {
      return stopping ? JobState.KILLED : JobState.RUNNING;
    }
    int succeeded = count(counts, TaskState.SUCCEEDED);
    int failed = count(counts, TaskState.FAILED);
    int lost = count(counts, TaskState.LOST);
    int killed = count(counts, TaskState.KILLED) + count(counts, TaskState.DELETED);
    JobState state;
    if (succeeded == total) {
      state = JobState.SUCCEEDED;
    } else if (succeeded + failed + lost == total) {
      state = JobState.FAILED;
    } else if (killed > 0 && succeeded + failed + killed + lost >= total) {
      state = JobState.KILLED;
    } else if (stopping) {
      state = JobState.KILLING;
    } else if (count(counts, TaskState.RUNNING) > 0) {
      state = JobState.RUNNING;
    } else {
      state = JobState.PENDING;
    }
    if (state.isTerminal() && controllerTaskState != null) {
      // a job with a controller task (a Spark driver, say) ends as that task ended
      state = switch (controllerTaskState) {
        case SUCCEEDED -> JobState.SUCCEEDED;
        case FAILED, LOST -> JobState.FAILED;
        case KILLED, DELETED -> JobState.KILLED;
        default -> state;
      };
    }
    return state;
  }

  private static int count(Map<TaskState, Integer> counts, TaskState s) {
    return counts.getOrDefault(s, 0);
  }
}
