package io.peloton.controllers.gc;

import static io.peloton.controllers.testing.ControllerHarness.NS;
import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orphans (owner gone) are killed and deleted through their finalizer like any Task. */
class GarbageCollectorTest {
  @TempDir
  Path dir;
  ControllerHarness h;

  @BeforeEach
  void start() {
    h = new ControllerHarness(dir, ControllerHarness.testConfig());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void anOrphanIsKilledThenDeleted() {
    ObjectMeta meta = new ObjectMeta("ghost-0", NS, null, null, null, null, null,
        Map.of(WellKnownKeys.JOB_LABEL, "ghost"), null,
        List.of(new OwnerReference(ApiObject.API_VERSION, "Job", "ghost", "no-such-uid", true,
            true)), List.of(WellKnownKeys.MESOS_TASK_FINALIZER));
    h.tasks.create(new Task(ApiObject.API_VERSION, "Task", meta, new TaskSpec("ghost", 0,
        ControllerHarness.config(null), 1L, TaskState.RUNNING, 1, "h1", null, "/p", 0, false,
        false), null));
    h.report("ghost", 0, TaskState.RUNNING);
    await().atMost(WAIT).until(() -> h.task("ghost", 0).spec().goalState() == TaskState.DELETED);
    Task dying = h.task("ghost", 0);
    assertNotNull(dying.metadata().deletionTimestamp());
    assertEquals(List.of(WellKnownKeys.MESOS_TASK_FINALIZER), dying.metadata().finalizers(),
        "kept while the run is alive");
    h.report("ghost", 0, TaskState.KILLED);
    await().atMost(WAIT).until(() -> h.taskOrNull("ghost", 0) == null);
  }
}
