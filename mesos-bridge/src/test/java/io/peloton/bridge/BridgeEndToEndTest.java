package io.peloton.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.host.Host;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TerminationStatus;
import io.peloton.bridge.framework.FrameworkIdStore;
import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.bridge.testing.BridgeFixture;
import io.peloton.client.ApiError;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bridge between a real in-process API server and the Mesos simulator. */
class BridgeEndToEndTest {
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

  private TaskState stateOf(String name) {
    Task t = f.task(name);
    return t.status() == null ? null : t.status().state();
  }

  /** Polls a task and collects every state it was seen in. */
  private Set<TaskState> watchStates(String name, TaskState until) {
    Set<TaskState> seen = ConcurrentHashMap.newKeySet();
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
      TaskState s = stateOf(name);
      if (s != null) {
        seen.add(s);
      }
      return s == until;
    });
    return seen;
  }

  @ParameterizedTest
  @EnumSource(WireEncoding.class)
  void boundTaskRunsAndSucceedsOnItsAgent(WireEncoding encoding) {
    MesosBridge bridge = f.bridge("b1", encoding);
    f.createTask("web", 0, "agent-1", "SUCCEEDED", "sleep 2");
    Set<TaskState> seen = watchStates("web-0", TaskState.SUCCEEDED);
    assertTrue(seen.contains(TaskState.RUNNING), "seen " + seen);

    Task t = f.task("web-0");
    assertEquals("agent-1", t.status().host());
    assertEquals(f.sim.agent("agent-1").id(), t.status().agentId());
    assertEquals(1, t.status().runId());
    assertTrue(t.status().mesosTaskId().endsWith("-0-1"), t.status().mesosTaskId());
    assertEquals(0, t.status().terminationStatus().exitCode());
    assertNotNull(t.status().startTime());
    assertNotNull(t.status().completionTime());
    int port = t.status().ports().get("http");
    assertTrue(port >= 31000 && port <= 32000, "port " + port);

    // hosts were published, the framework id stored, and offers suppressed once idle
    await().atMost(DEADLINE).until(() -> {
      Host h = f.host("agent-2");
      return h.status() != null && h.status().capacity() != null;
    });
    Host h = f.host("agent-2");
    assertEquals(8.0, h.status().capacity().cpu());
    assertEquals(f.sim.agent("agent-2").id(), h.status().agentId());
    assertFalse(h.status().ports().isEmpty());
    assertEquals("r0", h.status().attributes().get("rack"));
    String stored = f.api.typed(io.peloton.api.lease.Lease.class)
        .get(null, "mesos-bridge-framework").metadata().annotations().get(FrameworkIdStore.ANNOTATION);
    assertEquals(bridge.session().frameworkId(), stored);
    await().atMost(DEADLINE).until(() -> bridge.session().demand().suppressed());
  }

  @Test
  void failingCommandEndsFailedWithItsExitCode() {
    f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("batch", 0, "agent-1", "SUCCEEDED", "sleep 1; exit 3");
    watchStates("batch-0", TaskState.FAILED);
    TerminationStatus ts = f.task("batch-0").status().terminationStatus();
    assertEquals(TerminationStatus.Reason.FAILED, ts.reason());
    assertEquals(3, ts.exitCode());
  }

  @Test
  void goalKilledKillsTheRun() {
    f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("svc", 0, "agent-2", "RUNNING", "sleep infinity");
    watchStates("svc-0", TaskState.RUNNING);
    f.patchSpec("svc-0", "{\"goalState\":\"KILLED\"}");
    watchStates("svc-0", TaskState.KILLED);
    assertEquals(TerminationStatus.Reason.KILLED_ON_REQUEST,
        f.task("svc-0").status().terminationStatus().reason());
  }

  /**
   * A Task deleted and created again under the same name (a DAEMON instance returning to its
   * host after maintenance) is a new Task: its run 1 is launched although the old one's was.
   */
  @Test
  void taskCreatedAgainUnderTheSameNameIsLaunched() {
    f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("daemon", 0, "agent-1", "SUCCEEDED", "true");
    watchStates("daemon-0", TaskState.SUCCEEDED);
    f.api.typed(Task.class).delete(BridgeFixture.NS, "daemon-0");
    await().atMost(DEADLINE).until(() -> {
      try {
        f.task("daemon-0");
        return false;
      } catch (ApiError e) {
        return e.isNotFound();
      }
    });
    f.createTask("daemon", 0, "agent-1", "SUCCEEDED", "true");
    watchStates("daemon-0", TaskState.SUCCEEDED);
  }

  @Test
  void taskTheOffersCannotHoldIsUnbound() {
    MesosBridge bridge = f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("big", 0, "agent-3", "RUNNING", "sleep infinity", 64);
    await().atMost(DEADLINE).until(() -> f.task("big-0").spec().host() == null);
    Task t = f.task("big-0");
    Condition scheduled = t.status().conditions().stream()
        .filter(c -> c.type().equals("Scheduled")).findFirst().orElseThrow();
    assertEquals(Condition.FALSE, scheduled.status());
    assertEquals("LaunchFailed", scheduled.reason());
    assertTrue(scheduled.message().contains("cpus"), scheduled.message());
    assertNull(t.status().state());
    assertTrue(bridge.session().launcher().bindingsCleared() >= 1);
  }

  @Test
  void removedAgentsTasksBecomeLostAndItsHostNotReady() {
    f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("svc", 1, "agent-3", "RUNNING", "sleep infinity");
    watchStates("svc-1", TaskState.RUNNING);
    await().atMost(DEADLINE).until(() -> f.host("agent-3").status() != null);
    f.sim.faults().removeAgent("agent-3");
    watchStates("svc-1", TaskState.LOST);
    await().atMost(DEADLINE).until(() -> f.host("agent-3").status().conditions().stream()
        .anyMatch(c -> c.type().equals("Ready") && c.status().equals(Condition.FALSE)));
  }

  @Test
  void masterRestartDropsTheStreamAndTheRunStillCompletes() {
    MesosBridge bridge = f.bridge("b1", WireEncoding.JSON);
    f.createTask("job", 0, "agent-1", "SUCCEEDED", "sleep 4");
    watchStates("job-0", TaskState.RUNNING);
    String id = bridge.session().frameworkId();
    long subscriptions = bridge.session().client().subscriptions();
    f.sim.faults().restartMaster();
    await().atMost(DEADLINE).until(() -> bridge.session().client().subscriptions() > subscriptions);
    assertEquals(id, bridge.session().frameworkId());
    watchStates("job-0", TaskState.SUCCEEDED);
    assertEquals(0, f.task("job-0").status().terminationStatus().exitCode());
  }

  @Test
  void delayedAndDroppedUpdatesStillEndInTheRightState() {
    MesosBridge bridge = f.bridge("b1", WireEncoding.PROTOBUF);
    f.sim.faults().delayStatusUpdates(Duration.ofMillis(300));
    f.sim.faults().dropStatusUpdates(3);
    for (int i = 0; i < 4; i++) {
      f.createTask("dup", i, "agent-" + (1 + i % 3), "SUCCEEDED", "sleep 1");
    }
    for (int i = 0; i < 4; i++) {
      Set<TaskState> seen = watchStates("dup-" + i, TaskState.SUCCEEDED);
      assertTrue(EnumSet.of(TaskState.LAUNCHED, TaskState.STARTING, TaskState.RUNNING,
          TaskState.SUCCEEDED).containsAll(seen), "seen " + seen);
    }
    // every stored update that needs it got acknowledged (reconciliation answers carry no
    // uuid and need none); at least RUNNING and FINISHED of each task were stored
    var recorder = bridge.session().recorder();
    await().atMost(DEADLINE).until(() -> recorder.written() >= 8
        && recorder.acks() >= recorder.writtenReliable());
  }

  @Test
  void updatesAreAcknowledgedOnlyOnceStored() {
    MesosBridge bridge = f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("ack", 0, "agent-1", "SUCCEEDED", "sleep 3");
    watchStates("ack-0", TaskState.RUNNING);
    var recorder = bridge.session().recorder();
    await().atMost(DEADLINE).until(() -> recorder.acks() >= recorder.writtenReliable());
    long acked = recorder.acks();
    f.stopApi();
    // the task finishes while the store is down: its update cannot be stored, so no ack
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
        .until(() -> recorder.acks() == acked);
    f.startApiAgain();
    // Mesos re-sends the unacknowledged update; it lands in the store and the run completes
    watchStates("ack-0", TaskState.SUCCEEDED);
    assertEquals(0, f.task("ack-0").status().terminationStatus().exitCode());
  }
}
