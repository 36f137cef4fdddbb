package io.peloton.scheduler.placement;

import static io.peloton.scheduler.Fixtures.gpuHost;
import static io.peloton.scheduler.Fixtures.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.scheduler.admission.Gang;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.HostState;
import io.peloton.scheduler.model.Label;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PlacementStrategy;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementEngineTest {
  private final PlacementEngine engine = new PlacementEngine(true);

  private static PendingTask task(String id, double cpu, double mem) {
    return PendingTask.simple(id, "job", "/a", Resources.of(cpu, mem, 0, 0), 0);
  }

  private static List<Gang> singles(List<PendingTask> tasks) {
    List<Gang> out = new ArrayList<>();
    for (PendingTask t : tasks) {
      out.add(Gang.of(t.id(), t.pool(), List.of(t)));
    }
    return out;
  }

  private static Map<String, String> hostsOf(PlacementOutcome o) {
    Map<String, String> m = new HashMap<>();
    for (Binding b : o.bindings()) {
      m.put(b.taskId(), b.host());
    }
    return m;
  }

  @Test
  void packsFirstHostBeforeTheNext() {
    List<Host> hosts = List.of(host("h1", 4, 4000), host("h2", 4, 4000));
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tasks.add(task("t" + i, 1, 100));
    }
    Map<String, String> placed = hostsOf(engine.place(hosts, List.of(), singles(tasks)));
    assertEquals(List.of("h1", "h1", "h1", "h1", "h2", "h2"),
        tasks.stream().map(t -> placed.get(t.id())).toList());
  }

  @Test
  void neverDoubleBooksHostsIncludingTasksBoundButNotRunning() {
    List<Host> hosts = List.of(host("h1", 4, 4000), host("h2", 4, 4000));
    BoundTask notYetRunning = task("old", 3, 100).boundTo("h1", 1);
    List<PendingTask> tasks = List.of(task("a", 2, 100), task("b", 2, 100), task("c", 2, 100));
    PlacementOutcome o = engine.place(hosts, List.of(notYetRunning), singles(tasks));
    Map<String, String> placed = hostsOf(o);
    assertEquals("h2", placed.get("a"));
    assertEquals("h2", placed.get("b"));
    assertNull(placed.get("c"));
    assertEquals("0/2 hosts: 2 insufficient cpu", o.unplaced().get("c"));
  }

  @Test
  void randomWorkloadNeverExceedsAnyHostCapacity() {
    Random rnd = new Random(42);
    List<Host> hosts = new ArrayList<>();
    for (int h = 0; h < 200; h++) {
      hosts.add(new Host("h" + h, HostState.UP, false, Resources.of(1 + rnd.nextInt(16), 1000 + rnd.nextInt(16_000),
          10_000, 0), 5, 0, Map.of("zone", "z" + (h % 4))));
    }
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      PendingTask t = task("t" + i, 0.5 * (1 + rnd.nextInt(4)), 100 * (1 + rnd.nextInt(20)))
          .withPlacement(null, PlacementStrategy.PACK, rnd.nextInt(2));
      if (i % 3 == 0) {
        t = t.withConstraint(Constraint.hostLabel("zone", "z" + rnd.nextInt(4)), List.of());
      }
      tasks.add(t);
    }
    PlacementOutcome o = engine.place(hosts, List.of(), singles(tasks));
    Map<String, double[]> used = new HashMap<>();
    Map<String, PendingTask> byId = new HashMap<>();
    tasks.forEach(t -> byId.put(t.id(), t));
    for (Binding b : o.bindings()) {
      PendingTask t = byId.get(b.taskId());
      double[] u = used.computeIfAbsent(b.host(), x -> new double[3]);
      u[0] += t.resources().cpu();
      u[1] += t.resources().memMb();
      u[2] += t.ports();
      if (t.constraint() != null) {
        String zone = ((Constraint.LabelConstraint) t.constraint()).label().value();
        int h = Integer.parseInt(b.host().substring(1));
        assertEquals(zone, "z" + (h % 4), "constraint violated for " + t.id());
      }
    }
    for (Host h : hosts) {
      double[] u = used.getOrDefault(h.name(), new double[3]);
      assertTrue(u[0] <= h.capacity().cpu() + 1e-6, h.name() + " cpu overbooked");
      assertTrue(u[1] <= h.capacity().memMb() + 1e-6, h.name() + " memory overbooked");
      assertTrue(u[2] <= h.ports(), h.name() + " ports overbooked");
    }
    assertTrue(o.bindings().size() > 500, "placed " + o.bindings().size());
    assertEquals(tasks.size(), o.bindings().size() + o.unplaced().size());
  }

  @Test
  void hostConstraintsWithAndOr() {
    List<Host> hosts = List.of(
        host("a1", 8, 8000, Map.of("zone", "east", "rack", "r1")),
        host("a2", 8, 8000, Map.of("zone", "east", "rack", "r2")),
        host("b1", 8, 8000, Map.of("zone", "west", "rack", "r1")));
    Constraint eastR2 = new Constraint.And(List.of(Constraint.hostLabel("zone", "east"),
        Constraint.hostLabel("rack", "r2")));
    Constraint westOrR2 = new Constraint.Or(List.of(Constraint.hostLabel("zone", "west"),
        Constraint.hostLabel("rack", "r2")));
    List<PendingTask> tasks = List.of(
        task("and", 1, 10).withConstraint(eastR2, List.of()),
        task("or1", 4, 10).withConstraint(westOrR2, List.of()),
        task("or2", 4, 10).withConstraint(westOrR2, List.of()),
        task("name", 1, 10).withConstraint(Constraint.hostLabel("hostname", "a1"), List.of()));
    Map<String, String> placed = hostsOf(engine.place(hosts, List.of(), singles(tasks)));
    assertEquals("a2", placed.get("and"));
    assertEquals(Set.of("a2", "b1"), Set.of(placed.get("or1"), placed.get("or2")));
    assertEquals("a1", placed.get("name"));
  }

  @Test
  void hostLimitKeepsAtMostNTasksWithALabelPerHost() {
    List<Host> hosts = List.of(host("h1", 16, 16_000), host("h2", 16, 16_000), host("h3", 16, 16_000));
    Label label = new Label("job", "web");
    BoundTask existing = new BoundTask("old", "web", "/a", "h1", Resources.cpu(1), 0, 0, true, false, false,
        List.of(label), true, 1);
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(task("w" + i, 1, 10).withConstraint(Constraint.hostLimit("job", "web", 1), List.of(label)));
    }
    PlacementOutcome o = engine.place(hosts, List.of(existing), singles(tasks));
    Map<String, String> placed = hostsOf(o);
    assertEquals(Set.of("h2", "h3"), new HashSet<>(placed.values()));
    assertEquals(2, placed.size());
    assertEquals("0/3 hosts: 3 constraint tasks(job=web)<1", o.unplaced().get("w2"));
  }

  @Test
  void hostConstraintAndHostLimitCombineWithAnd() {
    List<Host> hosts = List.of(host("a1", 16, 16_000, Map.of("zone", "a")), host("b1", 16, 16_000, Map.of("zone", "b")),
        host("a2", 16, 16_000, Map.of("zone", "a")));
    Label label = new Label("app", "db");
    Constraint oneDbPerHostInZoneA = new Constraint.And(List.of(Constraint.hostLabel("zone", "a"),
        Constraint.hostLimit("app", "db", 1)));
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(task("db" + i, 1, 10).withConstraint(oneDbPerHostInZoneA, List.of(label)));
    }
    PlacementOutcome o = engine.place(hosts, List.of(), singles(tasks));
    assertEquals(Map.of("db0", "a1", "db1", "a2"), hostsOf(o));
    assertEquals("0/3 hosts: 2 constraint tasks(app=db)<1, 1 constraint zone=a", o.unplaced().get("db2"));
  }

  @Test
  void gpuHostsAreKeptForGpuTasks() {
    List<Host> hosts = List.of(gpuHost("gpu1", 32, 64_000, 4), host("cpu1", 2, 4000));
    PendingTask gpuTask = PendingTask.simple("g", "ml", "/a", Resources.of(4, 1000, 0, 2), 0);
    List<PendingTask> tasks = List.of(task("c1", 2, 100), task("c2", 2, 100), gpuTask);
    PlacementOutcome o = engine.place(hosts, List.of(), singles(tasks));
    Map<String, String> placed = hostsOf(o);
    assertEquals("cpu1", placed.get("c1"));
    assertEquals("gpu1", placed.get("g"));
    assertFalse(placed.containsKey("c2"), "a cpu task must not take the GPU host");
    assertEquals("0/2 hosts: 1 GPU host kept for GPU tasks, 1 insufficient cpu", o.unplaced().get("c2"));

    Map<String, String> shared = hostsOf(new PlacementEngine(false).place(hosts, List.of(), singles(tasks)));
    assertEquals("gpu1", shared.get("c2"), "with the reservation off, GPU hosts take any task");
  }

  @Test
  void exclusiveHostsOnlyTakeTasksThatAskForThem() {
    List<Host> hosts = List.of(host("ex", 8, 8000, Map.of(Host.EXCLUSIVE_ATTRIBUTE, "db")), host("shared", 1, 1000));
    PendingTask plain = task("plain", 2, 10);
    PendingTask db = task("db", 2, 10).withConstraint(Constraint.hostLabel(Host.EXCLUSIVE_ATTRIBUTE, "db"), List.of());
    PlacementOutcome o = engine.place(hosts, List.of(), singles(List.of(plain, db)));
    assertEquals("ex", hostsOf(o).get("db"));
    assertEquals("0/2 hosts: 1 exclusive host, 1 insufficient cpu", o.unplaced().get("plain"));
  }

  @Test
  void desiredHostIsPreferredWhenItFits() {
    List<Host> hosts = List.of(host("h1", 8, 8000), host("h2", 8, 8000), host("h3", 1, 100));
    List<PendingTask> tasks = List.of(
        task("wants-h2", 1, 10).withPlacement("h2", PlacementStrategy.PACK, 0),
        task("wants-h3-too-big", 4, 10).withPlacement("h3", PlacementStrategy.PACK, 0));
    Map<String, String> placed = hostsOf(engine.place(hosts, List.of(), singles(tasks)));
    assertEquals("h2", placed.get("wants-h2"));
    assertEquals("h1", placed.get("wants-h3-too-big"));
  }

  @Test
  void spreadPutsOneTaskOfAJobPerHostWhilePossible() {
    List<Host> hosts = List.of(host("h1", 8, 8000), host("h2", 8, 8000), host("h3", 8, 8000));
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(task("s" + i, 1, 10).withPlacement(null, PlacementStrategy.SPREAD, 0));
    }
    Map<String, String> placed = hostsOf(engine.place(hosts, List.of(), singles(tasks)));
    assertEquals(Set.of("h1", "h2", "h3"), Set.of(placed.get("s0"), placed.get("s1"), placed.get("s2")));
    assertEquals(4, placed.size(), "the fourth falls back to packing");
  }

  @Test
  void hostsThatAreNotUpOrAreCordonedGetNothing() {
    List<Host> hosts = List.of(
        new Host("down", HostState.DOWN, false, Resources.of(8, 8000, 0, 0), 10, 0, Map.of()),
        new Host("draining", HostState.DRAINING, false, Resources.of(8, 8000, 0, 0), 10, 0, Map.of()),
        new Host("cordoned", HostState.UP, true, Resources.of(8, 8000, 0, 0), 10, 0, Map.of()));
    PlacementOutcome o = engine.place(hosts, List.of(), singles(List.of(task("t", 1, 10))));
    assertTrue(o.bindings().isEmpty());
    assertEquals("0/3 hosts: 1 host DOWN, 1 host DRAINING, 1 host unschedulable", o.unplaced().get("t"));
  }

  @Test
  void gangIsPlacedWholeOrRolledBack() {
    List<Host> hosts = List.of(host("h1", 4, 4000), host("h2", 2, 4000));
    List<PendingTask> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      members.add(task("g" + i, 2, 10).withGang("g"));
    }
    PendingTask after = task("after", 4, 10);
    List<Gang> gangs = List.of(Gang.of("g", "/a", members), Gang.of("after", "/a", List.of(after)));
    PlacementOutcome o = engine.place(hosts, List.of(), gangs);
    assertEquals(List.of(new Binding("after", "h1")), o.bindings(), "the rolled-back gang frees h1 for later work");
    assertTrue(o.unplaced().get("g0").startsWith("gang g (4 tasks) cannot be placed whole: 3/4 fit; task g3: "),
        o.unplaced().get("g0"));
  }

  @Test
  void explainsWhyWithCountsPerReason() {
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      hosts.add(host("a" + (i + 1), 1, 8000, Map.of("zone", "a")));
    }
    for (int i = 0; i < 15; i++) {
      hosts.add(host("b" + (i + 1), 16, 8000, Map.of("zone", "b")));
    }
    PendingTask zoned = task("zoned", 2, 10).withConstraint(Constraint.hostLabel("zone", "a"), List.of());
    PendingTask pinned = task("pinned", 2, 10).withConstraint(Constraint.hostLabel("hostname", "a1"), List.of());
    PlacementOutcome o = engine.place(hosts, List.of(), singles(List.of(zoned, pinned)));
    assertEquals("0/40 hosts: 25 insufficient cpu, 15 constraint zone=a", o.unplaced().get("zoned"));
    assertEquals("0/40 hosts: 39 constraint hostname=a1, 1 insufficient cpu", o.unplaced().get("pinned"));
  }
}
