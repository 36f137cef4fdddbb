package io.peloton.scheduler.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.task.Task;
import io.peloton.scheduler.placement.Binding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bindings go through the batched endpoint, guarded by the version the decision was made on. */
class TaskBinderTest {
  @TempDir
  Path dir;

  private TestCluster cluster;
  private ExecutorService writers;

  @BeforeEach
  void start() {
    cluster = new TestCluster(dir);
    writers = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    writers.shutdownNow();
    cluster.close();
  }

  @Test
  void bindsFreshTasksAndSkipsChangedOrAlreadyBoundOnes() {
    for (int i = 0; i < 3; i++) {
      cluster.task("j", i, "/p", 1, 64, 0);
    }
    Task fresh = cluster.task("j-0");
    Task stale = cluster.task("j-1");
    Task taken = cluster.task("j-2");
    ObjectNode touch = TestCluster.object();
    touch.putObject("metadata").putObject("labels").put("touched", "yes");
    cluster.api.patch(ResourceTypes.TASK, TestCluster.NS, "j-1", touch, false);
    TaskBinder binder = new TaskBinder(cluster.api, writers, 2);
    binder.bind(List.of(new Binding("default/j-2", "elsewhere")), Map.of("default/j-2", taken));

    List<BindOutcome> out = binder.bind(
        List.of(new Binding("default/j-0", "h1"), new Binding("default/j-1", "h1"), new Binding("default/j-2", "h1")),
        Map.of("default/j-0", fresh, "default/j-1", stale, "default/j-2", cluster.task("j-2")));

    assertEquals(List.of(BindOutcome.Result.BOUND, BindOutcome.Result.CONFLICT, BindOutcome.Result.CONFLICT),
        out.stream().map(BindOutcome::result).toList());
    assertEquals("h1", cluster.task("j-0").spec().host());
    assertEquals(null, cluster.task("j-1").spec().host());
    assertEquals("elsewhere", cluster.task("j-2").spec().host());
    assertEquals(cluster.task("j-0").metadata().resourceVersion(), out.get(0).resourceVersion());
  }
}
