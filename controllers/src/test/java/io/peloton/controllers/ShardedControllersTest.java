package io.peloton.controllers;

import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static io.peloton.controllers.testing.ControllerHarness.config;
import static io.peloton.controllers.testing.ControllerHarness.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.event.Event;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.client.ListOptions;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two all-active replicas split the jobs between them and together create each task once. */
class ShardedControllersTest {
  @TempDir
  Path dir;

  @Test
  void twoReplicasShareTheJobsWithoutDuplicates() {
    try (ControllerHarness h = new ControllerHarness(dir,
        ControllerHarness.testConfig().withMemberId("a"));
        Controllers b = Controllers.start(h.api(),
            ControllerHarness.testConfig().withMemberId("b"))) {
      await().atMost(WAIT).until(() -> h.manager().shardMembers().size() == 2
          && b.shardMembers().size() == 2);
      h.pool("shared", "/", 10, 10);
      int jobs = 12;
      for (int i = 0; i < jobs; i++) {
        h.job("j" + i, spec(JobType.BATCH, 3, null, config(null), "/shared"));
      }
      for (int i = 0; i < jobs; i++) {
        String name = "j" + i;
        await().atMost(WAIT).until(() -> h.tasksOf(name).size() == 3);
      }
      List<Event> created = h.events.listAll(ControllerHarness.NS, ListOptions.all()).items()
          .stream().filter(e -> "TasksCreated".equals(e.reason())).toList();
      Set<String> creators = created.stream().map(Event::reportingInstance)
          .collect(Collectors.toSet());
      assertEquals(Set.of("a", "b"), creators, "both replicas did part of the work");
      assertTrue(h.tasks.listAll(ControllerHarness.NS, ListOptions.all()).items().size()
          == 3 * jobs);
    }
  }
}
