package io.peloton.mesos.sim;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.time.Duration;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirrors the v1 scheduler-library tests of src/tests/scheduler_tests.cpp. */
class SchedulerConformanceTest {
  private MesosSimulator sim;
  private SchedulerClient client;

  @BeforeEach
  void start() {
    sim = SimulatorFixture.start(1);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    sim.close();
  }

  private void subscribe(Protos.FrameworkInfo info) {
    client = SchedulerClient.subscribe(sim.port(), WireFormat.PROTOBUF, info);
  }

  /** Runs an allocation now, then proves (by event order) that it produced no new OFFERS. */
  private void assertNoNewOffers(long offersBefore) {
    sim.allocateNow();
    String probe = "probe-" + System.nanoTime();
    client.reconcile(probe, Protos.AgentID.newBuilder().setValue("none").build());
    client.awaitUpdate(probe, TaskState.TASK_LOST);
    assertEquals(offersBefore, client.count(type(Event.Type.OFFERS)));
  }

  @Test
  void TaskRunning() {
    subscribe(framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, running.getSource());
    assertEquals("t1", running.getExecutorId().getValue());
    assertEquals(16, running.getUuid().size());
  }

  @Test
  void TaskGroupRunning() {
    subscribe(framework().build());
    Protos.Offer offer = client.awaitOffer();
    Protos.ExecutorInfo exec = Protos.ExecutorInfo.newBuilder().setType(Protos.ExecutorInfo.Type.DEFAULT)
        .setExecutorId(Protos.ExecutorID.newBuilder().setValue("grp-1")).setFrameworkId(client.fid())
        .addResources(SchedulerClient.scalar("cpus", 0.1)).addResources(SchedulerClient.scalar("mem", 32)).build();
    client.accept(offer, Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Protos.Offer.Operation.LaunchGroup.newBuilder().setExecutor(exec)
            .setTaskGroup(Protos.TaskGroupInfo.newBuilder()
                .addTasks(SchedulerClient.task(offer, "g1", "sleep 1000", 0.1, 32))
                .addTasks(SchedulerClient.task(offer, "g2", "sleep 1000", 0.1, 32)))).build());
    for (String id : new String[] {"g1", "g2"}) {
      TaskStatus starting = client.awaitUpdate(id, TaskState.TASK_STARTING);
      assertEquals("grp-1", starting.getExecutorId().getValue());
      client.acknowledge(starting);
      client.awaitUpdate(id, TaskState.TASK_RUNNING);
    }
  }

  @Test
  void ReconcileTask() {
    subscribe(framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.reconcile("t1", running.getAgentId());
    TaskStatus r = client.await(e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
    assertEquals(TaskState.TASK_RUNNING, r.getState());
  }

  @Test
  void KillTask() {
    subscribe(framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.kill("t1", running.getAgentId());
    TaskStatus killed = client.awaitUpdate("t1", TaskState.TASK_KILLED);
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, killed.getSource());
  }

  @Test
  void KillTaskWithKillingState() {
    subscribe(SchedulerClient.withCapability(framework(), Protos.FrameworkInfo.Capability.Type.TASK_KILLING_STATE)
        .build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.kill("t1", running.getAgentId());
    client.acknowledge(client.awaitUpdate("t1", TaskState.TASK_KILLING));
    client.awaitUpdate("t1", TaskState.TASK_KILLED);
  }

  @Test
  void ShutdownExecutor() {
    subscribe(framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.call(client.callOf(Call.Type.SHUTDOWN).setShutdown(Call.Shutdown.newBuilder()
        .setAgentId(running.getAgentId()).setExecutorId(running.getExecutorId())).build());
    TaskStatus terminal = client.awaitUpdate("t1", TaskState.TASK_KILLED);
    Event failure = client.await(type(Event.Type.FAILURE));
    assertEquals(running.getExecutorId(), failure.getFailure().getExecutorId());
    assertTrue(client.events.indexOf(failure) > 0 && terminal.hasUuid());
  }

  @Test
  void Decline() {
    subscribe(framework().build());
    Protos.Offer offer = client.awaitOffer();
    client.decline(offer.getId(), 0);
    Protos.Offer again = client.awaitNth(type(Event.Type.OFFERS), 2).getOffers().getOffers(0);
    assertEquals(offer.getAgentId(), again.getAgentId());
    assertEquals(offer.getResourcesList(), again.getResourcesList());
  }

  @Test
  void Revive() {
    subscribe(framework().build());
    Protos.Offer offer = client.awaitOffer();
    client.decline(offer.getId(), 3600);
    assertNoNewOffers(1);
    client.call(client.callOf(Call.Type.REVIVE).build());
    Protos.Offer again = client.awaitNth(type(Event.Type.OFFERS), 2).getOffers().getOffers(0);
    assertEquals(offer.getResourcesList(), again.getResourcesList());
  }

  @Test
  void Suppress() {
    subscribe(framework().build());
    Protos.Offer offer = client.awaitOffer();
    client.call(client.callOf(Call.Type.SUPPRESS).build());
    client.decline(offer.getId(), 0);
    assertNoNewOffers(1);
    client.call(client.callOf(Call.Type.REVIVE).build());
    client.awaitNth(type(Event.Type.OFFERS), 2);
  }

  @Test
  void NoOffersWithAllRolesSuppressed() {
    client = SchedulerClient.open(sim.port(), WireFormat.PROTOBUF, WireFormat.PROTOBUF.encode(Call.newBuilder()
            .setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework())
                .addSuppressedRoles("eng")).build()),
        WireFormat.PROTOBUF.mediaType(), WireFormat.PROTOBUF.mediaType(), java.util.Map.of());
    client.await(type(Event.Type.SUBSCRIBED));
    assertNoNewOffers(0);
    client.call(client.callOf(Call.Type.REVIVE).build());
    client.awaitOffer();
  }

  @Test
  void NoOffersOnReregistrationWithAllRolesSuppressed() {
    subscribe(framework().setFailoverTimeout(3600).build());
    Protos.FrameworkID id = client.fid();
    client.awaitOffer();
    client.close();
    client = SchedulerClient.open(sim.port(), WireFormat.PROTOBUF, WireFormat.PROTOBUF.encode(Call.newBuilder()
            .setType(Call.Type.SUBSCRIBE).setFrameworkId(id).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(framework().setId(id).setFailoverTimeout(3600)).addSuppressedRoles("eng")).build()),
        WireFormat.PROTOBUF.mediaType(), WireFormat.PROTOBUF.mediaType(), java.util.Map.of());
    client.await(type(Event.Type.SUBSCRIBED));
    assertNoNewOffers(0);
  }

  @Test
  void Message() {
    subscribe(framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    var r = client.call(client.callOf(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder()
        .setAgentId(running.getAgentId()).setExecutorId(running.getExecutorId())
        .setData(SchedulerClient.bytes("hello"))).build());
    assertEquals(202, r.statusCode());
    assertEquals("hello", sim.messagesTo(running.getAgentId().getValue(), "t1").get(0).toStringUtf8());
  }

  @Test
  void Request() {
    subscribe(framework().build());
    var r = client.call(client.callOf(Call.Type.REQUEST).setRequest(Call.Request.newBuilder()
        .addRequests(Protos.Request.newBuilder().addResources(SchedulerClient.scalar("cpus", 1)))).build());
    assertEquals(202, r.statusCode());
    assertEquals("", r.body());
  }

  @Test
  void SchedulerFailover() {
    subscribe(framework().setFailoverTimeout(3600).build());
    Protos.FrameworkID id = client.fid();
    client.awaitOffer();
    try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), WireFormat.PROTOBUF,
        framework().setId(id).setFailoverTimeout(3600).build())) {
      assertEquals(id, second.await(type(Event.Type.SUBSCRIBED)).getSubscribed().getFrameworkId());
      Event error = client.await(type(Event.Type.ERROR));
      assertEquals("Framework failed over", error.getError().getMessage());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(client::streamEnded);
      second.awaitOffer(); // outstanding offers were discarded and re-offered on the new stream
    }
  }

  @Test
  void SchedulerReconnect() {
    subscribe(framework().setFailoverTimeout(3600).build());
    Protos.FrameworkID id = client.fid();
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    client.close();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> SchedulerClient.post(sim.port(), WireFormat.JSON,
            Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(id).build(), "x").statusCode() == 403);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.PROTOBUF,
        framework().setId(id).setFailoverTimeout(3600).build());
    assertEquals(id, client.await(type(Event.Type.SUBSCRIBED)).getSubscribed().getFrameworkId());
    client.reconcile("t1", running.getAgentId());
    assertEquals(TaskState.TASK_RUNNING, client.await(e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION)
        .getUpdate().getStatus().getState());
  }
}
