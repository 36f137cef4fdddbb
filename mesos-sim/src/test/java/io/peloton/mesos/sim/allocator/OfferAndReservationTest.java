package io.peloton.mesos.sim.allocator;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static io.peloton.mesos.sim.testing.SchedulerClient.type;
import static io.peloton.mesos.sim.testing.SchedulerClient.withCapability;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.cluster.AgentSpec;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offers, dynamic reservations with labels, persistent volumes, invalid launches and capabilities. */
class OfferAndReservationTest {
  private MesosSimulator sim;
  private SchedulerClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    sim.close();
  }

  private static Resource.ReservationInfo dynamic(String role) {
    return Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role)
        .setPrincipal("bridge").setLabels(Protos.Labels.newBuilder().addLabels(
            Protos.Label.newBuilder().setKey("purpose").setValue("db"))).build();
  }

  private static Protos.Offer.Operation op(Protos.Offer.Operation.Type t, Protos.Offer.Operation.Builder b) {
    return b.setType(t).build();
  }

  private Protos.Offer nextOffer(int n) {
    return client.awaitNth(type(Event.Type.OFFERS), n).getOffers().getOffers(0);
  }

  @Test
  void reservationsAndVolumesAppearInLaterOffers() {
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        withCapability(framework(), Protos.FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT).build());
    Protos.Offer offer = client.awaitOffer();
    Resource cpus = SchedulerClient.scalar("cpus", 1).toBuilder().addReservations(dynamic("eng")).build();
    Resource disk = SchedulerClient.scalar("disk", 512).toBuilder().addReservations(dynamic("eng")).build();
    Resource volume = SchedulerClient.scalar("disk", 128).toBuilder().addReservations(dynamic("eng"))
        .setDisk(Resource.DiskInfo.newBuilder()
            .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("vol-1").setPrincipal("bridge"))
            .setVolume(Protos.Volume.newBuilder().setContainerPath("data").setMode(Protos.Volume.Mode.RW))).build();
    client.call(client.callOf(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
        .addOperations(op(Protos.Offer.Operation.Type.RESERVE, Protos.Offer.Operation.newBuilder()
            .setReserve(Protos.Offer.Operation.Reserve.newBuilder().addResources(cpus).addResources(disk))))
        .addOperations(op(Protos.Offer.Operation.Type.CREATE, Protos.Offer.Operation.newBuilder()
            .setCreate(Protos.Offer.Operation.Create.newBuilder().addVolumes(volume))))
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Protos.Offer later = nextOffer(2);
    Resource reservedCpus = later.getResourcesList().stream()
        .filter(r -> r.getName().equals("cpus") && r.getReservationsCount() > 0).findFirst().orElseThrow();
    assertEquals(1.0, reservedCpus.getScalar().getValue());
    assertEquals("db", reservedCpus.getReservations(0).getLabels().getLabels(0).getValue());
    Resource vol = later.getResourcesList().stream().filter(r -> r.getDisk().hasPersistence()).findFirst().orElseThrow();
    assertEquals("vol-1", vol.getDisk().getPersistence().getId());
    assertEquals(128.0, vol.getScalar().getValue());
    Resource reservedDisk = later.getResourcesList().stream()
        .filter(r -> r.getName().equals("disk") && r.getReservationsCount() > 0 && !r.getDisk().hasPersistence())
        .findFirst().orElseThrow();
    assertEquals(384.0, reservedDisk.getScalar().getValue());

    // a task can use the volume and reserved cpus
    Protos.TaskInfo task = Protos.TaskInfo.newBuilder().setName("db").setTaskId(Protos.TaskID.newBuilder().setValue("db"))
        .setAgentId(later.getAgentId()).addResources(reservedCpus.toBuilder().clearAllocationInfo())
        .addResources(vol.toBuilder().clearAllocationInfo()).addResources(SchedulerClient.scalar("mem", 64))
        .setCommand(Protos.CommandInfo.newBuilder().setValue("sleep 1000")).build();
    client.accept(later, Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
        .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build());
    client.awaitUpdate("db", TaskState.TASK_STARTING);
  }

  @Test
  void preRefinementFrameworksSeeRoleAndReservation() {
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Protos.Offer offer = client.awaitOffer();
    Resource mem = SchedulerClient.scalar("mem", 256).toBuilder().setRole("eng")
        .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal("bridge")).build();
    client.call(client.callOf(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
        .addOperations(op(Protos.Offer.Operation.Type.RESERVE, Protos.Offer.Operation.newBuilder()
            .setReserve(Protos.Offer.Operation.Reserve.newBuilder().addResources(mem))))
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Protos.Offer later = nextOffer(2);
    Resource reserved = later.getResourcesList().stream().filter(r -> r.getRole().equals("eng")).findFirst().orElseThrow();
    assertEquals(256.0, reserved.getScalar().getValue());
    assertEquals("bridge", reserved.getReservation().getPrincipal());
    assertEquals(0, reserved.getReservationsCount());
    // UNRESERVE gives it back
    client.call(client.callOf(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(later.getId())
        .addOperations(op(Protos.Offer.Operation.Type.UNRESERVE, Protos.Offer.Operation.newBuilder()
            .setUnreserve(Protos.Offer.Operation.Unreserve.newBuilder().addResources(reserved))))
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Protos.Offer third = nextOffer(3);
    assertTrue(third.getResourcesList().stream().allMatch(r -> r.getRole().equals("*")));
    assertEquals(4096.0, third.getResourcesList().stream().filter(r -> r.getName().equals("mem")).findFirst()
        .orElseThrow().getScalar().getValue());
  }

  @Test
  void invalidOffersAndInvalidTasks() {
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        withCapability(framework(), Protos.FrameworkInfo.Capability.Type.PARTITION_AWARE).build());
    Protos.Offer offer = client.awaitOffer();
    Protos.Offer bogus = offer.toBuilder().setId(Protos.OfferID.newBuilder().setValue("no-such-offer")).build();
    client.accept(bogus, SchedulerClient.launch(offer, "dropped", "sleep 1", 0.1, 32));
    TaskStatus dropped = client.awaitUpdate("dropped", TaskState.TASK_DROPPED);
    assertEquals(TaskStatus.Reason.REASON_INVALID_OFFERS, dropped.getReason());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, dropped.getSource());
    assertFalse(dropped.hasUuid());

    client.accept(offer, SchedulerClient.launch(offer, "huge", "sleep 1", 64, 32),
        SchedulerClient.launch(offer, "ok", "sleep 1000", 0.1, 32),
        SchedulerClient.launch(offer, "ok", "sleep 1000", 0.1, 32));
    TaskStatus error = client.awaitUpdate("huge", TaskState.TASK_ERROR);
    assertEquals(TaskStatus.Reason.REASON_TASK_INVALID, error.getReason());
    assertTrue(error.getMessage().contains("cpus"), error.getMessage());
    assertTrue(client.awaitUpdate("ok", TaskState.TASK_ERROR).getMessage().contains("duplicate"));
    client.awaitUpdate("ok", TaskState.TASK_STARTING);
  }

  @Test
  void operationsWithAnIdGetOperationError() {
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Protos.Offer offer = client.awaitOffer();
    Resource cpus = SchedulerClient.scalar("cpus", 1).toBuilder().addReservations(dynamic("eng")).build();
    client.call(client.callOf(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
        .addOperations(Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.RESERVE)
            .setId(Protos.OperationID.newBuilder().setValue("op-1"))
            .setReserve(Protos.Offer.Operation.Reserve.newBuilder().addResources(cpus)))).build());
    Protos.OperationStatus status = client.await(type(Event.Type.UPDATE_OPERATION_STATUS))
        .getUpdateOperationStatus().getStatus();
    assertEquals("op-1", status.getOperationId().getValue());
    assertEquals(Protos.OperationState.OPERATION_ERROR, status.getState());
  }

  @Test
  void gpuAgentsOnlyGoToGpuFrameworksAndAttributesAreOffered() {
    sim = MesosSimulator.start(SimulatorFixture.config(1).withCluster(new ClusterSpec(List.of(
        new AgentSpec("gpu-host", "10.1.0.1", 8, 8192, 1000, 2, List.of("31000-31010"), Map.of("rack", "r1", "gen", "3"), 1),
        new AgentSpec("cpu-host", "10.1.0.2", 8, 8192, 1000, 0, List.of("31000-31010"), Map.of("rack", "r2"), 1)))));
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Protos.Offer offer = client.awaitOffer();
    assertEquals("cpu-host", offer.getHostname());
    assertEquals(1, client.allOffers().size());
    assertEquals("r2", offer.getAttributes(0).getText().getValue());
    try (SchedulerClient gpu = SchedulerClient.subscribe(sim.port(), WireFormat.JSON,
        withCapability(framework(), Protos.FrameworkInfo.Capability.Type.GPU_RESOURCES).build())) {
      Protos.Offer g = gpu.awaitOffer();
      assertEquals("gpu-host", g.getHostname());
      assertTrue(g.getResourcesList().stream().anyMatch(r -> r.getName().equals("gpus") && r.getScalar().getValue() == 2));
      assertTrue(g.getAttributesList().stream().anyMatch(a -> a.getName().equals("gen")
          && a.getType() == Protos.Value.Type.SCALAR && a.getScalar().getValue() == 3));
    }
  }

  @Test
  void portsAreTakenAndReturned() {
    sim = SimulatorFixture.start(1);
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
    Protos.Offer offer = client.awaitOffer();
    Protos.TaskInfo task = SchedulerClient.task(offer, "web", "sleep 1000", 0.1, 32).toBuilder()
        .addResources(Resource.newBuilder().setName("ports").setType(Protos.Value.Type.RANGES)
            .setRanges(Protos.Value.Ranges.newBuilder().addRange(Protos.Value.Range.newBuilder().setBegin(31005).setEnd(31005))))
        .build();
    client.call(client.callOf(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
        .addOperations(Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
            .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(task)))
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))).build());
    Protos.Offer later = nextOffer(2);
    List<Protos.Value.Range> ranges = later.getResourcesList().stream().filter(r -> r.getName().equals("ports"))
        .findFirst().orElseThrow().getRanges().getRangeList();
    assertEquals(31004, ranges.get(0).getEnd());
    assertEquals(31006, ranges.get(1).getBegin());
  }
}
