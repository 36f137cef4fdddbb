package io.peloton.mesos.sim.fault;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.testing.HttpCalls;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.time.Duration;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection through the in-process API and the admin endpoint. */
class FaultInjectionTest {
  private MesosSimulator sim;
  private SchedulerClient client;

  @BeforeEach
  void start() {
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().setFailoverTimeout(3600).build());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void removedAgentLosesTasksAndComesBackWithANewId() {
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    sim.faults().removeAgent("Machine1");
    TaskStatus lost = client.awaitUpdate("t1", TaskState.TASK_LOST);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, lost.getReason());
    assertEquals(running.getAgentId(), client.await(type(Event.Type.FAILURE)).getFailure().getAgentId());
    String newId = sim.faults().restoreAgent("Machine1");
    assertNotEquals(running.getAgentId().getValue(), newId);
    client.await(e -> e.getType() == Event.Type.OFFERS
        && e.getOffers().getOffers(0).getAgentId().getValue().equals(newId));
  }

  @Test
  void partitionAndHealOverTheAdminEndpoint() {
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    String agent = running.getAgentId().getValue();
    assertEquals(200, HttpCalls.post(sim.port(), "/admin/agents/" + agent + "/partition", "").statusCode());
    assertTrue(client.awaitUpdate("t1", TaskState.TASK_LOST).hasUnreachableTime());
    assertEquals("UNREACHABLE", sim.agent(agent).status());
    assertEquals(400, HttpCalls.post(sim.port(), "/admin/agents/" + agent + "/partition", "").statusCode());
    assertEquals(200, HttpCalls.post(sim.port(), "/admin/agents/" + agent + "/heal", "").statusCode());
    client.reconcile("t1", running.getAgentId());
    TaskStatus r = client.await(e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
    assertEquals(TaskState.TASK_RUNNING, r.getState()); // the task survived the partition
  }

  @Test
  void masterRestartDropsStreamsAndFrameworksResubscribe() {
    Protos.FrameworkID id = client.fid();
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "t1", "sleep 1000", 0.1, 32));
    TaskStatus starting = client.awaitUpdate("t1", TaskState.TASK_STARTING); // left unacknowledged
    assertEquals(200, HttpCalls.post(sim.port(), "/admin/master/restart", "").statusCode());
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(client::streamEnded);
    client.close();
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().setId(id).setFailoverTimeout(3600).build());
    assertEquals(id, client.await(type(Event.Type.SUBSCRIBED)).getSubscribed().getFrameworkId());
    assertEquals(starting.getUuid(), client.awaitUpdate("t1", TaskState.TASK_STARTING).getUuid()); // re-sent
    client.awaitOffer();
  }

  @Test
  void adminInputErrorsNameTheField() {
    var unknown = HttpCalls.post(sim.port(), "/admin/agents/nope/remove", "");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().startsWith("agent:"), unknown.body());
    var bad = HttpCalls.post(sim.port(), "/admin/status-updates", "{\"drop_next\":\"many\"}");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().startsWith("drop_next:"), bad.body());
    var negative = HttpCalls.post(sim.port(), "/admin/status-updates", "{\"delay_ms\":-5}");
    assertEquals(400, negative.statusCode());
    assertTrue(negative.body().startsWith("delay_ms:"), negative.body());
    var agentSpec = HttpCalls.post(sim.port(), "/admin/agents", "{\"hostname\":\"x\",\"cpus\":0,\"mem\":10}");
    assertEquals(400, agentSpec.statusCode());
    assertTrue(agentSpec.body().contains("cpus"), agentSpec.body());
    var added = HttpCalls.post(sim.port(), "/admin/agents", "{\"hostname\":\"extra\",\"cpus\":2,\"mem\":1024}");
    assertEquals(200, added.statusCode());
    assertTrue(HttpCalls.get(sim.port(), "/admin/agents").body().contains("\"extra\""));
    assertEquals(200, HttpCalls.post(sim.port(), "/admin/status-updates", "{\"drop_next\":0,\"delay_ms\":0}").statusCode());
  }
}
