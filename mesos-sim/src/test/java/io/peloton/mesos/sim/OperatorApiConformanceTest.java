package io.peloton.mesos.sim;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.testing.HttpCalls;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.StoutJson;
import io.peloton.mesos.sim.wire.WireFormat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirrors the maintenance tests of src/tests/api_tests.cpp, plus the state queries the simulator serves. */
class OperatorApiConformanceTest {
  private static final String MACHINES = "[{\"hostname\":\"Machine1\",\"ip\":\"0.0.0.1\"},{\"ip\":\"0.0.0.2\"}]";
  private MesosSimulator sim;

  @BeforeEach
  void start() {
    sim = SimulatorFixture.start(2);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> operator(String json) {
    return HttpCalls.post(sim.port(), "/api/v1", json);
  }

  private Response response(String json) {
    HttpResponse<String> r = operator(json);
    assertEquals(200, r.statusCode(), r.body());
    return StoutJson.parse(r.body(), Response.newBuilder()).build();
  }

  private String updateSchedule() {
    return "{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\",\"update_maintenance_schedule\":{\"schedule\":{\"windows\":[{"
        + "\"machine_ids\":" + MACHINES + ",\"unavailability\":{\"start\":{\"nanoseconds\":"
        + System.currentTimeMillis() * 1_000_000L + "}}}]}}}";
  }

  @Test
  void UpdateAndGetMaintenanceSchedule() {
    HttpResponse<String> r = operator(updateSchedule());
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    Response get = response("{\"type\":\"GET_MAINTENANCE_SCHEDULE\"}");
    assertEquals(1, get.getGetMaintenanceSchedule().getSchedule().getWindowsCount());
    var machines = get.getGetMaintenanceSchedule().getSchedule().getWindows(0).getMachineIdsList();
    assertEquals(2, machines.size());
    assertEquals("Machine1", machines.get(0).getHostname());
    assertEquals("0.0.0.2", machines.get(1).getIp());
  }

  @Test
  void GetMaintenanceStatus() {
    assertEquals(200, operator(updateSchedule()).statusCode());
    Response status = response("{\"type\":\"GET_MAINTENANCE_STATUS\"}");
    assertEquals(2, status.getGetMaintenanceStatus().getStatus().getDrainingMachinesCount());
  }

  @Test
  void StartAndStopMaintenance() {
    assertEquals(200, operator(updateSchedule()).statusCode());
    assertEquals(200, operator("{\"type\":\"START_MAINTENANCE\",\"start_maintenance\":{\"machines\":"
        + "[{\"hostname\":\"Machine1\",\"ip\":\"0.0.0.1\"}]}}").statusCode());
    assertEquals(1, response("{\"type\":\"GET_MAINTENANCE_STATUS\"}").getGetMaintenanceStatus().getStatus()
        .getDownMachinesCount());
    assertEquals(200, operator("{\"type\":\"STOP_MAINTENANCE\",\"stop_maintenance\":{\"machines\":"
        + "[{\"hostname\":\"Machine1\",\"ip\":\"0.0.0.1\"}]}}").statusCode());
    assertEquals(400, operator("{\"type\":\"START_MAINTENANCE\"}").statusCode());
  }

  @Test
  void StateQueries() {
    try (SchedulerClient c = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build())) {
      c.launchRunning(c.awaitOffer(), "t1", "sleep 1000");
      Response agents = response("{\"type\":\"GET_AGENTS\"}");
      assertEquals(2, agents.getGetAgents().getAgentsCount());
      Response tasks = response("{\"type\":\"GET_TASKS\"}");
      assertEquals("t1", tasks.getGetTasks().getTasks(0).getTaskId().getValue());
      assertEquals(org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING, tasks.getGetTasks().getTasks(0).getState());
      Response fws = response("{\"type\":\"GET_FRAMEWORKS\"}");
      assertEquals(c.fid(), fws.getGetFrameworks().getFrameworks(0).getFrameworkInfo().getId());
      Response state = response("{\"type\":\"GET_STATE\"}");
      assertEquals(1, state.getGetState().getGetTasks().getTasksCount());
      assertEquals(2, state.getGetState().getGetAgents().getAgentsCount());
      // protobuf answers too
      HttpRequest proto = HttpRequest.newBuilder(URI.create(sim.url() + "/api/v1"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .header("Accept", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_TASKS\"}"))
          .build();
      HttpResponse<byte[]> pr = SchedulerClient.HTTP.send(proto, HttpResponse.BodyHandlers.ofByteArray());
      assertEquals("application/x-protobuf", pr.headers().firstValue("Content-Type").orElse(""));
      assertEquals(1, Response.parseFrom(pr.body()).getGetTasks().getTasksCount());
      String v0 = HttpCalls.get(sim.port(), "/master/state").body();
      assertTrue(v0.contains("\"activated_slaves\":2") && v0.contains("\"t1\""), v0);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void RedirectAndHealth() {
    HttpResponse<String> r = HttpCalls.get(sim.port(), "/redirect");
    assertEquals(307, r.statusCode());
    assertEquals("//127.0.0.1:" + sim.port(), r.headers().firstValue("Location").orElse(""));
    assertEquals(307, HttpCalls.get(sim.port(), "/master/redirect").statusCode());
    assertEquals(404, HttpCalls.get(sim.port(), "/redirect/loop").statusCode());
    assertEquals(200, HttpCalls.get(sim.port(), "/health").statusCode());
    assertEquals(415, HttpCalls.post(sim.port(), "/api/v1", "{\"type\":\"GET_HEALTH\"}", "text/plain").statusCode());
  }
}
