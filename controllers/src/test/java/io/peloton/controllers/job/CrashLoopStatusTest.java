package io.peloton.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobConditions;
import io.peloton.api.job.JobState;
import io.peloton.api.job.JobStatus;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.controllers.status.Conditions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A SERVICE job whose instances keep failing says so: not PENDING as if new, but RUNNING with
 * {@code Ready=False/CrashLoopBackOff} naming the instance and when it restarts (fixed clock).
 */
class CrashLoopStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Instant DUE = Instant.parse("2026-12-07T10:00:40Z");

  private static Job job(String type, String status) throws Exception {
    return Codecs.json().readValue("""
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"web","namespace":"ns",
         "generation":1,"creationTimestamp":"2026-12-07T09:00:00Z"},
         "spec":{"type":"%s","respool":"/p","instanceCount":1},"status":%s}"""
        .formatted(type, status), Job.class);
  }

  private static Task task(String status) throws Exception {
    return Codecs.json().readValue("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"web-0","namespace":"ns"},
         "spec":{"job":"web","instance":0,"runId":3,"goalState":"RUNNING","host":"h1"},
         "status":%s}""".formatted(status), Task.class);
  }

  private static JobStatus build(Job job, Task task, Map<Integer, Instant> throttled) {
    return new JobStatusBuilder(job, false, t -> false, NOW)
        .build(1, Map.of(0, task), throttled, null);
  }

  @Test
  void aServiceJobInCrashBackoffIsRunningAndNotReadyWithTheRestartTime() throws Exception {
    // the instance crashed at once; the job never saw it RUNNING (no startTime on the Job)
    Task crashed = task("""
        {"state":"FAILED","runId":3,"completionTime":"2026-12-07T09:59:50Z",
         "failureCount":3}""");
    JobStatus s = build(job("SERVICE", "null"), crashed, Map.of(0, DUE));

    assertEquals(JobState.RUNNING, s.state());
    Condition ready = Conditions.find(s.conditions(), JobConditions.READY);
    assertEquals(Condition.FALSE, ready.status());
    assertEquals(JobConditions.CRASH_LOOP_BACK_OFF, ready.reason());
    assertTrue(ready.message().contains("0 of 1 instance(s) running"), ready.message());
    assertTrue(ready.message().contains("instance 0 keeps failing"), ready.message());
    assertTrue(ready.message().contains("at 2026-12-07T10:00:40Z"), ready.message());
    assertTrue(Conditions.isTrue(s.conditions(), JobConditions.THROTTLED));
    assertEquals("2026-12-07T10:00:00Z", s.startTime(), "a crash-looping job has started");
  }

  @Test
  void betweenBackoffAndTheNextRunTheJobStaysRunning() throws Exception {
    // the backoff ended and run 4 waits for placement: no flapping back to PENDING
    Task restarting = task("{\"state\":\"PENDING\",\"failureCount\":3}");
    JobStatus s = build(job("SERVICE", """
        {"state":"RUNNING","startTime":"2026-12-07T09:01:00Z"}"""), restarting, Map.of());
    assertEquals(JobState.RUNNING, s.state());
    Condition ready = Conditions.find(s.conditions(), JobConditions.READY);
    assertEquals(JobConditions.INSTANCES_NOT_RUNNING, ready.reason());
    assertFalse(Conditions.isTrue(s.conditions(), JobConditions.THROTTLED));
  }

  @Test
  void aNewJobWaitingForItsFirstPlacementIsStillPending() throws Exception {
    JobStatus s = build(job("SERVICE", "null"), task("{\"state\":\"PENDING\"}"), Map.of());
    assertEquals(JobState.PENDING, s.state());
    assertEquals(null, s.startTime());
  }

  @Test
  void aNewBackoffIsOneWhoseRunTheTaskDoesNotShowThrottledYet() throws Exception {
    assertTrue(CrashLoop.isNewBackoff(task("{\"state\":\"FAILED\",\"runId\":3}").status(), 3));
    Task shown = task("""
        {"state":"FAILED","runId":3,"conditions":[{"type":"Throttled","status":"True",
         "reason":"RestartBackoff",
         "message":"run 3 ended FAILED (failure 3); restarting after"}]}""");
    assertFalse(CrashLoop.isNewBackoff(shown.status(), 3), "same backoff: no second Event");
    assertTrue(CrashLoop.isNewBackoff(shown.status(), 4));
  }
}
