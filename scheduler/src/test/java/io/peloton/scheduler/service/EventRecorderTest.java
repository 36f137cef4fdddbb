package io.peloton.scheduler.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.event.Event;
import io.peloton.client.ListOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few tasks get an Event each; many tasks of one job saying the same get one, on the Job. */
class EventRecorderTest {
  @TempDir
  Path dir;

  private TestCluster cluster;

  @BeforeEach
  void start() {
    cluster = new TestCluster(dir);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void manyTasksOfOneJobMakeOneEventWithTheirCount() {
    for (int i = 0; i < 3; i++) {
      cluster.task("few", i, "/p", 1, 64, 0);
    }
    for (int i = 0; i < 20; i++) {
      cluster.task("many", i, "/p", 1, 64, 0);
    }
    EventRecorder recorder = new EventRecorder(cluster.api, "test");
    for (int i = 0; i < 3; i++) {
      recorder.record(cluster.task("few-" + i), "Scheduled", "bound to host h" + i,
          Event.EventType.Normal);
    }
    for (int i = 0; i < 20; i++) {
      recorder.record(cluster.task("many-" + i), "Scheduled", "bound to host h" + i,
          Event.EventType.Normal);
    }
    assertEquals(4, recorder.flush());

    List<Event> events = cluster.events.listAll(TestCluster.NS, ListOptions.all()).items();
    assertEquals(4, events.size());
    assertEquals(1, cluster.eventsAbout("few-1").size());
    Event aggregated = events.stream()
        .filter(e -> "Job".equals(e.involvedObject().kind())).findFirst().orElseThrow();
    assertEquals("many", aggregated.involvedObject().name());
    assertEquals(20, aggregated.count());
    assertTrue(aggregated.message().startsWith("20 tasks, e.g. many-0: bound to host h0"),
        aggregated.message());
  }
}
