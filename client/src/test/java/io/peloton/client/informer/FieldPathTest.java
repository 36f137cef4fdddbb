package io.peloton.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field paths over typed records, as the {@code spec.host} index of tasks needs. */
class FieldPathTest {
  private static Task task(String host, Map<String, String> labels) {
    return new Task(ApiObject.API_VERSION, "Task",
        ObjectMeta.named("ns", "job-0").withLabels(labels),
        new TaskSpec("job", 0, null, 1L, TaskState.RUNNING, 0, host, null, "/pool", 5, true,
            false), null);
  }

  @Test
  void readsScalarsEnumsAndMapEntries() {
    Task t = task("host-1", Map.of("app", "web", "peloton.io/job", "job"));
    assertEquals(List.of("host-1"), FieldPath.parse("spec.host").read(t));
    assertEquals(List.of("RUNNING"), FieldPath.parse("spec.goalState").read(t));
    assertEquals(List.of("5"), FieldPath.parse("spec.priority").read(t));
    assertEquals(List.of("web"), FieldPath.parse("metadata.labels.app").read(t));
    assertEquals(List.of("job"), FieldPath.parse("metadata.labels.peloton.io/job").read(t));
  }

  @Test
  void absentFieldsAndNonScalarsGiveNoValues() {
    Task t = task(null, Map.of());
    assertTrue(FieldPath.parse("spec.host").read(t).isEmpty());
    assertTrue(FieldPath.parse("spec.nothing").read(t).isEmpty());
    assertTrue(FieldPath.parse("status.state").read(t).isEmpty());
    assertTrue(FieldPath.parse("spec").read(t).isEmpty());
  }

  @Test
  void badPathsAreRefusedNamingThePath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FieldPath.parse("spec..host"));
    assertTrue(e.getMessage().contains("spec..host"), e.getMessage());
  }

  @Test
  void aCacheIndexByHostFollowsPutsAndRemoves() {
    ObjectCache<Task> cache = new ObjectCache<>();
    cache.addIndex("host", Indexes.byField("spec.host"));
    Task a = task("h1", Map.of());
    cache.put(a);
    assertEquals(List.of(a), cache.byIndex("host", "h1"));
    Task moved = task("h2", Map.of());
    cache.put(moved);
    assertTrue(cache.byIndex("host", "h1").isEmpty());
    assertEquals(List.of(moved), cache.byIndex("host", "h2"));
    cache.remove(io.peloton.client.ObjectKey.of("ns", "job-0"));
    assertTrue(cache.indexValues("host").isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cache.byIndex("nope", "x"));
    assertTrue(e.getMessage().contains("nope"));
  }
}
