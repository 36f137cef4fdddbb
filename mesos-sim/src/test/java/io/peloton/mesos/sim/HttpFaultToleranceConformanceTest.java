package io.peloton.mesos.sim;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.peloton.mesos.sim.testing.HttpCalls;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.time.Duration;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirrors src/tests/http_fault_tolerance_tests.cpp (v1 HTTP schedulers). */
class HttpFaultToleranceConformanceTest {
  private MesosSimulator sim;

  @BeforeEach
  void start() {
    sim = SimulatorFixture.start(1);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void FrameworkPrincipalChangeFails() {
    try (SchedulerClient first = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setPrincipal("alice").setFailoverTimeout(3600).build())) {
      Protos.FrameworkID id = first.fid();
      try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
          framework().setId(id).setPrincipal("bob").setFailoverTimeout(3600).build())) {
        Event error = second.await(e -> true);
        assertEquals(Event.Type.ERROR, error.getType());
        assertEquals("Changing framework's principal is not allowed.", error.getError().getMessage());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(second::streamEnded);
        assertEquals(0, second.count(type(Event.Type.SUBSCRIBED)));
      }
    }
  }

  @Test
  void SchedulerSubscribeAfterFailoverTimeout() {
    Protos.FrameworkID id;
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setFailoverTimeout(0.2).build())) {
      id = c.fid();
      c.launchRunning(c.awaitOffer(), "t1", "sleep 1000");
    }
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> HttpCalls.get(sim.port(), "/master/state").body().contains("\"completed_frameworks\":[{\"id\":\""
            + id.getValue()));
    assertNull(sim.taskState(id.getValue(), "t1")); // past the timeout its tasks are killed
    try (SchedulerClient again = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setId(id).build())) {
      Event error = again.await(e -> true);
      assertEquals(Event.Type.ERROR, error.getType());
      assertEquals("Framework has been removed", error.getError().getMessage());
    }
  }

  @Test
  void SchedulerSubscribeAfterTeardown() {
    Protos.FrameworkID id;
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build())) {
      id = c.fid();
      assertEquals(202, c.call(c.callOf(Call.Type.TEARDOWN).build()).statusCode());
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(c::streamEnded);
    }
    try (SchedulerClient again = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().setId(id).build())) {
      assertEquals(Event.Type.ERROR, again.await(e -> true).getType());
    }
  }

  @Test
  void SchedulerFailoverStatusUpdate() {
    try (SchedulerClient first = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setFailoverTimeout(3600).build())) {
      Protos.FrameworkID id = first.fid();
      Protos.Offer offer = first.awaitOffer();
      first.accept(offer, SchedulerClient.launch(offer, "t1", "sleep 1000", 0.1, 32));
      first.acknowledge(first.awaitUpdate("t1", TaskState.TASK_STARTING));
      TaskStatus running = first.awaitUpdate("t1", TaskState.TASK_RUNNING); // not acknowledged
      try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
          framework().setId(id).setFailoverTimeout(3600).build())) {
        TaskStatus again = second.awaitUpdate("t1", TaskState.TASK_RUNNING);
        assertEquals(running.getUuid(), again.getUuid());
        assertEquals(running.getExecutorId(), again.getExecutorId());
        assertEquals("Framework failed over", first.await(type(Event.Type.ERROR)).getError().getMessage());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(first::streamEnded);
      }
    }
  }

  @Test
  void SchedulerFailoverFrameworkToExecutorMessage() {
    try (SchedulerClient first = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setFailoverTimeout(3600).build())) {
      Protos.FrameworkID id = first.fid();
      TaskStatus running = first.launchRunning(first.awaitOffer(), "t1", "sleep 1000");
      try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
          framework().setId(id).setFailoverTimeout(3600).build())) {
        second.await(type(Event.Type.SUBSCRIBED));
        assertEquals(202, second.call(second.callOf(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder()
            .setAgentId(running.getAgentId()).setExecutorId(running.getExecutorId())
            .setData(SchedulerClient.bytes("after failover"))).build()).statusCode());
        assertEquals("after failover",
            sim.messagesTo(running.getAgentId().getValue(), "t1").get(0).toStringUtf8());
      }
    }
  }

  @Test
  void SchedulerFailoverExecutorToFrameworkMessage() {
    try (SchedulerClient first = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        framework().setFailoverTimeout(3600).build())) {
      Protos.FrameworkID id = first.fid();
      TaskStatus running = first.launchRunning(first.awaitOffer(), "t1", "sleep 1000");
      try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
          framework().setId(id).setFailoverTimeout(3600).build())) {
        second.await(type(Event.Type.SUBSCRIBED));
        sim.sendFrameworkMessage(id.getValue(), running.getAgentId().getValue(), "t1",
            SchedulerClient.bytes("from executor"));
        Event message = second.await(type(Event.Type.MESSAGE));
        assertEquals("from executor", message.getMessage().getData().toStringUtf8());
        assertEquals("t1", message.getMessage().getExecutorId().getValue());
        assertEquals(0, first.count(type(Event.Type.MESSAGE)));
      }
    }
  }

  @Test
  void SchedulerExit() {
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build())) {
      c.launchRunning(c.awaitOffer(), "t1", "sleep 1000");
      assertEquals(TaskState.TASK_RUNNING, sim.taskState(c.frameworkId(), "t1"));
      c.call(c.callOf(Call.Type.TEARDOWN).build());
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(c::streamEnded);
      assertNull(sim.taskState(c.frameworkId(), "t1"));
      assertEquals(0, sim.countTasks(TaskState.TASK_RUNNING));
    }
  }
}
