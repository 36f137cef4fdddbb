package io.peloton.bridge.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.api.codec.Codecs;
import io.peloton.api.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge's work index files each Task under what the task-lifecycle contract asks. */
class TaskLifecycleTest {
  private static Task task(String spec, String status) throws Exception {
    return Codecs.json().readValue("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"t-0","namespace":"ns"},
         "spec":{"job":"t","instance":0,%s},"status":%s}""".formatted(spec, status), Task.class);
  }

  @Test
  void workFollowsTheContract() throws Exception {
    assertEquals(List.of(TaskLifecycle.PENDING),
        TaskLifecycle.work(task("\"runId\":1,\"goalState\":\"RUNNING\"", "null")));
    assertEquals(List.of(TaskLifecycle.LAUNCH), TaskLifecycle.work(task(
        "\"runId\":1,\"goalState\":\"RUNNING\",\"host\":\"h1\"", "{\"state\":\"PENDING\"}")));
    assertEquals(List.of(), TaskLifecycle.work(task(
        "\"runId\":1,\"goalState\":\"RUNNING\",\"host\":\"h1\"",
        "{\"state\":\"RUNNING\",\"runId\":1,\"mesosTaskId\":\"m-0-1\"}")));
    assertEquals(List.of(TaskLifecycle.KILL), TaskLifecycle.work(task(
        "\"runId\":1,\"goalState\":\"KILLED\",\"host\":\"h1\"",
        "{\"state\":\"RUNNING\",\"runId\":1,\"mesosTaskId\":\"m-0-1\"}")));
    // a newer run wanted while the old one runs: kill the old, launch the new
    assertEquals(List.of(TaskLifecycle.KILL, TaskLifecycle.LAUNCH), TaskLifecycle.work(task(
        "\"runId\":2,\"goalState\":\"RUNNING\",\"host\":\"h1\"",
        "{\"state\":\"RUNNING\",\"runId\":1,\"mesosTaskId\":\"m-0-1\"}")));
    assertEquals(List.of(), TaskLifecycle.work(task(
        "\"runId\":1,\"goalState\":\"SUCCEEDED\",\"host\":\"h1\"",
        "{\"state\":\"SUCCEEDED\",\"runId\":1,\"mesosTaskId\":\"m-0-1\"}")));
  }
}
