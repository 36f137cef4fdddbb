package io.peloton.mesos.sim;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Mirrors src/tests/scheduler_http_api_tests.cpp (each test for JSON and protobuf). */
class SchedulerHttpApiConformanceTest {
  private MesosSimulator sim;

  @BeforeEach
  void start() {
    sim = MesosSimulator.start(SimulatorFixture.config(1).withHeartbeatInterval(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Call subscribeCall() {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework())).build();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void NoContentType(WireFormat format) {
    SchedulerClient c = SchedulerClient.open(sim.port(), format, format.encode(subscribeCall()), null,
        format.mediaType(), Map.of());
    assertEquals(400, c.status);
    assertEquals("Expecting 'Content-Type' to be present", c.errorBody);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void ValidJsonButInvalidProtobuf(WireFormat format) {
    byte[] body = "{\"string\":\"valid_json\"}".getBytes(StandardCharsets.UTF_8);
    SchedulerClient c = SchedulerClient.open(sim.port(), format, body, "application/json", format.mediaType(), Map.of());
    assertEquals(400, c.status);
    assertTrue(c.errorBody.contains("Expecting 'type' to be present"), c.errorBody);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void MalformedContent(WireFormat format) {
    byte[] body = "MALFORMED_CONTENT".getBytes(StandardCharsets.UTF_8);
    SchedulerClient c = SchedulerClient.open(sim.port(), format, body, format.mediaType(), format.mediaType(), Map.of());
    assertEquals(400, c.status);
    assertTrue(c.headers.get("Content-Type").startsWith("text/plain"));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void UnsupportedContentMediaType(WireFormat format) {
    SchedulerClient c = SchedulerClient.open(sim.port(), format, format.encode(subscribeCall()),
        "application/unknown-media-type", format.mediaType(), Map.of());
    assertEquals(415, c.status);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void Subscribe(WireFormat format) {
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), format, framework().build())) {
      assertEquals(200, c.status);
      assertEquals("chunked", c.headers.get("Transfer-Encoding"));
      assertEquals(format.mediaType(), c.headers.get("Content-Type"));
      assertFalse(c.streamId().isEmpty());
      c.awaitNth(e -> true, 2);
      assertEquals(Event.Type.SUBSCRIBED, c.events.get(0).getType());
      assertFalse(c.events.get(0).getSubscribed().getFrameworkId().getValue().isEmpty());
      assertEquals(Event.Type.HEARTBEAT, c.events.get(1).getType());
      c.awaitNth(type(Event.Type.HEARTBEAT), 2); // the periodic heartbeat follows
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void RejectFrameworkWithInvalidRole(WireFormat format) {
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), format, framework("/test/test1").build())) {
      assertEquals(200, c.status);
      assertEquals("chunked", c.headers.get("Transfer-Encoding"));
      Event first = c.await(e -> true);
      assertEquals(Event.Type.ERROR, first.getType());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(c::streamEnded);
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void SubscribeWithStreamId(WireFormat format) {
    SchedulerClient c = SchedulerClient.open(sim.port(), format, format.encode(subscribeCall()), format.mediaType(),
        format.mediaType(), Map.of("Mesos-Stream-Id", "b7c1d6a8-0000-4000-8000-000000000000"));
    assertEquals(400, c.status);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void SubscribedOnRetry(WireFormat format) {
    try (SchedulerClient first = SchedulerClient.subscribe(sim.port(), format, framework().build())) {
      Protos.FrameworkID id = first.fid();
      try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), format, framework().setId(id).build())) {
        Event subscribed = second.await(type(Event.Type.SUBSCRIBED));
        assertEquals(id, subscribed.getSubscribed().getFrameworkId());
        second.await(type(Event.Type.HEARTBEAT));
        assertEquals(Event.Type.HEARTBEAT, second.events.get(1).getType());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void NotAcceptable(WireFormat format) {
    SchedulerClient c = SchedulerClient.open(sim.port(), format, format.encode(subscribeCall()), format.mediaType(),
        "foo", Map.of());
    assertEquals(406, c.status);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void NoAcceptHeader(WireFormat format) {
    try (SchedulerClient c = SchedulerClient.open(sim.port(), format, format.encode(subscribeCall()),
        format.mediaType(), null, Map.of())) {
      assertEquals(200, c.status);
      assertEquals("application/json", c.headers.get("Content-Type"));
      c.await(type(Event.Type.SUBSCRIBED));
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void DefaultAccept(WireFormat format) {
    try (SchedulerClient c = SchedulerClient.open(sim.port(), format, format.encode(subscribeCall()),
        format.mediaType(), "*/*", Map.of())) {
      assertEquals(200, c.status);
      assertEquals("application/json", c.headers.get("Content-Type"));
      c.await(type(Event.Type.SUBSCRIBED));
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void GetRequest(WireFormat format) {
    HttpResponse<String> r = io.peloton.mesos.sim.testing.HttpCalls.get(sim.port(), "/api/v1/scheduler");
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void TeardownWithoutStreamId(WireFormat format) {
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), format, framework().build())) {
      HttpResponse<String> r = c.call(c.callOf(Call.Type.TEARDOWN).build(), null);
      assertEquals(400, r.statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void TeardownWrongStreamId(WireFormat format) {
    try (SchedulerClient first = SchedulerClient.subscribe(sim.port(), format, framework().build())) {
      Protos.FrameworkID id = first.fid();
      try (SchedulerClient second = SchedulerClient.subscribe(sim.port(), format, framework().setId(id).build())) {
        second.await(type(Event.Type.SUBSCRIBED));
        assertNotEquals(first.streamId(), second.streamId());
        HttpResponse<String> r = second.call(second.callOf(Call.Type.TEARDOWN).build(), first.streamId());
        assertEquals(400, r.statusCode());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void MalformedUUID(WireFormat format) {
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), format, framework().build())) {
      HttpResponse<String> r = c.call(c.callOf(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
          .setAgentId(Protos.AgentID.newBuilder().setValue("a")).setTaskId(Protos.TaskID.newBuilder().setValue("t"))
          .setUuid(SchedulerClient.bytes("bad-uuid"))).build());
      assertEquals(400, r.statusCode());
      assertEquals("Failed to validate scheduler::Call: Not a valid UUID", r.body());
    }
  }
}
