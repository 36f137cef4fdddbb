package io.peloton.controllers.job;

import static io.peloton.controllers.testing.ControllerHarness.NS;
import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static io.peloton.controllers.testing.ControllerHarness.config;
import static io.peloton.controllers.testing.ControllerHarness.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.task.TaskState;
import io.peloton.client.ListOptions;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping or deleting a job writes one Event about the Job, counting its tasks, not one each. */
class BulkEventsTest {
  private static final int TASKS = 40;

  @TempDir
  Path dir;
  ControllerHarness h;

  @BeforeEach
  void start() {
    h = new ControllerHarness(dir, ControllerHarness.testConfig());
    h.pool("batch", "/", 100, 100);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private List<Event> withReason(String reason) {
    return h.events.listAll(null, ListOptions.all()).items().stream()
        .filter(e -> reason.equals(e.reason())).toList();
  }

  /** Waits until the Events with {@code reason} count {@code TASKS} occurrences in all. */
  private List<Event> counted(String reason) {
    await().atMost(WAIT).until(() -> withReason(reason).stream()
        .mapToInt(e -> e.count() == null ? 1 : e.count()).sum() == TASKS);
    return withReason(reason);
  }

  @Test
  void stoppingAndDeletingABigJobEachWriteOneEventAboutTheJob() {
    h.job("big", spec(JobType.BATCH, TASKS, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("big").size() == TASKS);
    ObjectNode stop = Codecs.json().createObjectNode();
    stop.putObject("metadata").putObject("annotations")
        .put(WellKnownKeys.GOAL_STATE_ANNOTATION, "KILLED");
    h.jobs.patch(NS, "big", stop, false);
    await().atMost(WAIT).until(() -> h.tasksOf("big").stream()
        .allMatch(t -> t.spec().goalState() == TaskState.KILLED));

    List<Event> killing = counted("Killing");
    assertEquals(1, killing.size(), "one Event for the stop, got " + killing.size());
    assertEquals("Job", killing.get(0).involvedObject().kind());
    assertEquals("big", killing.get(0).involvedObject().name());

    h.jobs.delete(NS, "big");
    await().atMost(WAIT).until(() -> h.jobOrNull("big") == null);
    List<Event> deleting = counted("Deleting");
    assertEquals(1, deleting.size(), "one Event for the delete, got " + deleting.size());
    assertEquals("Job", deleting.get(0).involvedObject().kind());
    assertEquals("big", deleting.get(0).involvedObject().name());
  }
}
