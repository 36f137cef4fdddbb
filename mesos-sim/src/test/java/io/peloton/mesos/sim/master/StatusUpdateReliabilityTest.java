package io.peloton.mesos.sim.master;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status updates are reliable: in order, one outstanding per task, re-sent until acknowledged. */
class StatusUpdateReliabilityTest {
  private MesosSimulator sim;
  private SchedulerClient client;

  @BeforeEach
  void start() {
    sim = MesosSimulator.start(SimulatorFixture.config(1).withStatusUpdateRetry(Duration.ofMillis(200)));
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private long countState(String taskId, TaskState state) {
    return client.updates(taskId).stream().filter(s -> s.getState() == state).count();
  }

  @Test
  void updatesArriveInOrderOneAtATimeAndAreResentUntilAcknowledged() {
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "exit 0", 0.1, 32));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> countState("t1", TaskState.TASK_STARTING) >= 2);
    assertEquals(TaskState.TASK_FINISHED, sim.taskState(client.frameworkId(), "t1")); // the agent is ahead
    List<TaskStatus> seen = client.updates("t1");
    assertEquals(1, seen.stream().map(TaskStatus::getUuid).distinct().count()); // the same update, re-sent
    assertEquals(0, countState("t1", TaskState.TASK_RUNNING));
    client.acknowledge(seen.get(0));
    client.acknowledge(client.awaitUpdate("t1", TaskState.TASK_RUNNING));
    client.acknowledge(client.awaitUpdate("t1", TaskState.TASK_FINISHED));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sim.taskState(client.frameworkId(), "t1") == null);
    List<TaskState> order = client.updates("t1").stream().map(TaskStatus::getState).distinct().toList();
    assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), order);
  }

  @Test
  void droppedUpdateIsDeliveredByTheRetry() {
    sim.faults().dropStatusUpdates(1);
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "sleep 1000", 0.1, 32));
    TaskStatus starting = client.awaitUpdate("t1", TaskState.TASK_STARTING);
    assertEquals(1, countState("t1", TaskState.TASK_STARTING));
    client.acknowledge(starting);
    client.awaitUpdate("t1", TaskState.TASK_RUNNING);
  }

  @Test
  void delayedUpdatesAreHeldBackWhileMasterUpdatesFlow() {
    sim.faults().delayStatusUpdates(Duration.ofHours(1));
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "sleep 1000", 0.1, 32));
    client.reconcile("probe", Protos.AgentID.newBuilder().setValue("x").build());
    client.awaitUpdate("probe", TaskState.TASK_LOST); // master-made updates are not delayed
    assertEquals(0, countState("t1", TaskState.TASK_STARTING));
    sim.faults().delayStatusUpdates(Duration.ZERO);
    client.awaitUpdate("t1", TaskState.TASK_STARTING); // the retry delivers it once the delay is lifted
  }
}
