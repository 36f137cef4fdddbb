package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskConditions;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.TaskStatusPatch;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code Scheduled} condition of Tasks in step with the scheduler's view, writing only what
 * changed (guarded by resourceVersion, other condition types kept), and records an Event whenever the
 * reason changes. A message-only change is written at most once per {@code messageRefresh}.
 */
public final class TaskConditionWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TaskConditionWriter.class);
  private static final int BATCH = 500;

  private final ApiClient api;
  private final ExecutorService writers;
  private final EventRecorder events;
  private final long refreshNanos;
  private final Map<String, Long> lastMessageWrite = new ConcurrentHashMap<>();

  public TaskConditionWriter(ApiClient api, ExecutorService writers, EventRecorder events, Duration messageRefresh) {
    this.api = api;
    this.writers = writers;
    this.events = events;
    this.refreshNanos = messageRefresh.toNanos();
  }

  /** The Task's current {@code Scheduled} condition, or null. */
  public static Condition current(Task t) {
    if (t.status() == null || t.status().conditions() == null) {
      return null;
    }
    for (Condition c : t.status().conditions()) {
      if (TaskConditions.SCHEDULED.equals(c.type())) {
        return c;
      }
    }
    return null;
  }

  /** Writes the updates that change something; returns the highest resourceVersion written (0: none). */
  public long write(List<ConditionUpdate> updates) {
    Set<String> seen = new HashSet<>();
    // per namespace, the updates to write: they leave in batches of BATCH status patches
    Map<String, List<Pending>> byNamespace = new LinkedHashMap<>();
    long now = System.nanoTime();
    for (ConditionUpdate u : updates) {
      seen.add(u.taskId());
      Condition c = current(u.task());
      String status = u.scheduled() ? Condition.TRUE : Condition.FALSE;
      if (c != null && status.equals(c.status()) && Objects.equals(u.reason(), c.reason())) {
        if (Objects.equals(u.message(), c.message())) {
          continue;
        }
        Long last = lastMessageWrite.get(u.taskId());
        if (last != null && now - last < refreshNanos) {
          continue;
        }
      }
      byNamespace.computeIfAbsent(u.task().metadata().namespace(), n -> new ArrayList<>())
          .add(new Pending(u, c, patchOf(u, c, status)));
    }
    lastMessageWrite.keySet().retainAll(seen);
    List<CompletableFuture<Long>> inFlight = new ArrayList<>();
    byNamespace.forEach((namespace, pending) -> {
      for (int from = 0; from < pending.size(); from += BATCH) {
        List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + BATCH));
        inFlight.add(CompletableFuture.supplyAsync(() -> writeBatch(namespace, chunk), writers));
      }
    });
    long highest = 0;
    for (CompletableFuture<Long> f : inFlight) {
      highest = Math.max(highest, f.join());
    }
    return highest;
  }

  private record Pending(ConditionUpdate update, Condition old, TaskStatusPatch patch) {}

  private static TaskStatusPatch patchOf(ConditionUpdate u, Condition old, String status) {
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    String since = old != null && status.equals(old.status()) && old.lastTransitionTime() != null
        ? old.lastTransitionTime() : now;
    ObjectNode patch = Codecs.json().createObjectNode();
    ArrayNode conditions = patch.putArray("conditions");
    if (u.task().status() != null && u.task().status().conditions() != null) {
      for (Condition other : u.task().status().conditions()) {
        if (!TaskConditions.SCHEDULED.equals(other.type())) {
          conditions.add(Codecs.json().valueToTree(other));
        }
      }
    }
    conditions.add(Codecs.json().valueToTree(
        new Condition(TaskConditions.SCHEDULED, status, u.reason(), u.message(), since, null)));
    return new TaskStatusPatch(u.task().metadata().name(), patch, u.resourceVersion());
  }

  private long writeBatch(String namespace, List<Pending> chunk) {
    List<TaskStatusPatch> request = new ArrayList<>(chunk.size());
    chunk.forEach(p -> request.add(p.patch()));
    List<ObjectNode> results;
    try {
      results = api.patchTaskStatuses(namespace, request);
    } catch (ApiError e) {
      LOG.warn("could not set {} conditions of {} tasks in {}: {}", TaskConditions.SCHEDULED, chunk.size(), namespace,
          e.getMessage());
      return 0; // re-read and retried next cycle
    }
    long highest = 0;
    for (int i = 0; i < chunk.size() && i < results.size(); i++) {
      ConditionUpdate u = chunk.get(i).update();
      ApiError e = ApiError.ofItem(results.get(i));
      if (e != null) {
        if (!e.isConflict() && !e.isNotFound()) {
          LOG.warn("could not set {} condition of task {}: {}", TaskConditions.SCHEDULED, u.taskId(), e.getMessage());
        }
        continue; // re-read and retried next cycle
      }
      lastMessageWrite.put(u.taskId(), System.nanoTime());
      Condition old = chunk.get(i).old();
      // a task that can never be placed is told once on its Job (by the job controller), not
      // once per task: a 100,000-task job would write 100,000 Events
      if ((old == null || !Objects.equals(old.reason(), u.reason()))
          && !TaskConditions.NEVER_FITS.equals(u.reason())) {
        events.record(u.task(), u.scheduled() ? "Scheduled" : "FailedScheduling", u.message(),
            u.scheduled() ? Event.EventType.Normal : Event.EventType.Warning);
      }
      highest = Math.max(highest, results.get(i).path("metadata").path("resourceVersion").asLong(0));
    }
    return highest;
  }
}
