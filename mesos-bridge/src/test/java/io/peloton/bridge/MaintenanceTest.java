package io.peloton.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.peloton.api.host.Host;
import io.peloton.api.host.HostState;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.api.codec.Codecs;
import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.bridge.testing.BridgeFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host.spec.maintenance drives the Mesos maintenance schedule and machine down/up. */
class MaintenanceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private BridgeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = BridgeFixture.start(2);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void setMaintenance(String host, String mode) throws Exception {
    f.api.typed(Host.class).patch(null, host,
        Codecs.json().readTree("{\"spec\":{\"maintenance\":\"" + mode + "\"}}"), false);
  }

  private HostState stateOf(String host) {
    try {
      Host h = f.host(host);
      return h.status() == null ? null : h.status().state();
    } catch (io.peloton.client.ApiError e) {
      if (e.isNotFound()) {
        return null; // not created yet
      }
      throw e;
    }
  }

  @Test
  void drainDownAndBackUp() throws Exception {
    MesosBridge bridge = f.bridge("b1", WireEncoding.JSON);
    await().atMost(DEADLINE).until(() -> stateOf("agent-1") == HostState.UP);

    setMaintenance("agent-1", "DRAIN");
    await().atMost(DEADLINE).until(() -> stateOf("agent-1") == HostState.DRAINED);
    assertNotNull(f.host("agent-1").status().unavailability());

    setMaintenance("agent-1", "DOWN");
    await().atMost(DEADLINE).until(() -> stateOf("agent-1") == HostState.DOWN);

    setMaintenance("agent-1", "NONE");
    await().atMost(DEADLINE).until(() -> stateOf("agent-1") == HostState.UP
        && f.host("agent-1").status().unavailability() == null);
    assertEquals(HostState.UP, stateOf("agent-2"));
    assertNull(f.host("agent-2").status().unavailability());
  }

  @Test
  void inverseOfferIsAcceptedOnceTheHostRunsNothing() throws Exception {
    MesosBridge bridge = f.bridge("b1", WireEncoding.PROTOBUF);
    f.createTask("svc", 0, "agent-2", "RUNNING", "sleep infinity");
    await().atMost(DEADLINE).until(() -> {
      Task t = f.task("svc-0");
      return t.status() != null && t.status().state() == TaskState.RUNNING;
    });
    await().atMost(DEADLINE).until(() -> stateOf("agent-2") == HostState.UP);
    setMaintenance("agent-2", "DRAIN");
    await().atMost(DEADLINE).until(() -> stateOf("agent-2") == HostState.DRAINING);
    assertEquals(0, bridge.session().maintenance().acceptedInverseOffers());
    f.patchSpec("svc-0", "{\"goalState\":\"KILLED\"}");
    await().atMost(DEADLINE).until(() -> stateOf("agent-2") == HostState.DRAINED);
    await().atMost(DEADLINE).until(() ->
        bridge.session().maintenance().acceptedInverseOffers() >= 1);
  }
}
