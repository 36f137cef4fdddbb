package io.peloton.mesos.sim;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static io.peloton.mesos.sim.testing.SchedulerClient.withCapability;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mirrors src/tests/reconciliation_tests.cpp. */
class ReconciliationConformanceTest {
  private MesosSimulator sim;
  private SchedulerClient client;

  private void start(SimulatorConfig config, Protos.FrameworkInfo info) {
    sim = MesosSimulator.start(config);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, info);
  }

  private void start() {
    start(SimulatorFixture.config(1), framework().build());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    sim.close();
  }

  private static boolean isReconciliation(Event e, String taskId) {
    return e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION;
  }

  private TaskStatus awaitReconciliation(SchedulerClient c, String taskId, int nth) {
    return c.awaitNth(e -> isReconciliation(e, taskId), nth).getUpdate().getStatus();
  }

  /** Events are ordered: once a later probe is answered, any earlier answer would have arrived. */
  private void assertNoReconciliationFor(SchedulerClient c, String taskId) {
    c.reconcile("probe-" + taskId, Protos.AgentID.newBuilder().setValue("no-such-agent").build());
    awaitReconciliation(c, "probe-" + taskId, 1);
    assertEquals(0, c.count(e -> isReconciliation(e, taskId)));
  }

  @Test
  void TaskStateMismatch() {
    start();
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.reconcile("t1", running.getAgentId());
    TaskStatus r = awaitReconciliation(client, "t1", 1);
    assertEquals(TaskState.TASK_RUNNING, r.getState());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, r.getSource());
    assertFalse(r.hasUuid());
  }

  @Test
  void TaskStateMatch() {
    start();
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.reconcile("t1", running.getAgentId());
    assertEquals(TaskState.TASK_RUNNING, awaitReconciliation(client, "t1", 1).getState());
    client.reconcile("t1", running.getAgentId());
    assertEquals(TaskState.TASK_RUNNING, awaitReconciliation(client, "t1", 2).getState());
  }

  @Test
  void UnknownSlave() {
    start(SimulatorFixture.config(1),
        withCapability(framework(), Protos.FrameworkInfo.Capability.Type.PARTITION_AWARE).build());
    client.reconcile("random-task", Protos.AgentID.newBuilder().setValue("random-agent").build());
    TaskStatus r = awaitReconciliation(client, "random-task", 1);
    assertEquals(TaskState.TASK_UNKNOWN, r.getState());
    assertFalse(r.hasUnreachableTime());
  }

  @Test
  void UnknownTask() {
    start();
    Protos.Offer offer = client.awaitOffer();
    client.reconcile("unknown", offer.getAgentId());
    TaskStatus r = awaitReconciliation(client, "unknown", 1);
    assertEquals(TaskState.TASK_LOST, r.getState());
    assertFalse(r.hasUnreachableTime());
  }

  @Test
  void UnknownTaskPartitionAware() {
    start(SimulatorFixture.config(1),
        withCapability(framework(), Protos.FrameworkInfo.Capability.Type.PARTITION_AWARE).build());
    Protos.Offer offer = client.awaitOffer();
    client.reconcile("unknown", offer.getAgentId());
    assertEquals(TaskState.TASK_GONE, awaitReconciliation(client, "unknown", 1).getState());
  }

  @Test
  void UnknownKillTask() {
    start();
    client.kill("unknown", null);
    TaskStatus r = awaitReconciliation(client, "unknown", 1);
    assertEquals(TaskState.TASK_LOST, r.getState());
  }

  @Test
  void RecoveredAgent() {
    start(SimulatorFixture.config(1).withAgentReregisterDelay(Duration.ofMinutes(10)), framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    String fid = client.frameworkId();
    sim.faults().restartMaster();
    client.close();
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setId(Protos.FrameworkID.newBuilder().setValue(fid)).build());
    client.await(type(Event.Type.SUBSCRIBED));
    client.reconcile("t1", running.getAgentId());
    assertNoReconciliationFor(client, "t1");
  }

  @Test
  void RecoveredAgentReregistrationInProgress() {
    start(SimulatorFixture.config(1).withAgentReregisterDelay(Duration.ofMinutes(10)), framework().build());
    client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    String fid = client.frameworkId();
    sim.faults().restartMaster();
    client.close();
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setId(Protos.FrameworkID.newBuilder().setValue(fid)).build());
    client.reconcile("t1", null); // no agent given, and an agent is still re-registering
    client.reconcile("other", null);
    assertNoReconciliationFor(client, "t1");
    assertEquals(0, client.count(e -> isReconciliation(e, "other")));
  }

  @Test
  void ImplicitNonTerminalTask() {
    start();
    client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.reconcileAll();
    TaskStatus r = awaitReconciliation(client, "t1", 1);
    assertEquals(TaskState.TASK_RUNNING, r.getState());
  }

  @Test
  void ImplicitTerminalTask() {
    start();
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "exit 0", 0.1, 32));
    for (TaskState s : List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED)) {
      client.acknowledge(client.awaitUpdate("t1", s));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sim.taskState(client.frameworkId(), "t1") == null);
    client.reconcileAll();
    assertNoReconciliationFor(client, "t1");
  }

  @Test
  void UnacknowledgedTerminalTask() {
    start();
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "exit 0", 0.1, 32));
    client.acknowledge(client.awaitUpdate("t1", TaskState.TASK_STARTING));
    client.acknowledge(client.awaitUpdate("t1", TaskState.TASK_RUNNING));
    client.awaitUpdate("t1", TaskState.TASK_FINISHED); // not acknowledged
    client.reconcileAll();
    TaskStatus r = awaitReconciliation(client, "t1", 1);
    assertEquals(TaskState.TASK_FINISHED, r.getState());
    assertEquals(offer.getAgentId(), r.getAgentId());
  }

  @Test
  void ReconcileStatusUpdateTaskState() {
    start();
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "exit 0", 0.1, 32));
    client.acknowledge(client.awaitUpdate("t1", TaskState.TASK_STARTING));
    client.awaitUpdate("t1", TaskState.TASK_RUNNING); // not acknowledged, the agent already has FINISHED
    assertEquals(TaskState.TASK_FINISHED, sim.taskState(client.frameworkId(), "t1"));
    client.reconcile("t1", offer.getAgentId());
    assertEquals(TaskState.TASK_RUNNING, awaitReconciliation(client, "t1", 1).getState());
  }

  @Test
  void PartitionedAgentThenMasterFailover() {
    start();
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    sim.faults().partitionAgent(running.getAgentId().getValue());
    TaskStatus lost = client.awaitUpdate("t1", TaskState.TASK_LOST);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, lost.getReason());
    assertTrue(lost.hasUnreachableTime());
    Event failure = client.await(type(Event.Type.FAILURE));
    assertEquals(running.getAgentId(), failure.getFailure().getAgentId());
    client.reconcile("t1", running.getAgentId());
    TaskStatus before = awaitReconciliation(client, "t1", 1);
    assertEquals(TaskState.TASK_LOST, before.getState());
    assertEquals(lost.getUnreachableTime(), before.getUnreachableTime());

    String fid = client.frameworkId();
    sim.faults().restartMaster();
    client.close();
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setId(Protos.FrameworkID.newBuilder().setValue(fid)).build());
    client.reconcile("t1", running.getAgentId());
    TaskStatus after = awaitReconciliation(client, "t1", 1);
    assertEquals(TaskState.TASK_LOST, after.getState());
    assertEquals(lost.getUnreachableTime(), after.getUnreachableTime());
  }
}
