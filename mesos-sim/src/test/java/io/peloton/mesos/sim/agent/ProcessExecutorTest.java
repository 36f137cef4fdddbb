package io.peloton.mesos.sim.agent;

import static io.peloton.mesos.sim.testing.SchedulerClient.framework;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.testing.HttpCalls;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import io.peloton.mesos.sim.wire.WireFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process executor really runs commands in sandboxes and kills them with SIGTERM then SIGKILL. */
class ProcessExecutorTest {
  @TempDir
  Path work;
  private MesosSimulator sim;
  private SchedulerClient client;

  @BeforeEach
  void start() {
    sim = MesosSimulator.start(SimulatorFixture.config(1).withExecutor(SimulatorConfig.ExecutorKind.PROCESS)
        .withWorkDir(work));
    client = SchedulerClient.subscribe(sim.port(), WireFormat.JSON, framework().build());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private void ackAll(String taskId, TaskState... states) {
    for (TaskState s : states) {
      client.acknowledge(client.awaitUpdate(taskId, s));
    }
  }

  @Test
  void commandFinishesAndStdoutIsReadableOverFilesApi() throws Exception {
    Protos.Offer offer = client.awaitOffer();
    Protos.TaskInfo task = SchedulerClient.task(offer, "echo", "echo hi; echo $GREETING >&2; sleep 1", 0.1, 32)
        .toBuilder().setCommand(Protos.CommandInfo.newBuilder().setValue("echo hi; echo $GREETING >&2; sleep 1")
            .setEnvironment(Protos.Environment.newBuilder().addVariables(Protos.Environment.Variable.newBuilder()
                .setName("GREETING").setValue("hello-env")))).build();
    client.accept(offer, Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
        .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build());
    Path sandbox = sim.sandboxOf("echo");
    ackAll("echo", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    TaskStatus finished = client.awaitUpdate("echo", TaskState.TASK_FINISHED);
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
    String q = URLEncoder.encode(sandbox.resolve("stdout").toString(), StandardCharsets.UTF_8);
    JsonNode read = new ObjectMapper().readTree(HttpCalls.get(sim.port(), "/files/read?path=" + q + "&offset=0").body());
    assertEquals("hi\n", read.get("data").asText());
    assertEquals(0, read.get("offset").asLong());
    JsonNode size = new ObjectMapper().readTree(HttpCalls.get(sim.port(), "/files/read?path=" + q + "&offset=-1").body());
    assertEquals(3, size.get("offset").asLong());
    String stderr = HttpCalls.get(sim.port(), "/files/download?path="
        + URLEncoder.encode(sandbox.resolve("stderr").toString(), StandardCharsets.UTF_8)).body();
    assertEquals("hello-env\n", stderr);
    assertEquals(403, HttpCalls.get(sim.port(), "/files/read?path=%2Fetc%2Fpasswd").statusCode());
    client.acknowledge(finished);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> sim.taskState(client.frameworkId(), "echo") == null);
    // the sandbox stays findable after the task completed
    JsonNode dir = new ObjectMapper().readTree(HttpCalls.get(sim.port(), "/admin/tasks/echo/sandbox").body());
    assertEquals(sandbox.toString(), dir.get("directory").asText());
  }

  @Test
  void failingCommandReportsExitStatus() {
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "fail", "exit 3", 0.1, 32));
    ackAll("fail", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    TaskStatus failed = client.awaitUpdate("fail", TaskState.TASK_FAILED);
    assertEquals("Command exited with status 3", failed.getMessage());
    assertEquals(TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED, failed.getReason());
  }

  @Test
  void killSendsSigtermAndReportsKilledWithinGracePeriod() {
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "sleeper", "sleep 100", 0.1, 32));
    ackAll("sleeper", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    client.call(client.callOf(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(Protos.TaskID.newBuilder().setValue("sleeper"))
        .setKillPolicy(Protos.KillPolicy.newBuilder().setGracePeriod(
            Protos.DurationInfo.newBuilder().setNanoseconds(20_000_000_000L)))).build());
    TaskStatus killed = client.awaitUpdate("sleeper", TaskState.TASK_KILLED);
    // SIGTERM (15) ended it inside the 20 s grace period: no SIGKILL was needed
    assertEquals("Command terminated with signal 15", killed.getMessage());
  }

  @Test
  void sigkillAfterGracePeriodWhenSigtermIsIgnored() {
    Protos.Offer offer = client.awaitOffer();
    client.accept(offer, SchedulerClient.launch(offer, "stubborn", "trap '' TERM; echo ready; while true; do sleep 0.1; done",
        0.1, 32));
    ackAll("stubborn", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    Path stdout = sim.sandboxOf("stubborn").resolve("stdout");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> java.nio.file.Files.exists(stdout) && java.nio.file.Files.readString(stdout).contains("ready"));
    client.call(client.callOf(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(Protos.TaskID.newBuilder().setValue("stubborn"))
        .setKillPolicy(Protos.KillPolicy.newBuilder().setGracePeriod(
            Protos.DurationInfo.newBuilder().setNanoseconds(300_000_000L)))).build());
    TaskStatus killed = client.awaitUpdate("stubborn", TaskState.TASK_KILLED);
    assertEquals("Command terminated with signal 9", killed.getMessage());
  }

  @Test
  void imageWithoutDockerEngineRunsDirectlyAndSaysSo() {
    Protos.Offer offer = client.awaitOffer();
    Protos.TaskInfo task = SchedulerClient.task(offer, "img", "echo from-image", 0.1, 32).toBuilder()
        .setContainer(Protos.ContainerInfo.newBuilder().setType(Protos.ContainerInfo.Type.DOCKER)
            .setDocker(Protos.ContainerInfo.DockerInfo.newBuilder().setImage("alpine:3.19"))).build();
    client.accept(offer, Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
        .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build());
    client.acknowledge(client.awaitUpdate("img", TaskState.TASK_STARTING));
    TaskStatus running = client.awaitUpdate("img", TaskState.TASK_RUNNING);
    org.junit.jupiter.api.Assumptions.assumeFalse(DockerProbe.engineReachable(), "a Docker engine is reachable");
    assertTrue(running.getMessage().contains("'alpine:3.19' was not used"), running.getMessage());
    client.acknowledge(running);
    client.awaitUpdate("img", TaskState.TASK_FINISHED);
  }
}
