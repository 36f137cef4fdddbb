package io.peloton.mesos.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;

class SimulatedOutcomeTest {
  private static Protos.TaskInfo task(Protos.Label... labels) {
    return Protos.TaskInfo.newBuilder().setName("t").setTaskId(Protos.TaskID.newBuilder().setValue("t"))
        .setAgentId(Protos.AgentID.newBuilder().setValue("a"))
        .setLabels(Protos.Labels.newBuilder().addAllLabels(java.util.List.of(labels))).build();
  }

  private static Protos.CommandInfo cmd(String value) {
    return Protos.CommandInfo.newBuilder().setValue(value).build();
  }

  @Test
  void readsSleepAndExitFromTheCommand() {
    assertEquals(new SimulatedOutcome(2500, 3), SimulatedOutcome.of(task(), cmd("sleep 2; sleep 0.5; exit 3")));
    assertEquals(new SimulatedOutcome(-1, 0), SimulatedOutcome.of(task(), cmd("sleep infinity")));
    assertEquals(new SimulatedOutcome(0, 0), SimulatedOutcome.of(task(), cmd("echo hi")));
  }

  @Test
  void labelsOverrideTheCommand() {
    Protos.TaskInfo labelled = task(
        Protos.Label.newBuilder().setKey(SimulatedOutcome.DURATION_LABEL).setValue("1.5").build(),
        Protos.Label.newBuilder().setKey(SimulatedOutcome.EXIT_CODE_LABEL).setValue("7").build());
    assertEquals(new SimulatedOutcome(1500, 7), SimulatedOutcome.of(labelled, cmd("sleep 100")));
  }
}
