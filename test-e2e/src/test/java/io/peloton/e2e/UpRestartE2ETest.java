package io.peloton.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.e2e.fixture.PelotonUp;
import io.peloton.e2e.fixture.Pelotonctl;
import io.peloton.e2e.fixture.RunLog;
import io.peloton.e2e.fixture.TaskSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 items 3 and 10: {@code kill -9} of the whole {@code peloton up} with services
 * running, then {@code peloton up} again on the same data dir: the agents recover their tasks, the
 * same processes keep running, nothing is launched again (so no instance runs twice at once) and
 * no failure is counted. Everything {@code up} listens on is loopback only.
 */
class UpRestartE2ETest {
  private static final Duration CONVERGE = Duration.ofMinutes(3);
  private static final int INSTANCES = 12;
  private static PelotonUp up;
  private static Pelotonctl ctl;

  @BeforeAll
  static void start() {
    up = PelotonUp.start("up-restart");
    ctl = up.ctl();
  }

  @AfterAll
  static void stop() {
    if (up != null) {
      up.close();
    }
  }

  @Test
  void killNineAndRestartKeepsServicesRunningWithoutFailures() throws IOException {
    Path work = up.workDir();
    Path runs = work.resolve("web-runs.log");
    ctl.apply(work, "pool.yaml", """
        apiVersion: peloton.io/v1
        kind: ResourcePool
        metadata: {name: svc}
        spec:
          parent: /
          resources:
            - {kind: cpu, reservation: 4, limit: 16, share: 1}
            - {kind: memory, reservation: 1024, limit: 8192, share: 1}
            - {kind: disk, reservation: 1024, limit: 8192, share: 1}
        """);
    ctl.apply(work, "web.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: web}
        spec:
          type: SERVICE
          respool: /svc
          instanceCount: %d
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: '%s; exec sleep 3600'}
        """.formatted(INSTANCES, RunLog.startLine(runs)));
    await(INSTANCES + " web tasks RUNNING").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> tasks().stream().filter(TaskSnapshot::running).count() == INSTANCES);
    Map<String, TaskSnapshot> before = tasks().stream()
        .collect(Collectors.toMap(TaskSnapshot::name, Function.identity()));
    RunLog started = RunLog.read(runs);
    assertEquals(INSTANCES, started.starts().size(), started.toString());

    int reconciled = up.logCount("explicit reconciliation asked about");
    up.process().kill9();
    for (RunLog.Run r : started.starts().values()) {
      assertTrue(alive(r.pid()), "a task died with `peloton up`: " + r);
    }
    up.startAgain();
    assertLoopbackOnly(up.apiPort);
    assertLoopbackOnly(up.mesosPort);

    // the restarted bridge asked Mesos about every run, and a new task runs through: the answers
    // (RUNNING for recovered tasks; LOST before the agents recovered them) have been recorded
    await("the restarted bridge reconciled").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
        .until(() -> up.logCount("explicit reconciliation asked about") > reconciled);
    ctl.apply(work, "probe.yaml", """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: probe}
        spec:
          type: BATCH
          respool: /svc
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 0.1, memLimitMb: 16, diskLimitMb: 10}
            command: {value: 'echo probe'}
        """);
    await("probe SUCCEEDED after the restart").atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ctl.getJson("job", "probe").path("status").path("state").asText(),
            "SUCCEEDED"::equals);

    for (TaskSnapshot t : tasks()) {
      TaskSnapshot was = before.get(t.name());
      assertTrue(t.running(), "not running after the restart: " + t);
      assertEquals(was.mesosTaskId(), t.mesosTaskId(), t.name() + " got another Mesos task");
      assertEquals(was.runId(), t.runId(), t.name() + " was restarted");
      assertEquals(0, t.failureCount(), t.name() + " counted a failure: " + t.raw());
      assertTrue(t.condition("Throttled").isMissingNode()
          || !"True".equals(t.condition("Throttled").path("status").asText()),
          t.name() + " is in restart backoff: " + t.raw());
    }
    RunLog after = RunLog.read(runs);
    assertEquals(started.starts(), after.starts(), "a task was launched again");
    for (RunLog.Run r : after.starts().values()) {
      assertTrue(alive(r.pid()), "the process of " + r + " did not survive the restart");
    }
  }

  private static List<TaskSnapshot> tasks() {
    return TaskSnapshot.listOf(ctl.getJson("tasks", "-l", "peloton.io/job=web"));
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Every listening socket on the port (IPv4 and IPv6) is bound to a loopback address. */
  private static void assertLoopbackOnly(int port) throws IOException {
    List<String> bound = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !f[3].equals("0A")) {
          continue; // header, or not LISTEN
        }
        String[] local = f[1].split(":");
        if (Integer.parseInt(local[1], 16) == port) {
          bound.add(local[0]);
        }
      }
    }
    assertTrue(!bound.isEmpty(), "nothing listens on " + port);
    for (String address : bound) {
      // 127.x.x.x is stored little-endian (ends in 7F), in tcp6 also IPv4-mapped
      // (::ffff:127.x.x.x); ::1 as 0..0 01000000
      boolean loopback = address.length() == 8 ? address.endsWith("7F")
          : address.equals("00000000000000000000000001000000")
              || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F");
      assertTrue(loopback, "port " + port + " is bound to " + address + " (not loopback)");
    }
  }
}
