package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
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
  public static final String TYPE = "Scheduled";

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
      if (TYPE.equals(c.type())) {
        return c;
      }
    }
    return null;
  }

  /** Writes the updates that change something; returns the highest resourceVersion written (0: none). */
  public long write(List<ConditionUpdate> updates) {
    Set<String> seen = new HashSet<>();
    List<CompletableFuture<Long>> inFlight = new ArrayList<>();
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
      inFlight.add(CompletableFuture.supplyAsync(() -> writeOne(u, c, status), writers));
    }
    lastMessageWrite.keySet().retainAll(seen);
    long highest = 0;
    for (CompletableFuture<Long> f : inFlight) {
      highest = Math.max(highest, f.join());
    }
    return highest;
  }

  private long writeOne(ConditionUpdate u, Condition old, String status) {
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    String since = old != null && status.equals(old.status()) && old.lastTransitionTime() != null
        ? old.lastTransitionTime() : now;
    ObjectNode patch = Codecs.json().createObjectNode();
    if (u.resourceVersion() != null) {
      patch.putObject("metadata").put("resourceVersion", u.resourceVersion());
    }
    ArrayNode conditions = patch.putObject("status").putArray("conditions");
    if (u.task().status() != null && u.task().status().conditions() != null) {
      for (Condition other : u.task().status().conditions()) {
        if (!TYPE.equals(other.type())) {
          conditions.add(Codecs.json().valueToTree(other));
        }
      }
    }
    conditions.add(Codecs.json().valueToTree(new Condition(TYPE, status, u.reason(), u.message(), since, null)));
    try {
      ObjectNode after = api.patch(ResourceTypes.TASK, u.task().metadata().namespace(), u.task().metadata().name(),
          patch, true);
      lastMessageWrite.put(u.taskId(), System.nanoTime());
      if (old == null || !Objects.equals(old.reason(), u.reason())) {
        events.record(u.task(), u.scheduled() ? "Scheduled" : "FailedScheduling", u.message(),
            u.scheduled() ? Event.EventType.Normal : Event.EventType.Warning);
      }
      return after.path("metadata").path("resourceVersion").asLong(0);
    } catch (ApiError e) {
      if (!e.isConflict() && !e.isNotFound()) {
        LOG.warn("could not set {} condition of task {}: {}", TYPE, u.taskId(), e.getMessage());
      }
      return 0; // re-read and retried next cycle
    }
  }
}
