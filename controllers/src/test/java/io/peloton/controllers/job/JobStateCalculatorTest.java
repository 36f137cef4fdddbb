package io.peloton.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.api.job.JobState;
import io.peloton.api.task.TaskState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Peloton's job state rules and the restart throttle, as plain functions. */
class JobStateCalculatorTest {
  @Test
  void statesFollowPelotonsRules() {
    assertEquals(JobState.SUCCEEDED, JobStateCalculator.derive(
        Map.of(TaskState.SUCCEEDED, 3), 3, false, null));
    assertEquals(JobState.FAILED, JobStateCalculator.derive(
        Map.of(TaskState.SUCCEEDED, 2, TaskState.LOST, 1), 3, false, null));
    assertEquals(JobState.KILLED, JobStateCalculator.derive(
        Map.of(TaskState.SUCCEEDED, 2, TaskState.KILLED, 1), 3, false, null));
    assertEquals(JobState.RUNNING, JobStateCalculator.derive(
        Map.of(TaskState.RUNNING, 1, TaskState.PENDING, 2), 3, false, null));
    assertEquals(JobState.PENDING, JobStateCalculator.derive(
        Map.of(TaskState.PENDING, 3), 3, false, null));
    assertEquals(JobState.KILLING, JobStateCalculator.derive(
        Map.of(TaskState.RUNNING, 1, TaskState.KILLED, 1), 2, true, null));
  }

  @Test
  void aJobWithAControllerTaskEndsAsThatTaskEnded() {
    // every other instance succeeded, but the controller (instance 0) failed
    assertEquals(JobState.FAILED, JobStateCalculator.derive(
        Map.of(TaskState.SUCCEEDED, 2, TaskState.FAILED, 1), 3, false, TaskState.FAILED));
    // others failed, the controller succeeded: the job succeeded
    assertEquals(JobState.SUCCEEDED, JobStateCalculator.derive(
        Map.of(TaskState.SUCCEEDED, 1, TaskState.FAILED, 2), 3, false, TaskState.SUCCEEDED));
    // not terminal yet: the controller task does not decide
    assertEquals(JobState.RUNNING, JobStateCalculator.derive(
        Map.of(TaskState.SUCCEEDED, 1, TaskState.RUNNING, 1), 2, false, TaskState.SUCCEEDED));
  }

  @Test
  void theRestartBackoffDoublesUpToItsCap() {
    RestartBackoff b = new RestartBackoff(Duration.ofSeconds(30), Duration.ofMinutes(60));
    assertEquals(Duration.ofSeconds(30), b.delay(1));
    assertEquals(Duration.ofSeconds(60), b.delay(2));
    assertEquals(Duration.ofSeconds(240), b.delay(4));
    assertEquals(Duration.ofMinutes(60), b.delay(8));
    assertEquals(Duration.ofMinutes(60), b.delay(500));
  }
}
