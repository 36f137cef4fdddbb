package io.peloton.scheduler.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.peloton.api.ApiObject;
import io.peloton.api.codec.Codecs;
import io.peloton.api.host.Host;
import io.peloton.api.job.Job;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PlacementStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API objects in, scheduler model out, per the task lifecycle contract. */
class SnapshotAssemblerTest {
  private static <T extends ApiObject> T parse(String json, Class<T> type) {
    try {
      return Codecs.json().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Task task(String name, String spec, String status) {
    return parse("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s","namespace":"ns","resourceVersion":"7",
          "creationTimestamp":"2026-01-01T00:00:00Z"},
         "spec":%s%s}""".formatted(name, spec, status == null ? "" : ",\"status\":" + status), Task.class);
  }

  private static String spec(String job, int instance, String extra) {
    return """
        {"job":"%s","instance":%d,"runId":2,"goalState":"RUNNING","respool":"/a/leaf","priority":3,
         "config":{"resource":{"cpuLimit":1.5,"memLimitMb":256,"diskLimitMb":10,"gpuLimit":0},
           "command":{"value":"x"},"labels":{"app":"web"}}%s}""".formatted(job, instance, extra);
  }

  private static final List<ResourcePool> POOLS = List.of(
      parse("""
          {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"leaf"},
           "spec":{"parent":"/a","resources":[{"kind":"cpu","reservation":1,"limit":10,"share":2,"type":"STATIC"}]}}""",
          ResourcePool.class),
      parse("""
          {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"a"},"spec":{"parent":"/"}}""",
          ResourcePool.class),
      parse("""
          {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"orphan"},"spec":{"parent":"/gone"}}""",
          ResourcePool.class));

  private static Host host(String name, String state, boolean cordoned) {
    return parse("""
        {"apiVersion":"peloton.io/v1","kind":"Host","metadata":{"name":"%s"},"spec":{"unschedulable":%s},
         "status":{"state":"%s","allocatable":{"cpu":8,"memory":1024,"disk":100,"gpu":1},
           "ports":[{"begin":100,"end":109}],"attributes":{"zone":"z1"}}}""".formatted(name, cordoned, state),
        Host.class);
  }

  @Test
  void classifiesTasksByTheirRun() {
    assertEquals(RunPhase.PENDING, RunPhase.of(task("t-0", spec("t", 0, ""), null)));
    // the previous run ended, the new run (2) has not started: pending
    assertEquals(RunPhase.PENDING, RunPhase.of(task("t-0", spec("t", 0, ""), "{\"runId\":1,\"state\":\"FAILED\"}")));
    // run 2 itself ended: nothing to do for the scheduler
    assertEquals(RunPhase.IDLE, RunPhase.of(task("t-0", spec("t", 0, ""), "{\"runId\":2,\"state\":\"SUCCEEDED\"}")));
    assertEquals(RunPhase.IDLE, RunPhase.of(task("t-0", spec("t", 0, "").replace("\"RUNNING\"", "\"KILLED\""), null)));
    assertEquals(RunPhase.BOUND, RunPhase.of(task("t-0", spec("t", 0, ",\"host\":\"h1\""), null)));
    assertEquals(RunPhase.RUNNING,
        RunPhase.of(task("t-0", spec("t", 0, ",\"host\":\"h1\""), "{\"runId\":2,\"state\":\"RUNNING\"}")));
    assertEquals(RunPhase.IDLE,
        RunPhase.of(task("t-0", spec("t", 0, ",\"host\":\"h1\""), "{\"runId\":2,\"state\":\"KILLED\"}")));
  }

  @Test
  void buildsTheSnapshotFromApiObjects() {
    Job job = parse("""
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"g","namespace":"ns"},
         "spec":{"type":"BATCH","respool":"/a/leaf","instanceCount":3,"placementStrategy":"SPREAD_JOB",
           "sla":{"minimumRunningInstances":2}}}""", Job.class);
    List<Task> tasks = List.of(
        task("g-0", spec("g", 0, ""), null),
        task("g-2", spec("g", 2, ""), null),
        task("run-0", spec("run", 0, ",\"host\":\"h1\""), "{\"runId\":2,\"state\":\"RUNNING\"}"),
        task("bad-0", spec("bad", 0, "").replace(",\"respool\":\"/a/leaf\"", ""), null));
    AssembledCluster c = new SnapshotAssembler().assemble(
        List.of(host("h1", "UP", false), host("h2", "UP", true), parse("""
            {"apiVersion":"peloton.io/v1","kind":"Host","metadata":{"name":"new"}}""", Host.class)),
        POOLS, tasks, (ns, name) -> name.equals("g") ? job : null);
    ClusterSnapshot s = c.snapshot();

    assertEquals(List.of("h1", "h2"), s.hosts().stream().map(io.peloton.scheduler.model.Host::name).toList());
    assertTrue(s.hosts().get(0).schedulable());
    assertFalse(s.hosts().get(1).schedulable(), "cordoned host");
    assertEquals(10, s.hosts().get(0).ports());
    assertEquals(1, s.hosts().get(0).capacity().gpu());
    assertEquals("z1", s.hosts().get(0).label("zone"));
    assertTrue(c.rejectedHosts().get("new").contains("status.state"));

    assertEquals(List.of("/a", "/a/leaf"), s.pools().stream().map(p -> p.path()).toList());
    assertEquals(10, s.pools().get(1).limit().cpu());
    assertTrue(c.pools().rejected().containsKey("/gone/orphan"));

    Map<String, PendingTask> pending = new java.util.HashMap<>();
    s.pending().forEach(p -> pending.put(p.id(), p));
    assertEquals(2, pending.size());
    PendingTask g0 = pending.get("ns/g-0");
    assertEquals("ns/g#gang", g0.gang(), "instances below minimumRunningInstances form a gang");
    assertNull(pending.get("ns/g-2").gang());
    assertEquals(PlacementStrategy.SPREAD, g0.strategy());
    assertEquals(1.5, g0.resources().cpu());
    assertEquals(3, g0.priority());
    assertEquals("/a/leaf", g0.pool());
    assertTrue(g0.sequence() < pending.get("ns/g-2").sequence(), "FIFO by creation, then instance");

    assertEquals(1, s.bound().size());
    assertTrue(s.bound().get(0).running());
    assertEquals("h1", s.bound().get(0).host());
    assertTrue(c.invalid().get("ns/bad-0").startsWith("spec.respool"), c.invalid().toString());
  }

  @Test
  void keepsAPendingTasksPlaceInLineAcrossCycles() {
    SnapshotAssembler assembler = new SnapshotAssembler();
    Task first = task("q-5", spec("q", 5, ""), null);
    long before = assembler.assemble(List.of(), POOLS, List.of(first), (a, b) -> null).snapshot().pending().get(0)
        .sequence();
    Task newer = parse(Codecs.json().valueToTree(task("a-0", spec("a", 0, ""), null)).toString()
        .replace("2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), Task.class);
    var again = assembler.assemble(List.of(), POOLS, List.of(newer, first), (a, b) -> null).snapshot().pending();
    long after = again.stream().filter(p -> p.id().equals("ns/q-5")).findFirst().orElseThrow().sequence();
    long other = again.stream().filter(p -> p.id().equals("ns/a-0")).findFirst().orElseThrow().sequence();
    assertEquals(before, after);
    assertTrue(other > after, "a task seen later queues behind, whatever its timestamp");
  }

  /** A DAEMON instance whose binding was cleared waits for its own host, never another. */
  @Test
  void daemonTaskIsPlacedOnlyOnItsOwnHost() {
    Task daemon = parse(Codecs.json().valueToTree(task("d-1", spec("d", 1, ""), null)).toString()
        .replace("\"namespace\":\"ns\"",
            "\"namespace\":\"ns\",\"labels\":{\"peloton.io/daemon-host\":\"h1\"}"), Task.class);
    Task filler = task("f-0", spec("f", 0, ",\"host\":\"h1\"").replace("1.5", "7"),
        "{\"runId\":2,\"state\":\"RUNNING\"}");
    io.peloton.scheduler.SchedulingCycle cycle =
        new io.peloton.scheduler.SchedulingCycle(
            io.peloton.scheduler.SchedulerConfig.defaults().withGpuHostsReservedForGpuTasks(false));
    SnapshotAssembler assembler = new SnapshotAssembler();
    List<Host> hosts = List.of(host("h1", "UP", false), host("h2", "UP", false));
    List<ResourcePool> pools = List.of(POOLS.get(1), parse("""
        {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"leaf"},
         "spec":{"parent":"/a","resources":[{"kind":"cpu","reservation":20,"limit":20,"share":1},
           {"kind":"memory","reservation":9000,"limit":9000,"share":1},
           {"kind":"disk","reservation":900,"limit":900,"share":1}]}}""", ResourcePool.class));
    var full = cycle.run(assembler.assemble(hosts, pools, List.of(daemon, filler), (a, b) -> null)
        .snapshot());
    assertTrue(full.bindings().isEmpty(), "h1 is full and h2 is not its host: " + full.bindings());
    assertTrue(full.pending().get("ns/d-1").reason().contains("constraint hostname=h1"),
        full.pending().get("ns/d-1").reason());
    var free = cycle.run(assembler.assemble(hosts, pools, List.of(daemon), (a, b) -> null)
        .snapshot());
    assertEquals("h1", free.bindings().get(0).host());
  }

  @Test
  void translatesConstraintsAndNamesTheFieldOfAFault() {
    var api = parse("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"x-0","namespace":"ns"},
         "spec":{"job":"x","instance":0,"config":{"constraint":{"type":"AND","andConstraint":{"constraints":[
           {"type":"LABEL","labelConstraint":{"kind":"HOST","condition":"EQUAL","label":{"key":"zone","value":"z1"},
             "requirement":1}},
           {"type":"LABEL","labelConstraint":{"kind":"TASK","condition":"LESS_THAN",
             "label":{"key":"app","value":"web"},"requirement":2}}]}}}}}""", Task.class)
        .spec().config().constraint();
    Constraint c = ConstraintTranslator.translate(api, "spec.config.constraint");
    assertEquals("(zone=z1 AND tasks(app=web)<2)", c.toString());

    var broken = parse("""
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"x-0","namespace":"ns"},
         "spec":{"job":"x","instance":0,"config":{"constraint":{"type":"OR","orConstraint":{"constraints":[
           {"type":"LABEL","labelConstraint":{"condition":"EQUAL","label":{"key":"zone"}}}]}}}}}""", Task.class)
        .spec().config().constraint();
    InvalidObjectException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidObjectException.class,
        () -> ConstraintTranslator.translate(broken, "spec.config.constraint"));
    assertEquals("spec.config.constraint.orConstraint.constraints[0].labelConstraint.kind", e.field());
  }
}
