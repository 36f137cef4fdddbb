package io.peloton.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.bridge.testing.BridgeFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the active bridge, done in-process: {@link MesosBridge#crash()} abandons the lease
 * (no release) and drops the Mesos stream without a word, as a dead process would.
 */
class BridgeFailoverTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private BridgeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = BridgeFixture.start(3);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void standbyTakesOverWithinFifteenSecondsAndRunningTasksKeepRunning() {
    MesosBridge active = f.bridge("active", WireEncoding.PROTOBUF);
    await().atMost(DEADLINE).until(active::isLeader);
    MesosBridge standby = f.bridge("standby", WireEncoding.PROTOBUF);
    for (int i = 0; i < 3; i++) {
      f.createTask("svc", i, "agent-" + (i + 1), "RUNNING", "sleep infinity");
    }
    await().atMost(DEADLINE).until(() -> {
      for (int i = 0; i < 3; i++) {
        Task t = f.task("svc-" + i);
        if (t.status() == null || t.status().state() != TaskState.RUNNING) {
          return false;
        }
      }
      return true;
    });
    assertFalse(standby.isLeader());
    String frameworkId = active.session().frameworkId();
    Map<String, String> mesosIds = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      mesosIds.put("svc-" + i, f.task("svc-" + i).status().mesosTaskId());
    }

    long crashedAt = System.nanoTime();
    active.crash();
    await().atMost(DEADLINE).until(() -> standby.isLeader()
        && standby.session().client().isSubscribed());
    double takeoverSeconds = (System.nanoTime() - crashedAt) / 1e9;
    assertTrue(takeoverSeconds < 15, "takeover took " + takeoverSeconds + " s");
    assertEquals(frameworkId, standby.session().frameworkId());

    // explicit reconciliation ran and the tasks are untouched: same run, still RUNNING
    await().atMost(DEADLINE).until(() -> standby.session().reconciler().explicitTasks() >= 3);
    await().atMost(DEADLINE).until(() -> standby.session().recorder() != null
        && standby.session().client().callsSent() > 0);
    for (int i = 0; i < 3; i++) {
      Task t = f.task("svc-" + i);
      assertEquals(TaskState.RUNNING, t.status().state());
      assertEquals(1, t.status().runId());
      assertEquals(mesosIds.get("svc-" + i), t.status().mesosTaskId());
      assertEquals(Protos.TaskState.TASK_RUNNING, f.sim.taskState(frameworkId,
          t.status().mesosTaskId()));
    }
    assertEquals(3, f.sim.countTasks(Protos.TaskState.TASK_RUNNING));

    // the new leader launches new work, and nothing was launched twice
    f.createTask("after", 0, "agent-1", "RUNNING", "sleep infinity");
    await().atMost(DEADLINE).until(() -> {
      Task t = f.task("after-0");
      return t.status() != null && t.status().state() == TaskState.RUNNING;
    });
    assertEquals(1, standby.session().launcher().launched());
    assertEquals(4, f.sim.countTasks(Protos.TaskState.TASK_RUNNING));
  }
}
