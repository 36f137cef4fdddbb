package io.peloton.mesos.sim.agent;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorJvm;
import io.peloton.mesos.sim.wire.WireFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peloton mesos-sim} as a process of its own, killed with SIGKILL (no shutdown hook runs):
 * without a data directory its tasks are killed at the next start on the same work directory;
 * with one, the next start takes them over. Tasks never see the simulator's environment.
 */
class SimulatorKillTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String MARKER = "PELOTON_CONTROL_PLANE_SECRET";
  @TempDir
  Path tmp;
  private SchedulerClient client;
  private SimulatorJvm jvm;

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (jvm != null) {
      jvm.kill9();
    }
    ProcessExecutor.cleanup(MesosSimulator.taskCheckpoints(tmp.resolve("work")));
  }

  private SimulatorJvm start(String dirOption) {
    return SimulatorJvm.start(tmp.resolve("sim-" + System.nanoTime() + ".log"),
        Map.of(MARKER, "do-not-leak"), "--agents", "1", "--executor", "process", dirOption,
        tmp.resolve("work").toString());
  }

  private long launch(String task, String command) throws Exception {
    client = SchedulerClient.subscribe(jvm.port, WireFormat.JSON,
        framework().setCheckpoint(true).setFailoverTimeout(3600).build());
    client.launchRunning(client.awaitOffer(), task, command);
    await("sandbox of " + task).atMost(WAIT).ignoreExceptions().until(() -> sandbox(task) != null);
    Path stdout = sandbox(task).resolve("stdout");
    await("pid of " + task).atMost(WAIT).until(() -> Files.readString(stdout).contains("pid="));
    String out = Files.readString(stdout);
    int at = out.indexOf("pid=") + 4;
    return Long.parseLong(out.substring(at, out.indexOf('\n', at)));
  }

  private Path sandbox(String task) throws Exception {
    try (Stream<Path> s = Files.walk(tmp.resolve("work"))) {
      return s.filter(p -> p.getFileName().toString().equals(task)
          && Files.exists(p.resolve("stdout"))).findFirst().orElseThrow();
    }
  }

  @Test
  void tasksOfAKilledSimulatorAreKilledAtItsNextStart() throws Exception {
    jvm = start("--work-dir");
    long pid = launch("orphan", "echo pid=$$; exec sleep 300");
    client.close();
    jvm.kill9();
    assertTrue(AgentRecoveryTest.alive(pid), "SIGKILL skips the simulator's shutdown hook");
    jvm = start("--work-dir");
    await("the leftover task is killed").atMost(WAIT).until(() -> !AgentRecoveryTest.alive(pid));
  }

  @Test
  void taskEnvironmentHoldsNothingOfTheSimulators() throws Exception {
    jvm = start("--work-dir");
    launch("env", "echo pid=$$; env; exec sleep 300");
    Path stdout = sandbox("env").resolve("stdout");
    await("env printed").atMost(WAIT).until(() -> Files.readString(stdout).contains("PATH="));
    List<String> env = Files.readAllLines(stdout);
    assertFalse(env.stream().anyMatch(l -> l.startsWith(MARKER + "=")), env.toString());
    assertTrue(env.contains("MESOS_TASK_ID=env"), env.toString());
    assertTrue(env.stream().anyMatch(l -> l.startsWith("MESOS_SANDBOX=")), env.toString());
    assertTrue(env.stream().anyMatch(l -> l.startsWith("HOME=")), env.toString());
  }

  @Test
  void withADataDirAKilledSimulatorsTasksKeepRunningAndAreTakenOver() throws Exception {
    jvm = start("--data-dir");
    long pid = launch("service", "echo pid=$$; exec sleep 300");
    String frameworkId = client.frameworkId();
    String agentId = client.updates("service").get(0).getAgentId().getValue();
    client.close();
    jvm.kill9();
    jvm = start("--data-dir");
    client = SchedulerClient.subscribe(jvm.port, WireFormat.JSON, framework().setCheckpoint(true)
        .setId(Protos.FrameworkID.newBuilder().setValue(frameworkId)).build());
    client.reconcile("service", Protos.AgentID.newBuilder().setValue(agentId).build());
    TaskStatus running = client.awaitUpdate("service", TaskState.TASK_RUNNING);
    assertEquals(agentId, running.getAgentId().getValue());
    assertTrue(AgentRecoveryTest.alive(pid), "the same process runs on");

    client.close();
    jvm.kill9();
    jvm = null;
    String out = SimulatorJvm.run(tmp.resolve("cleanup.log"), "--data-dir",
        tmp.resolve("work").toString(), "--cleanup");
    assertTrue(out.contains("killed and forgot the 1 task(s)"), out);
    await("--cleanup kills the task").atMost(WAIT).until(() -> !AgentRecoveryTest.alive(pid));
  }
}
