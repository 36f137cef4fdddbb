package io.peloton.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.e2e.fixture.CliTable;
import io.peloton.e2e.fixture.LocalCluster;
import io.peloton.e2e.fixture.Pelotonctl;
import io.peloton.e2e.fixture.TaskSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Host maintenance through pelotonctl: drain, take down, bring back; the SLA holding a drain. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostMaintenanceE2ETest {
  private static final Duration CONVERGE = Duration.ofMinutes(3);
  /** Host states in the order maintenance moves through them. */
  private static final List<String> ORDER = List.of("HOST_STATE_UP", "HOST_STATE_DRAINING",
      "HOST_STATE_DRAINED", "HOST_STATE_DOWN");

  @RegisterExtension
  static final LocalCluster cluster = LocalCluster.named("host-maintenance");

  static Pelotonctl ctl;

  @BeforeAll
  static void pool() {
    ctl = cluster.ctl();
    cluster.applyPool(12, false);
  }

  /**
   * (c) {@code host maintenance start h1,h2}: their tasks move, {@code host query} shows them
   * DRAINING, DRAINED, DOWN in that order, and {@code host maintenance complete} brings them UP.
   */
  @Test
  @Order(1)
  void maintenanceDrainsHostsAndBringsThemBack() {
    // tasks ignore SIGTERM and take their 5 s kill grace period to go: draining is visible
    ctl.apply(cluster.workDir(), "spread.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: spread}
        spec:
          type: SERVICE
          respool: /e2e
          instanceCount: 6
          placementStrategy: SPREAD_JOB
          defaultConfig:
            resource: {cpuLimit: 0.5, memLimitMb: 16, diskLimitMb: 10}
            killGracePeriodSeconds: 5
            command: {value: "trap '' TERM; sleep 600"}
        """);
    await("6 spread tasks RUNNING").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks("spread").stream().filter(TaskSnapshot::running).count() == 6);
    Map<String, String> before = hostsOf(tasks("spread"));
    assertTrue(before.values().stream().anyMatch(h -> h.equals("h1") || h.equals("h2")),
        "SPREAD_JOB put no task on h1 or h2: " + before);

    String out = ctl.ok("host", "maintenance", "start", "h1,h2");
    assertTrue(out.contains("h1,h2"), out);
    Map<String, List<String>> seen = new LinkedHashMap<>();
    try {
      await("h1 and h2 DOWN").atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> {
        Map<String, String> now = hostStates(ctl.ok("host", "query"));
        for (String h : List.of("h1", "h2")) {
          List<String> s = seen.computeIfAbsent(h, k -> new ArrayList<>());
          if (s.isEmpty() || !s.get(s.size() - 1).equals(now.get(h))) {
            s.add(now.get(h));
          }
        }
        return "HOST_STATE_DOWN".equals(now.get("h1")) && "HOST_STATE_DOWN".equals(now.get("h2"));
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; host states seen: " + seen, e);
    }
    System.out.println("host query states seen during the drain: " + seen);
    for (String h : List.of("h1", "h2")) {
      List<String> s = seen.get(h);
      for (int i = 1; i < s.size(); i++) {
        assertTrue(ORDER.indexOf(s.get(i - 1)) < ORDER.indexOf(s.get(i)),
            h + " went backwards or sideways: " + s);
      }
    }
    // --states filters the table: both hosts are listed as DOWN, nothing else is
    Map<String, String> down = hostStates(ctl.ok("host", "query", "--states", "DOWN"));
    assertEquals(Map.of("h1", "HOST_STATE_DOWN", "h2", "HOST_STATE_DOWN"), down);
    // the maintenance controller reported each step as an Event on the HostMaintenance
    String maintenance = activeMaintenance();
    String events = events(maintenance);
    for (String h : List.of("h1", "h2")) {
      assertTrue(events.contains("host " + h + " is DOWN"), events);
    }
    await("every spread task RUNNING off h1 and h2").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1)).until(() -> {
          List<TaskSnapshot> ts = tasks("spread");
          return ts.stream().filter(TaskSnapshot::running).count() == 6
              && ts.stream().noneMatch(t -> Set.of("h1", "h2").contains(t.statusHost()));
        });
    for (TaskSnapshot t : tasks("spread")) {
      if (Set.of("h1", "h2").contains(before.get(t.name()))) {
        assertTrue(t.runId() > 1, "a task that was on " + before.get(t.name())
            + " moved with a new run: " + t);
      }
    }

    ctl.ok("host", "maintenance", "complete", "h1,h2");
    await("h1 and h2 UP again").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> hostStates(ctl.ok("host", "query", "--states", "UP")).keySet()
            .containsAll(Set.of("h1", "h2")));
    for (String h : List.of("h1", "h2")) {
      JsonNode host = ctl.getJson("host", h);
      assertFalse(host.path("spec").path("unschedulable").asBoolean(false), host.toString());
      assertEquals("NONE", host.path("spec").path("maintenance").asText(), host.toString());
    }
    deleteAndWait("spread");
  }

  /**
   * (d) A job allowing one unavailable instance has two on the drained host: the second is not
   * evicted, and the host not taken down, until the first one's replacement runs elsewhere.
   */
  @Test
  @Order(2)
  void slaHoldsTheDrainUntilAReplacementRuns() {
    // 3 × 2 cpus packed on 4-cpu hosts: two instances share a host
    ctl.apply(cluster.workDir(), "guarded.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: guarded}
        spec:
          type: SERVICE
          respool: /e2e
          instanceCount: 3
          sla: {maximumUnavailableInstances: 1, preemptible: false}
          defaultConfig:
            resource: {cpuLimit: 2, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 600'}
        """);
    await("3 guarded tasks RUNNING").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks("guarded").stream().filter(TaskSnapshot::running).count() == 3);
    Map<String, List<String>> byHost = tasks("guarded").stream().collect(Collectors.groupingBy(
        TaskSnapshot::statusHost, Collectors.mapping(TaskSnapshot::name, Collectors.toList())));
    String host = byHost.entrySet().stream().filter(e -> e.getValue().size() == 2)
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new AssertionError("no host has two guarded tasks: " + byHost));
    // fill every other cpu so the first replacement has nowhere to go yet
    ctl.apply(cluster.workDir(), "filler.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: filler}
        spec:
          type: SERVICE
          respool: /e2e
          instanceCount: 3
          sla: {preemptible: false}
          defaultConfig:
            resource: {cpuLimit: 2, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'sleep 600'}
        """);
    await("3 filler tasks RUNNING").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks("filler").stream().filter(TaskSnapshot::running).count() == 3);

    ctl.ok("host", "maintenance", "start", host);
    String maintenance = activeMaintenance();
    AtomicReference<JsonNode> progress = new AtomicReference<>();
    await(host + " drain blocked by the SLA").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          progress.set(progressOf(maintenance, host));
          return progress.get().path("blockedBy").asText("").contains("maximumUnavailableInstances");
        });
    assertEquals("DRAINING", progress.get().path("state").asText(), progress.get().toString());
    // while no replacement can run, exactly one guarded instance is out and one stays on the host
    List<TaskSnapshot> guarded = tasks("guarded");
    assertEquals(2, guarded.stream().filter(TaskSnapshot::running).count(), guarded.toString());
    assertEquals(1, guarded.stream().filter(t -> t.running() && host.equals(t.statusHost()))
        .count(), guarded.toString());
    // the bridge reports the machine draining in Mesos, and it stays so while blocked
    await(host + " DRAINING in host query").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> hostStates(ctl.ok("host", "query")).get(host), "HOST_STATE_DRAINING"::equals);
    assertEquals(1, tasks("guarded").stream().filter(t -> t.running() && host.equals(t.statusHost()))
        .count(), "the second instance is still on " + host + ": " + tasks("guarded"));
    assertTrue(events(maintenance).contains("EvictionBlocked: host " + host), events(maintenance));

    ctl.ok("delete", "job", "filler", "--wait=false");
    await(host + " DOWN").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> hostStates(ctl.ok("host", "query")).get(host), "HOST_STATE_DOWN"::equals);
    await("3 guarded tasks RUNNING off " + host).atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks("guarded").stream()
            .filter(t -> t.running() && !host.equals(t.statusHost())).count() == 3);
    // the second eviction came only after the first instance's replacement was running
    List<TaskSnapshot> moved = tasks("guarded").stream().filter(t -> t.runId() > 1).toList();
    assertEquals(2, moved.size(), tasks("guarded").toString());
    Map<String, Instant> evicted = evictionTimes();
    TaskSnapshot first = moved.stream().min((a, b) -> evicted.get(a.name())
        .compareTo(evicted.get(b.name()))).orElseThrow();
    TaskSnapshot second = moved.stream().filter(t -> t != first).findFirst().orElseThrow();
    Instant firstRunning = Instant.parse(first.raw().path("status").path("startTime").asText());
    assertNotNull(evicted.get(second.name()), evicted.toString());
    // Event times may be whole seconds, the task's start time has milliseconds
    assertFalse(evicted.get(second.name()).isBefore(firstRunning.minusSeconds(1)),
        "second eviction at " + evicted.get(second.name()) + " before the first replacement ran at "
            + firstRunning);
    ctl.ok("host", "maintenance", "complete", host);
  }

  private static String activeMaintenance() {
    for (JsonNode m : ctl.getJson("hostmaintenances").path("items")) {
      if (!m.path("spec").path("complete").asBoolean(false)) {
        return m.path("metadata").path("name").asText();
      }
    }
    throw new AssertionError("no active HostMaintenance");
  }

  private static JsonNode progressOf(String maintenance, String host) {
    for (JsonNode p : ctl.getJson("hostmaintenance", maintenance).path("status").path("hosts")) {
      if (host.equals(p.path("host").asText())) {
        return p;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** When each task was evicted, from the Evicted Events (the newest per task). */
  private static Map<String, Instant> evictionTimes() {
    Map<String, Instant> out = new HashMap<>();
    for (JsonNode e : ctl.getJson("events").path("items")) {
      if ("Evicted".equals(e.path("reason").asText())) {
        String at = e.path("lastTimestamp").asText(e.path("firstTimestamp").asText());
        out.merge(e.path("involvedObject").path("name").asText(), Instant.parse(at),
            (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return out;
  }

  private static void deleteAndWait(String job) {
    ctl.ok("delete", "job", job, "--wait=false");
    await(job + "'s tasks gone").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks(job).isEmpty());
  }

  /** Hostname to state, from {@code host query}'s table. */
  private static Map<String, String> hostStates(String table) {
    Map<String, String> out = new HashMap<>();
    for (Map<String, String> row : CliTable.parse(table)) {
      out.put(row.get("Hostname"), row.get("State"));
    }
    return out;
  }

  private static Map<String, String> hostsOf(List<TaskSnapshot> ts) {
    Map<String, String> out = new HashMap<>();
    ts.forEach(t -> out.put(t.name(), t.statusHost()));
    return out;
  }

  static List<TaskSnapshot> tasks(String job) {
    return ctl.tasksOf(job);
  }

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
