package io.peloton.bridge.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.taskconfig.Command;
import io.peloton.api.taskconfig.Port;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.taskconfig.TaskResources;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;

class LaunchPlannerTest {

  private static Protos.Resource scalar(String name, double v) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
        .setScalar(Protos.Value.Scalar.newBuilder().setValue(v))
        .setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole("peloton")).build();
  }

  private static Protos.Offer offer(String id, double cpus, long portBegin, long portEnd) {
    return Protos.Offer.newBuilder().setId(Protos.OfferID.newBuilder().setValue(id))
        .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("fw"))
        .setAgentId(Protos.AgentID.newBuilder().setValue("S1")).setHostname("h1")
        .addResources(scalar("cpus", cpus)).addResources(scalar("mem", 1024))
        .addResources(Protos.Resource.newBuilder().setName("ports")
            .setType(Protos.Value.Type.RANGES)
            .setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole("peloton"))
            .setRanges(Protos.Value.Ranges.newBuilder()
                .addRange(Protos.Value.Range.newBuilder().setBegin(portBegin).setEnd(portEnd))))
        .build();
  }

  private static Task task(int instance, double cpu, List<Port> ports) {
    TaskConfig config = new TaskConfig("web", Map.of("team", "a"),
        new TaskResources(cpu, 64.0, null, null, null), new Command("serve", null, null, null,
        null, null), null, null, ports, null, null, null, null, 5, null, null, null);
    ObjectMeta meta = new ObjectMeta("web-" + instance, "ns", "task-uid", "7", 1L, null, null,
        null, null, List.of(new OwnerReference("peloton.io/v1", "Job", "web", "job-uid", true,
        true)), null);
    return new Task("peloton.io/v1", "Task", meta, new TaskSpec("web", instance, config, 1L,
        TaskState.RUNNING, 2, "h1", null, null, null, null, null), null);
  }

  @Test
  void fitsTasksIntoCombinedOffersAndRejectsTheRest() {
    List<Protos.Offer> offers = List.of(offer("o1", 1.0, 31000, 31001), offer("o2", 1.0, 31005, 31005));
    LaunchPlan plan = LaunchPlanner.plan(offers, List.of(
        task(0, 1.5, List.of(new Port("http", null, "HTTP_PORT"), new Port("admin", 31005, null))),
        task(1, 0.5, List.of(new Port("http", null, null))),
        task(2, 0.5, List.of())));
    assertEquals(2, plan.launches().size());
    assertEquals(1, plan.rejected().size());
    assertTrue(plan.rejected().get(0).message().contains("cpus"), plan.rejected().get(0).message());

    LaunchPlan.Launch first = plan.launches().get(0);
    assertEquals("job-uid-0-2", first.mesosTaskId());
    assertEquals(Map.of("http", 31000, "admin", 31005), first.ports());
    Map<String, String> env = first.info().getCommand().getEnvironment().getVariablesList().stream()
        .collect(Collectors.toMap(Protos.Environment.Variable::getName,
            Protos.Environment.Variable::getValue));
    assertEquals("31000", env.get("HTTP_PORT"));
    assertEquals("31005", env.get("PORT_ADMIN"));
    assertEquals("web", env.get(LaunchPlanner.ENV_JOB_ID));
    assertEquals("0", env.get(LaunchPlanner.ENV_INSTANCE_ID));
    assertEquals("job-uid-0-2", env.get(LaunchPlanner.ENV_TASK_ID));
    double cpus = first.info().getResourcesList().stream().filter(r -> r.getName().equals("cpus"))
        .mapToDouble(r -> r.getScalar().getValue()).sum();
    assertEquals(1.5, cpus, 1e-9);
    assertTrue(first.info().getResourcesList().stream().allMatch(r -> r.hasAllocationInfo()));
    assertEquals(5_000_000_000L, first.info().getKillPolicy().getGracePeriod().getNanoseconds());

    // the second task got the next free dynamic port; the third needed none
    assertEquals(Map.of("http", 31001), plan.launches().get(1).ports());
    assertEquals("web-1", plan.launches().get(1).task().metadata().name());
  }

  @Test
  void staticPortNotOfferedIsRejectedWithTheReason() {
    LaunchPlan plan = LaunchPlanner.plan(List.of(offer("o1", 4, 31000, 31010)),
        List.of(task(0, 1, List.of(new Port("db", 5432, null)))));
    assertTrue(plan.launches().isEmpty());
    assertTrue(plan.rejected().get(0).message().contains("5432"));
  }

  @Test
  void lifecycleRulesFollowTheContract() {
    Task bound = task(0, 1, List.of());
    assertTrue(TaskLifecycle.isToLaunch(bound));
    assertTrue(!TaskLifecycle.isPending(bound));
    assertTrue(!TaskLifecycle.needsKill(bound));
  }
}
