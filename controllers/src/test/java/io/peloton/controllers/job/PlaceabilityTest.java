package io.peloton.controllers.job;

import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static io.peloton.controllers.testing.ControllerHarness.config;
import static io.peloton.controllers.testing.ControllerHarness.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.JobConditions;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskConditions;
import io.peloton.controllers.status.Conditions;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's "can never be placed" on Tasks shows on their Job, with one Event. */
class PlaceabilityTest {
  @TempDir
  Path dir;
  ControllerHarness h;

  @BeforeEach
  void start() {
    h = new ControllerHarness(dir, ControllerHarness.testConfig());
    h.pool("batch", "/", 10, 10);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** As the scheduler: the instance can never be placed. */
  private void neverFits(int instance) {
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("status").putArray("conditions").add(Codecs.json().valueToTree(new Condition(
        TaskConditions.SCHEDULED, Condition.FALSE, TaskConditions.NEVER_FITS,
        TaskConditions.NEVER_FITS_MESSAGE + "beyond the limit of pool /batch: needs gpu 1 > 0",
        "2026-01-01T00:00:00Z", null)));
    h.tasks.patch(ControllerHarness.NS, Task.nameOf("gpu", instance), patch, true);
  }

  private Condition placeable() {
    var j = h.job("gpu");
    return j.status() == null ? null
        : Conditions.find(j.status().conditions(), JobConditions.PLACEABLE);
  }

  @Test
  void theJobSaysItCanNeverBePlacedOnce() {
    h.job("gpu", spec(JobType.BATCH, 3, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("gpu").size() == 3);
    await().atMost(WAIT).until(() -> placeable() != null
        && Condition.TRUE.equals(placeable().status()));
    neverFits(0);
    neverFits(1);
    await().atMost(WAIT).until(() -> placeable().message().startsWith(
        "can never be placed: 2 of 3 instance(s)"));
    Condition c = placeable();
    assertEquals(Condition.FALSE, c.status());
    assertEquals(TaskConditions.NEVER_FITS, c.reason());
    assertEquals("can never be placed: 2 of 3 instance(s), e.g. gpu-0: beyond the limit of pool "
        + "/batch: needs gpu 1 > 0", c.message());
    await().atMost(WAIT).until(() -> h.hasEvent("gpu", TaskConditions.NEVER_FITS));
    assertEquals(1, h.eventsAbout("gpu").stream()
        .filter(e -> TaskConditions.NEVER_FITS.equals(e.reason())).count(),
        "one Event per job, not per task");
  }

  private Condition scheduled() {
    var j = h.job("wait");
    return j.status() == null ? null
        : Conditions.find(j.status().conditions(), JobConditions.SCHEDULED);
  }

  @Test
  void aJobWaitingForItsPoolSaysWhatItWaitsFor() {
    h.job("wait", spec(JobType.BATCH, 2, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("wait").size() == 2);
    await().atMost(WAIT).until(() -> scheduled() != null
        && Condition.TRUE.equals(scheduled().status()));
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("status").putArray("conditions").add(Codecs.json().valueToTree(new Condition(
        TaskConditions.SCHEDULED, Condition.FALSE, "NotAdmitted",
        "pool /batch at entitlement: memory 10/10 (needs 2 more)", "2026-01-01T00:00:00Z", null)));
    h.tasks.patch(ControllerHarness.NS, Task.nameOf("wait", 1), patch, true);

    await().atMost(WAIT).until(() -> Condition.FALSE.equals(scheduled().status()));
    assertEquals("NotAdmitted", scheduled().reason());
    assertEquals("1 instance(s) wait for a host, e.g. wait-1: pool /batch at entitlement: "
        + "memory 10/10 (needs 2 more)", scheduled().message());
  }
}
