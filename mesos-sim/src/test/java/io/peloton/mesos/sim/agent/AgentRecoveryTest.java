package io.peloton.mesos.sim.agent;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents with a data directory recover their checkpointed tasks when the simulator starts again,
 * as Mesos agents do: a live process is taken over, one that ended meanwhile is reported with how
 * it ended; without a data directory no task outlives the simulator.
 */
class AgentRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir
  Path work;
  private MesosSimulator sim;
  private SchedulerClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
    ProcessExecutor.cleanup(MesosSimulator.taskCheckpoints(work)); // what recovery left running
  }

  private SimulatorConfig config(boolean recover) {
    return SimulatorFixture.config(1).withExecutor(SimulatorConfig.ExecutorKind.PROCESS)
        .withWorkDir(work).withRecoverAgents(recover);
  }

  private static Protos.FrameworkInfo.Builder checkpointing() {
    return framework().setCheckpoint(true).setFailoverTimeout(3600);
  }

  @Test
  void restartTakesOverLiveTasksAndReportsTheOnesThatEnded() throws Exception {
    sim = MesosSimulator.start(config(true));
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, checkpointing().build());
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "live", "echo $$; exec sleep 300", 0.1, 32),
        SchedulerClient.launch(offer, "ends", "echo $$; while [ ! -e go ]; do sleep 0.1; done;"
            + " exit 3", 0.1, 32),
        SchedulerClient.launch(offer, "dies", "echo $$; exec sleep 300", 0.1, 32));
    for (String task : new String[] {"live", "ends", "dies"}) {
      client.acknowledge(client.awaitUpdate(task, TaskState.TASK_STARTING));
      client.acknowledge(client.awaitUpdate(task, TaskState.TASK_RUNNING));
    }
    long live = pidOf("live");
    long ends = pidOf("ends");
    long dies = pidOf("dies");
    Path endsSandbox = sim.sandboxOf("ends");
    String agentId = sim.agents().get(0).id();
    String frameworkId = client.frameworkId();
    client.close();
    sim.close();
    sim = null;

    assertTrue(alive(live), "a stopped agent leaves its tasks running");
    // while the agent is down: one task ends by itself, the executor of another is killed
    Files.writeString(endsSandbox.resolve("go"), "");
    ProcessHandle executor = ProcessHandle.of(dies).orElseThrow().parent().orElseThrow();
    executor.destroyForcibly();
    ProcessHandle.of(dies).ifPresent(ProcessHandle::destroyForcibly);
    await("ends and dies gone").atMost(WAIT).until(() -> !alive(ends) && !alive(dies));

    sim = MesosSimulator.start(config(true));
    assertEquals(agentId, sim.agents().get(0).id(), "the agent keeps its id");
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, checkpointing()
        .setId(Protos.FrameworkID.newBuilder().setValue(frameworkId)).build());
    TaskStatus ended = client.awaitUpdate("ends", TaskState.TASK_FAILED);
    assertEquals("Command exited with status 3", ended.getMessage());
    TaskStatus died = client.awaitUpdate("dies", TaskState.TASK_FAILED);
    assertEquals(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, died.getReason());
    client.acknowledge(ended);
    client.acknowledge(died);

    client.reconcile("live", Protos.AgentID.newBuilder().setValue(agentId).build());
    TaskStatus running = client.awaitUpdate("live", TaskState.TASK_RUNNING);
    assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, running.getReason());
    assertTrue(alive(live), "the same process still runs");
    assertFalse(client.updates("live").stream()
        .anyMatch(s -> s.getState() != TaskState.TASK_RUNNING),
        "live was reported as " + client.updates("live"));

    client.kill("live", null);
    client.awaitUpdate("live", TaskState.TASK_KILLED);
    await("the recovered task is killed").atMost(WAIT).until(() -> !alive(live));
  }

  @Test
  void withoutRecoveryTasksAndTheirChildrenDieWithTheSimulator() throws Exception {
    sim = MesosSimulator.start(config(false));
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, checkpointing().build());
    Protos.Offer offer = client.awaitOffer();
    client.launchRunning(offer, "forks", "sleep 300 & echo $!; wait");
    long child = pidOf("forks");
    sim.close();
    sim = null;
    await("the task's background child is killed").atMost(WAIT).until(() -> !alive(child));
  }

  private long pidOf(String task) {
    Path stdout = sim.sandboxOf(task).resolve("stdout");
    await("pid of " + task).atMost(WAIT).until(() -> Files.exists(stdout)
        && Files.readString(stdout).endsWith("\n"));
    return Long.parseLong(readFirstLine(stdout));
  }

  private static String readFirstLine(Path file) {
    try {
      return Files.readAllLines(file).get(0).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
