package io.peloton.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.e2e.fixture.CliTable;
import io.peloton.e2e.fixture.LocalCluster;
import io.peloton.e2e.fixture.Pelotonctl;
import io.peloton.e2e.fixture.PelotonExamples;
import io.peloton.e2e.fixture.TaskSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs from submission to completion on one cluster: Peloton's own example files, a crashing
 * service restarted with backoff, GPU placement, and a daemon following a host that joins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobLifecycleE2ETest {
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  @RegisterExtension
  static final LocalCluster cluster = LocalCluster.named("job-lifecycle")
      .withControllerArgs("--restart-backoff", "2s", "--restart-backoff-max", "8s");

  static Pelotonctl ctl;

  @BeforeAll
  static void pool() {
    ctl = cluster.ctl();
    cluster.applyPool(4, true);
  }

  /** (a) Peloton's own files, unmodified, through Peloton's own verbs. */
  @Test
  @Order(1)
  void pelotonExampleJobRunsToCompletion() {
    String pool = ctl.ok("respool", "create", "/DefaultResPool",
        PelotonExamples.file("default_respool.yaml").toString());
    assertTrue(pool.contains("/DefaultResPool"), pool);
    String created = ctl.ok("job", "create", "/DefaultResPool",
        PelotonExamples.file("testjob.yaml").toString());
    Matcher m = Pattern.compile("Job (\\S+) created").matcher(created);
    assertTrue(m.find(), "job create printed: " + created);
    String job = m.group(1);

    AtomicReference<String> last = new AtomicReference<>();
    try {
      await("every instance of " + job + " SUCCEEDED").atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(3)).until(() -> {
            String out = ctl.ok("task", "list", job);
            last.set(out);
            List<Map<String, String>> rows = CliTable.parse(out);
            return rows.size() == 10
                && rows.stream().allMatch(r -> "SUCCEEDED".equals(r.get("State")));
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; last task list:\n" + last.get(), e);
    }
    List<Map<String, String>> rows = CliTable.parse(last.get());
    assertEquals(Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
        rows.stream().map(r -> r.get("Instance")).collect(Collectors.toSet()), last.get());
    for (Map<String, String> r : rows) {
      assertTrue(Set.of("h1", "h2", "h3").contains(r.get("Host")),
          "a non-GPU task ran on " + r.get("Host") + ": " + r);
    }
    await("job " + job + " SUCCEEDED").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.getJson("job", job).path("status").path("state").asText(),
            "SUCCEEDED"::equals);
  }

  /** (b) A SERVICE task that exits 1 is restarted again and again, each time after a longer wait. */
  @Test
  @Order(2)
  void crashingServiceIsRestartedWithBackoff() {
    ctl.apply(cluster.workDir(), "crashing.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: crashing}
        spec:
          type: SERVICE
          respool: /e2e
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'echo starting; echo cannot open crashing.conf >&2; sleep 1; exit 1'}
        """);
    List<String> throttleSeen = new ArrayList<>();
    List<String> jobThrottleSeen = new ArrayList<>();
    Set<String> jobStatesAfterAFailure = new TreeSet<>();
    Set<String> readyReasons = new TreeSet<>();
    await("crashing-0 restarted 3 times").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          TaskSnapshot t = task("crashing-0");
          JsonNode c = t.condition("Throttled");
          if ("True".equals(c.path("status").asText())) {
            throttleSeen.add(c.path("reason").asText() + ": " + c.path("message").asText());
          }
          JsonNode job = ctl.getJson("job", "crashing");
          for (JsonNode jc : job.path("status").path("conditions")) {
            if ("Throttled".equals(jc.path("type").asText())
                && "True".equals(jc.path("status").asText())) {
              jobThrottleSeen.add(jc.path("reason").asText());
            }
            if ("Ready".equals(jc.path("type").asText())) {
              readyReasons.add(jc.path("reason").asText());
            }
          }
          if (t.failureCount() >= 1) {
            jobStatesAfterAFailure.add(job.path("status").path("state").asText());
          }
          return t.runId() >= 4;
        });
    TaskSnapshot t = task("crashing-0");
    assertTrue(t.failureCount() >= 3, "failureCount after 3 restarts: " + t);
    assertFalse(throttleSeen.isEmpty(), "the task never showed a Throttled condition");
    assertTrue(throttleSeen.stream().allMatch(s -> s.startsWith("RestartBackoff: ")),
        throttleSeen.toString());
    assertTrue(jobThrottleSeen.contains("RestartBackoff"),
        "the job never showed Throttled=True/RestartBackoff: " + jobThrottleSeen);
    // the job controller says each restart's wait: 2 s, then 4 s, then 8 s (doubling, capped)
    String events = events("crashing-0");
    assertTrue(events.contains("restarting after a backoff of 2s (failure 1)"), events);
    assertTrue(events.contains("restarting after a backoff of 4s (failure 2)"), events);
    assertTrue(events.contains("restarting after a backoff of 8s (failure 3)"), events);
    // the Job says it crash-loops: never PENDING as if new, Ready=False/CrashLoopBackOff, and
    // a Warning per backoff naming the instance
    assertFalse(jobStatesAfterAFailure.contains("PENDING"), jobStatesAfterAFailure.toString());
    assertTrue(readyReasons.contains("CrashLoopBackOff"), readyReasons.toString());
    String jobEvents = events("crashing");
    assertTrue(jobEvents.contains("CrashLoopBackOff: instance 0 run 1 ended FAILED (failure 1)"),
        jobEvents);
    // why it failed is readable through the API server: the first run's stderr and stdout
    assertEquals("cannot open crashing.conf\n",
        cluster.taskLog("crashing-0", "stream=stderr&run=1"));
    assertEquals("starting\n", cluster.taskLog("crashing-0", "run=1"));
    ctl.ok("delete", "job", "crashing", "--wait=false");
  }

  /** (f) The GPU job lands on gpu1; non-GPU work waits rather than take gpu1's free cpus. */
  @Test
  @Order(3)
  void gpuHostIsKeptForGpuTasks() {
    ctl.apply(cluster.workDir(), "gpu.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: cpu-heavy}
        spec:
          type: BATCH
          respool: /e2e
          instanceCount: 16
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 3; echo done'}
        ---
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: train}
        spec:
          type: BATCH
          respool: /e2e
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 16, diskLimitMb: 10, gpuLimit: 1}
            command: {value: 'sleep 2; echo trained'}
        """);
    Set<String> cpuHosts = new TreeSet<>();
    await("both jobs SUCCEEDED").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          for (TaskSnapshot t : tasks("cpu-heavy")) {
            if (!t.statusHost().isEmpty()) {
              cpuHosts.add(t.statusHost());
            }
          }
          return "SUCCEEDED".equals(ctl.jobState("cpu-heavy"))
              && "SUCCEEDED".equals(ctl.jobState("train"));
        });
    List<TaskSnapshot> cpu = tasks("cpu-heavy");
    assertEquals(16, cpu.size());
    cpu.forEach(t -> cpuHosts.add(t.statusHost()));
    assertFalse(cpuHosts.contains("gpu1"), "non-GPU tasks ran on gpu1: " + cpu);
    assertTrue(Set.of("h1", "h2", "h3").containsAll(cpuHosts), cpuHosts.toString());
    TaskSnapshot train = tasks("train").get(0);
    assertEquals("gpu1", train.statusHost(), train.toString());
    assertEquals("SUCCEEDED", train.state(), train.toString());
  }

  /** (g) A DAEMON job runs one task on every host, and on a host that joins later. */
  @Test
  @Order(4)
  void daemonFollowsAJoiningHost() {
    ctl.apply(cluster.workDir(), "daemon.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: shipper}
        spec:
          type: DAEMON
          respool: /e2e
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 600'}
        """);
    await("a running shipper task on each of h1, h2, h3, gpu1").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.runningHosts("shipper"),
            hosts -> hosts.equals(List.of("gpu1", "h1", "h2", "h3")));

    cluster.postToMesos("/admin/agents", """
        {"hostname": "h4", "ip": "127.0.0.15", "cpus": 4, "mem": 8192, "disk": 20000,
         "ports": ["35000-35999"], "attributes": {"rack": "r3", "zone": "c"}}""");
    await("host h4 UP").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> cluster.upHosts().contains("h4"));
    await("a running shipper task on h4 too").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.runningHosts("shipper"),
            hosts -> hosts.equals(List.of("gpu1", "h1", "h2", "h3", "h4")));
    assertEquals(5, tasks("shipper").size(), "one task per host: " + tasks("shipper"));
  }


  static TaskSnapshot task(String name) {
    return TaskSnapshot.of(ctl.getJson("task", name));
  }

  static List<TaskSnapshot> tasks(String job) {
    return ctl.tasksOf(job);
  }


  /** The messages of the Events about one object, one per line. */
  static String events(String object) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode e : ctl.getJson("events").path("items")) {
      if (object.equals(e.path("involvedObject").path("name").asText())) {
        sb.append(e.path("reason").asText()).append(": ").append(e.path("message").asText())
            .append('\n');
      }
    }
    return sb.toString();
  }
}
