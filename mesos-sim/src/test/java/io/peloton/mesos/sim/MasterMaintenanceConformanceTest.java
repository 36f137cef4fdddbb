package io.peloton.mesos.sim;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.cluster.AgentSpec;
import io.peloton.mesos.sim.testing.HttpCalls;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.StoutJson;
import io.peloton.mesos.sim.wire.WireFormat;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.maintenance.Protos.ClusterStatus;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirrors src/tests/master_maintenance_tests.cpp (single master, no HTTP authentication). */
class MasterMaintenanceConformanceTest {
  private static final String M1 = "{\"hostname\":\"Machine1\",\"ip\":\"0.0.0.1\"}";
  private static final String M2 = "{\"hostname\":\"Machine2\",\"ip\":\"0.0.0.2\"}";
  private static final String M3 = "{\"hostname\":\"Machine3\",\"ip\":\"0.0.0.3\"}";
  private MesosSimulator sim;
  private SchedulerClient client;

  @BeforeEach
  void start() {
    sim = SimulatorFixture.start(3);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    sim.close();
  }

  private static String window(long startNanos, long durationNanos, String... machines) {
    return "{\"machine_ids\":[" + String.join(",", machines) + "],\"unavailability\":{\"start\":{\"nanoseconds\":"
        + startNanos + "},\"duration\":{\"nanoseconds\":" + durationNanos + "}}}";
  }

  private static String schedule(String... windows) {
    return "{\"windows\":[" + String.join(",", windows) + "]}";
  }

  private int postSchedule(String body) {
    return HttpCalls.post(sim.port(), "/master/maintenance/schedule", body).statusCode();
  }

  private int down(String... machines) {
    return HttpCalls.post(sim.port(), "/master/machine/down", "[" + String.join(",", machines) + "]").statusCode();
  }

  private int up(String... machines) {
    return HttpCalls.post(sim.port(), "/master/machine/up", "[" + String.join(",", machines) + "]").statusCode();
  }

  private Schedule getSchedule() {
    return StoutJson.parse(HttpCalls.get(sim.port(), "/master/maintenance/schedule").body(), Schedule.newBuilder()).build();
  }

  private ClusterStatus status() {
    return StoutJson.parse(HttpCalls.get(sim.port(), "/master/maintenance/status").body(), ClusterStatus.newBuilder())
        .build();
  }

  private static long now() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  private static boolean isOfferFrom(Event e, Protos.AgentID agent) {
    return e.getType() == Event.Type.OFFERS
        && e.getOffers().getOffersList().stream().anyMatch(o -> o.getAgentId().equals(agent));
  }

  @Test
  void UpdateSchedule() {
    long hour = 3_600_000_000_000L;
    assertEquals(200, postSchedule(schedule(window(now(), hour, M1))));
    Schedule got = getSchedule();
    assertEquals(1, got.getWindowsCount());
    assertEquals("Machine1", got.getWindows(0).getMachineIds(0).getHostname());
    assertEquals(400, postSchedule(schedule(window(now(), hour))));
    assertEquals(200, postSchedule(schedule(window(-1000, hour, M1))));
    assertEquals(400, postSchedule(schedule(window(now(), -hour, M1))));
    assertEquals(400, postSchedule(schedule(window(now(), hour, M1), window(now(), hour, M1))));
    assertEquals(400, postSchedule(schedule(window(now(), hour, "{}"))));
    assertEquals(200, postSchedule(schedule(window(now(), hour, M1, M2))));
    assertEquals(2, getSchedule().getWindows(0).getMachineIdsCount());
    assertEquals(200, postSchedule("{}"));
    assertEquals(0, getSchedule().getWindowsCount());
  }

  @Test
  void FailToUnscheduleDeactivatedMachines() {
    assertEquals(200, postSchedule(schedule(window(now(), 3_600_000_000_000L, M1, M2))));
    assertEquals(200, down(M1));
    assertEquals(400, postSchedule(schedule(window(now(), 3_600_000_000_000L, M2))));
    assertEquals(200, up(M1));
  }

  @Test
  void PendingUnavailabilityTest() {
    sim.close();
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Protos.Offer first = client.awaitOffer();
    assertFalse(first.hasUnavailability());
    long start = now() + 60_000_000_000L;
    assertEquals(200, postSchedule(schedule(window(start, 120_000_000_000L, M1))));
    Event rescind = client.await(type(Event.Type.RESCIND));
    assertEquals(first.getId(), rescind.getRescind().getOfferId());
    Protos.Offer second = client.awaitNth(type(Event.Type.OFFERS), 2).getOffers().getOffers(0);
    assertEquals(start, second.getUnavailability().getStart().getNanoseconds());
    assertEquals(120_000_000_000L, second.getUnavailability().getDuration().getNanoseconds());
    Event inverse = client.await(type(Event.Type.INVERSE_OFFERS));
    assertEquals(1, inverse.getInverseOffers().getInverseOffersCount());
    assertTrue(client.events.indexOf(inverse) > client.events.indexOf(rescind));
    // the offer is outstanding, so no further offers come
    client.reconcile("probe", Protos.AgentID.newBuilder().setValue("x").build());
    client.awaitUpdate("probe", TaskState.TASK_LOST);
    assertEquals(2, client.count(type(Event.Type.OFFERS)));
  }

  @Test
  void EnterMaintenanceMode() {
    sim.close();
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    TaskStatus running = client.launchRunning(client.awaitOffer(), "t1", "sleep 1000");
    assertEquals(200, postSchedule(schedule(window(now(), 3_600_000_000_000L, M1))));
    assertEquals(200, down(M1));
    TaskStatus lost = client.awaitUpdate("t1", TaskState.TASK_LOST);
    assertEquals(TaskStatus.Source.SOURCE_MASTER, lost.getSource());
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, lost.getReason());
    Event failure = client.await(type(Event.Type.FAILURE));
    assertEquals(running.getAgentId(), failure.getFailure().getAgentId());
    assertEquals("REMOVED", sim.agent("Machine1").status());
    // a new agent on the DOWN machine is shut down at once
    String newcomer = sim.addAgent(AgentSpec.of("Machine1", "0.0.0.1", 2, 1024, 1000));
    assertEquals("REMOVED", sim.agent(newcomer).status());
    assertEquals(200, up(M1));
    Event offers = client.await(e -> e.getType() == Event.Type.OFFERS
        && !e.getOffers().getOffers(0).getAgentId().equals(running.getAgentId()));
    assertNotEquals(running.getAgentId(), offers.getOffers().getOffers(0).getAgentId());
  }

  @Test
  void BringDownMachines() {
    assertEquals(400, down(M1));
    assertEquals(400, down());
    assertEquals(400, down("{}"));
    assertEquals(200, postSchedule(schedule(window(now(), 3_600_000_000_000L, M1, M2))));
    assertEquals(200, down(M1));
    assertEquals(400, down(M1));
    assertEquals(400, down(M1, M2));
    assertEquals(200, down(M2));
  }

  @Test
  void BringUpMachines() {
    assertEquals(400, up(M1));
    long hour = 3_600_000_000_000L;
    assertEquals(200, postSchedule(schedule(window(now(), hour, M1, M2), window(now(), hour, M3))));
    assertEquals(400, up(M1));
    assertEquals(200, down(M3));
    assertEquals(200, up(M3));
    Schedule s = getSchedule();
    assertEquals(1, s.getWindowsCount());
    assertEquals(2, s.getWindows(0).getMachineIdsCount());
    assertEquals(200, down(M1, M2));
    assertEquals(200, up(M1, M2));
    assertEquals(0, getSchedule().getWindowsCount());
  }

  @Test
  void MachineStatus() {
    assertEquals(200, postSchedule(schedule(window(now(), 3_600_000_000_000L, M1, M2))));
    ClusterStatus s = status();
    assertEquals(2, s.getDrainingMachinesCount());
    assertEquals(0, s.getDownMachinesCount());
    assertEquals(200, down(M1));
    s = status();
    assertEquals(1, s.getDrainingMachinesCount());
    assertEquals("Machine1", s.getDownMachines(0).getHostname());
    assertEquals(200, up(M1));
    s = status();
    assertEquals(1, s.getDrainingMachinesCount());
    assertEquals("0.0.0.2", s.getDrainingMachines(0).getId().getIp());
    assertEquals(0, s.getDownMachinesCount());
  }

  @Test
  void InverseOffers() {
    sim.close();
    sim = SimulatorFixture.start(1);
    assertEquals(200, postSchedule(schedule(window(now(), 3_600_000_000_000L, M1))));
    ClusterStatus s = status();
    assertEquals(1, s.getDrainingMachinesCount());
    assertEquals(0, s.getDrainingMachines(0).getStatusesCount());
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Protos.Offer offer = client.awaitOffer();
    assertTrue(offer.hasUnavailability());
    client.launchRunning(offer, "t1", "sleep 1000");
    Protos.InverseOffer inverse = client.await(type(Event.Type.INVERSE_OFFERS)).getInverseOffers().getInverseOffers(0);
    client.call(client.callOf(Call.Type.DECLINE_INVERSE_OFFERS).setDeclineInverseOffers(
        Call.DeclineInverseOffers.newBuilder().addInverseOfferIds(inverse.getId())
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Protos.InverseOffer second = client.awaitNth(type(Event.Type.INVERSE_OFFERS), 2).getInverseOffers().getInverseOffers(0);
    s = status();
    assertEquals(org.apache.mesos.v1.allocator.Protos.InverseOfferStatus.Status.DECLINE,
        s.getDrainingMachines(0).getStatuses(0).getStatus());
    assertEquals(client.fid(), s.getDrainingMachines(0).getStatuses(0).getFrameworkId());
    client.call(client.callOf(Call.Type.ACCEPT_INVERSE_OFFERS).setAcceptInverseOffers(
        Call.AcceptInverseOffers.newBuilder().addInverseOfferIds(second.getId())
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    client.awaitNth(type(Event.Type.INVERSE_OFFERS), 3);
    assertEquals(org.apache.mesos.v1.allocator.Protos.InverseOfferStatus.Status.ACCEPT,
        status().getDrainingMachines(0).getStatuses(0).getStatus());
  }

  @Test
  void InverseOffersFilters() {
    sim.close();
    sim = SimulatorFixture.start(2);
    assertEquals(200, postSchedule(schedule(window(now(), 3_600_000_000_000L, M1, M2))));
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Event offers = client.await(type(Event.Type.OFFERS));
    assertEquals(2, offers.getOffers().getOffersCount());
    assertTrue(offers.getOffers().getOffersList().stream().allMatch(Protos.Offer::hasUnavailability));
    Event inverse = client.await(type(Event.Type.INVERSE_OFFERS));
    assertEquals(2, inverse.getInverseOffers().getInverseOffersCount());
    for (Protos.Offer o : offers.getOffers().getOffersList()) {
      client.accept(o, SchedulerClient.launch(o, "t-" + o.getHostname(), "sleep 1000", 0.1, 32));
    }
    Protos.InverseOffer first = inverse.getInverseOffers().getInverseOffersList().stream()
        .filter(i -> i.getAgentId().getValue().equals(sim.agent("Machine1").id())).findFirst().orElseThrow();
    Protos.InverseOffer second = inverse.getInverseOffers().getInverseOffersList().stream()
        .filter(i -> !i.equals(first)).findFirst().orElseThrow();
    client.call(client.callOf(Call.Type.DECLINE_INVERSE_OFFERS).setDeclineInverseOffers(
        Call.DeclineInverseOffers.newBuilder().addInverseOfferIds(second.getId())
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(100.1))).build());
    client.call(client.callOf(Call.Type.ACCEPT_INVERSE_OFFERS).setAcceptInverseOffers(
        Call.AcceptInverseOffers.newBuilder().addInverseOfferIds(first.getId())
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Event next = client.awaitNth(type(Event.Type.INVERSE_OFFERS), 2);
    assertEquals(1, next.getInverseOffers().getInverseOffersCount());
    assertEquals(first.getAgentId(), next.getInverseOffers().getInverseOffers(0).getAgentId());
    client.call(client.callOf(Call.Type.DECLINE_INVERSE_OFFERS).setDeclineInverseOffers(
        Call.DeclineInverseOffers.newBuilder().addInverseOfferIds(next.getInverseOffers().getInverseOffers(0).getId())
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Event third = client.awaitNth(type(Event.Type.INVERSE_OFFERS), 3);
    assertEquals(1, third.getInverseOffers().getInverseOffersCount());
    assertEquals(first.getAgentId(), third.getInverseOffers().getInverseOffers(0).getAgentId());
  }

  @Test
  void ScheduleChangeRescindsInverseOffers() {
    sim.close();
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    client.awaitOffer();
    String window = schedule(window(now(), 3_600_000_000_000L, M1));
    assertEquals(200, postSchedule(window));
    Protos.InverseOffer inverse = client.await(type(Event.Type.INVERSE_OFFERS)).getInverseOffers().getInverseOffers(0);
    assertEquals(200, postSchedule(window)); // re-posting re-issues offers and inverse offers, as Mesos does
    Event rescind = client.await(type(Event.Type.RESCIND_INVERSE_OFFER));
    assertEquals(inverse.getId(), rescind.getRescindInverseOffer().getInverseOfferId());
    client.awaitNth(type(Event.Type.INVERSE_OFFERS), 2);
    assertEquals(200, postSchedule("{}")); // back to UP: offers come again without unavailability
    Event fresh = client.await(e -> e.getType() == Event.Type.OFFERS && !e.getOffers().getOffers(0).hasUnavailability()
        && client.events.indexOf(e) > client.events.indexOf(rescind));
    assertFalse(fresh.getOffers().getOffers(0).hasUnavailability());
  }

  @Test
  void AcceptInvalidInverseOffer() {
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    var r = client.call(client.callOf(Call.Type.ACCEPT_INVERSE_OFFERS).setAcceptInverseOffers(
        Call.AcceptInverseOffers.newBuilder().addInverseOfferIds(Protos.OfferID.newBuilder().setValue("unknown")))
        .build());
    assertEquals(202, r.statusCode());
    // the master is still serving
    client.reconcile("probe", Protos.AgentID.newBuilder().setValue("x").build());
    assertEquals(TaskState.TASK_LOST, client.awaitUpdate("probe", TaskState.TASK_LOST).getState());
    assertEquals(200, HttpCalls.get(sim.port(), "/health").statusCode());
  }
}
