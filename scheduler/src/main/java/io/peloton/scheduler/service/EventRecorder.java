package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceTypes;
import io.peloton.api.event.Event;
import io.peloton.api.event.ObjectReference;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.task.Task;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the Events of one cycle about Tasks and creates them in one request per namespace. Events
 * are best effort: a failed write is logged, never retried (the condition on the Task is the record).
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  public static final String COMPONENT = "peloton-scheduler";

  private final ApiClient api;
  private final String identity;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, List<ObjectNode>> queued = new LinkedHashMap<>();

  public EventRecorder(ApiClient api, String identity) {
    this.api = api;
    this.identity = identity;
  }

  /** Queues an Event about {@code task}; Warning for trouble, Normal otherwise. */
  public synchronized void record(Task task, String reason, String message, Event.EventType type) {
    String ns = task.metadata().namespace();
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    // unique and sortable: the task's name, then time and a counter in hex (Kubernetes does the same)
    String name = task.metadata().name() + "." + Long.toHexString(System.currentTimeMillis())
        + Long.toHexString(counter.incrementAndGet());
    Event e = new Event(ApiObject.API_VERSION, "Event", ObjectMeta.named(ns, name),
        new ObjectReference(task.apiVersion() == null ? ApiObject.API_VERSION : task.apiVersion(), "Task", ns,
            task.metadata().name(), task.metadata().uid(), null, null),
        reason, message, type, 1, now, now, new Event.EventSource(COMPONENT, identity), COMPONENT, identity);
    queued.computeIfAbsent(ns, x -> new ArrayList<>()).add(ApiClient.tree(e));
  }

  /** Creates everything queued; returns how many Events were written. */
  public int flush() {
    Map<String, List<ObjectNode>> batch;
    synchronized (this) {
      if (queued.isEmpty()) {
        return 0;
      }
      batch = new LinkedHashMap<>(queued);
      queued.clear();
    }
    int written = 0;
    for (Map.Entry<String, List<ObjectNode>> e : batch.entrySet()) {
      try {
        for (ObjectNode r : api.createAll(ResourceTypes.EVENT, e.getKey(), e.getValue())) {
          if (!"Status".equals(r.path("kind").asText())) {
            written++;
          } else {
            LOG.debug("event refused: {}", r.path("message").asText());
          }
        }
      } catch (ApiError err) {
        LOG.warn("could not write {} events in namespace {}: {}", e.getValue().size(), e.getKey(), err.getMessage());
      }
    }
    return written;
  }
}
