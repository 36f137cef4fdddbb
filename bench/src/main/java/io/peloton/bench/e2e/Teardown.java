package io.peloton.bench.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.task.Task;
import io.peloton.bench.support.JsonLine;
import io.peloton.client.ApiClient;
import io.peloton.client.ListOptions;
import io.peloton.client.informer.Informer;
import io.peloton.controllers.WellKnownKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stops or deletes the measured job once every task runs, as a user's {@code job stop} or
 * {@code job delete} would, and times it: when the first task was done (ended, or gone), when
 * all were, a per-second timeline, and how many Events the operation left.
 */
final class Teardown {
  private final ApiClient api;
  private final Informer<Task> tasks;
  private final String namespace;
  private final String job;
  private final int total;

  Teardown(ApiClient api, Informer<Task> tasks, String namespace, String job, int total) {
    this.api = api;
    this.tasks = tasks;
    this.namespace = namespace;
    this.job = job;
    this.total = total;
  }

  /** {@code mode} is "stop" or "delete"; the result goes into {@code out} under that name. */
  void run(String mode, Duration timeout, JsonLine out) throws InterruptedException {
    boolean stop = "stop".equals(mode);
    long t0 = System.nanoTime();
    if (stop) {
      ObjectNode patch = Codecs.json().createObjectNode();
      patch.putObject("metadata").putObject("annotations")
          .put(WellKnownKeys.GOAL_STATE_ANNOTATION, "KILLED");
      api.patch(ResourceTypes.JOB, namespace, job, patch, false);
    } else {
      api.delete(ResourceTypes.JOB, namespace, job);
    }
    List<List<Object>> timeline = new ArrayList<>();
    double first = -1;
    double all = -1;
    long deadline = t0 + timeout.toNanos();
    for (int second = 1; System.nanoTime() < deadline; second++) {
      int done = stop ? ended() : total - remaining();
      double at = (System.nanoTime() - t0) / 1e9;
      if (first < 0 && done > 0) {
        first = at;
      }
      timeline.add(List.of(Math.round(at * 10) / 10.0, done));
      System.err.printf(Locale.ROOT, "%s: %6.1f s: %d of %d tasks %s%n", mode, at, done, total,
          stop ? "ended" : "gone");
      if (done >= total) {
        all = at;
        break;
      }
      long next = t0 + second * 1_000_000_000L;
      Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
    }
    List<Event> events = api.typed(Event.class).listAll(namespace, ListOptions.all()).items();
    long occurrences = events.stream().mapToLong(e -> e.count() == null ? 1 : e.count()).sum();
    out.put(mode + "_first_task_s", first < 0 ? null : first)
        .put(mode + "_all_tasks_s", all < 0 ? null : all)
        .put(mode + "_events_after", events.size())
        .put(mode + "_event_occurrences_after", occurrences)
        .put(mode + "_timeline_columns", "s,done")
        .put(mode + "_timeline", timeline);
  }

  /** Tasks of the job whose run ended (killed, or failed before the stop). */
  private int ended() {
    return (int) tasks.cache().list().stream()
        .filter(t -> job.equals(t.spec().job()) && t.status() != null
            && t.status().state() != null && t.status().state().isTerminal())
        .count();
  }

  private int remaining() {
    return (int) tasks.cache().list().stream().filter(t -> job.equals(t.spec().job())).count();
  }
}
