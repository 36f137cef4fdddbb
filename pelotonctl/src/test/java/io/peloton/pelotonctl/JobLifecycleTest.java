package io.peloton.pelotonctl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.client.ApiClient;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peloton's job lifecycle verbs: stop, start, restart, and stop/delete {@code --wait} with its
 * progress lines. The test plays the job controller's part by writing what it would write.
 */
class JobLifecycleTest {
  @TempDir
  static Path tmp;
  static CliHarness cli;
  static ApiClient client;

  @BeforeAll
  static void start() throws Exception {
    cli = new CliHarness(tmp);
    client = new ApiClient(cli.url(), null);
    Path pool = tmp.resolve("pool.yaml");
    Files.writeString(pool, """
        apiVersion: peloton.io/v1
        kind: ResourcePool
        metadata: {name: p}
        spec:
          parent: /
          resources: [{kind: cpu, reservation: 4, limit: 8}, {kind: memory, limit: 4096}]
        """);
    assertEquals(0, cli.run("apply", "-f", pool.toString()).code());
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  private static void job(String name, int instances) throws Exception {
    Path f = tmp.resolve(name + ".yaml");
    Files.writeString(f, """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: %s}
        spec:
          respool: /p
          instanceCount: %d
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16}
            command: {value: sleep 100}
        """.formatted(name, instances));
    Result r = cli.run("apply", "-f", f.toString());
    assertEquals(0, r.code(), r::toString);
  }

  private static String annotation(String job, String key) {
    return client.get(ResourceTypes.JOB, "default", job).path("metadata").path("annotations")
        .path(key).asText(null);
  }

  /** What the job controller would report: these task counts. */
  private static void taskStats(String job, String statsJson) throws Exception {
    ObjectNode j = client.get(ResourceTypes.JOB, "default", job);
    ObjectNode status = j.putObject("status");
    status.set("taskStats", Codecs.json().readTree(statsJson));
    client.updateStatus(ResourceTypes.JOB, j);
  }

  @Test
  void stopStartAndRestart() throws Exception {
    job("cycle", 2);
    Result notStopped = cli.run("job", "start", "cycle");
    assertEquals("Job cycle is not stopped; nothing to start\n", notStopped.out());

    assertEquals(0, cli.run("job", "stop", "cycle").code());
    assertEquals("KILLED", annotation("cycle", "peloton.io/goal-state"));
    Result restartStopped = cli.run("job", "restart", "cycle");
    assertEquals(1, restartStopped.code());
    assertEquals("error: job cycle is stopped; use 'pelotonctl job start cycle' to run it "
        + "again\n", restartStopped.err());

    Result started = cli.run("job", "start", "cycle");
    assertEquals("Job cycle starting\n", started.out(), started::toString);
    assertEquals(null, annotation("cycle", "peloton.io/goal-state"));

    Result restarted = cli.run("job", "restart", "cycle");
    assertEquals("Job cycle restarting\n", restarted.out(), restarted::toString);
    String first = annotation("cycle", "peloton.io/restart");
    assertTrue(first != null && !first.isEmpty());
    // every restart is a new request, even within the same second
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      cli.run("job", "restart", "cycle");
      return !first.equals(annotation("cycle", "peloton.io/restart"));
    });
  }

  @Test
  void stopWaitShowsTasksRemainingUntilAllAreKilled() throws Exception {
    job("stopme", 3);
    taskStats("stopme", "{\"RUNNING\": 3}");
    CliHarness.Background run = cli.background("job", "stop", "stopme", "--wait");
    await().atMost(Duration.ofSeconds(30)).until(
        () -> run.out().contains("job stopme: 3 tasks remaining, 0 killed\n"));
    taskStats("stopme", "{\"KILLING\": 1, \"KILLED\": 2}");
    await().atMost(Duration.ofSeconds(30)).until(
        () -> run.out().contains("job stopme: 1 tasks remaining, 2 killed\n"));
    assertEquals(null, run.code);
    taskStats("stopme", "{\"KILLED\": 3}");
    await().atMost(Duration.ofSeconds(30)).until(() -> run.code != null);
    assertEquals(0, run.code);
    assertEquals(List.of("Job stopme stopping", "job stopme: 3 tasks remaining, 0 killed",
        "job stopme: 1 tasks remaining, 2 killed",
        "job stopme: 0 tasks remaining, 3 killed - stopped"), run.out().lines().toList());
  }

  @Test
  void deleteWaitCountsTasksDownUntilTheJobIsGone() throws Exception {
    job("delme", 2);
    // the controller's finalizer and two tasks: the Job stays until they are gone
    ObjectNode j = client.get(ResourceTypes.JOB, "default", "delme");
    ((ObjectNode) j.get("metadata")).putArray("finalizers").add("peloton.io/tasks");
    client.update(ResourceTypes.JOB, j);
    for (int i = 0; i < 2; i++) {
      ObjectNode task = Codecs.json().createObjectNode();
      task.put("apiVersion", "peloton.io/v1").put("kind", "Task");
      task.putObject("metadata").put("name", "delme-" + i).put("namespace", "default");
      ObjectNode spec = task.putObject("spec");
      spec.put("job", "delme").put("instance", i).put("goalState", "RUNNING")
          .put("respool", "/p");
      spec.putObject("config").putObject("resource").put("cpuLimit", 1).put("memLimitMb", 1);
      ((ObjectNode) spec.get("config")).putObject("command").put("value", "true");
      client.create(ResourceTypes.TASK, "default", task);
    }
    CliHarness.Background run = cli.background("job", "delete", "delme", "--wait");
    await().atMost(Duration.ofSeconds(30)).until(
        () -> run.out().contains("job delme: 2 tasks remaining, 0 being killed\n"));
    // as the garbage collector does first: the goal of every task becomes DELETED
    ObjectNode goal = Codecs.json().createObjectNode();
    goal.putObject("spec").put("goalState", "DELETED");
    client.patch(ResourceTypes.TASK, "default", "delme-0", goal, false);
    await().atMost(Duration.ofSeconds(30)).until(
        () -> run.out().contains("job delme: 2 tasks remaining, 1 being killed\n"));
    client.delete(ResourceTypes.TASK, "default", "delme-0");
    await().atMost(Duration.ofSeconds(30)).until(
        () -> run.out().contains("job delme: 1 tasks remaining, 0 being killed\n"));
    client.delete(ResourceTypes.TASK, "default", "delme-1");
    assertEquals(null, run.code);
    ObjectNode deleting = client.get(ResourceTypes.JOB, "default", "delme");
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("metadata").putNull("finalizers");
    client.patch(ResourceTypes.JOB, "default", "delme", patch, false);
    await().atMost(Duration.ofSeconds(30)).until(() -> run.code != null);
    assertEquals(0, run.code, run::out);
    assertFalse(deleting.path("metadata").path("deletionTimestamp").isMissingNode());
    List<String> lines = run.out().lines().toList();
    assertEquals("Job delme deleting", lines.get(0));
    assertEquals("job delme: deleted", lines.get(lines.size() - 1));
    assertTrue(client.list(ResourceTypes.TASK, "default", ListOptions.all()
        .withFieldSelector("spec.job=delme")).items().isEmpty());
    assertNotEquals(-1, lines.indexOf("job delme: 1 tasks remaining, 0 being killed"));
  }
}
