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
 * Collects the Events of one cycle about Tasks and creates them in one request per namespace.
 * When one cycle says the same thing (reason and type) about more than {@link #PER_TASK_UP_TO}
 * tasks of one job, they become one Event about the Job with their count, as Kubernetes
 * aggregates similar events: ten thousand "Scheduled" Events would cost more than the tasks
 * (each task's Scheduled condition still has its own message). A preemption kills a task, so
 * each gets its own Event. Events are best effort: a failed
 * write is logged, never retried (the condition on the Task is the record).
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  public static final String COMPONENT = "peloton-scheduler";
  /** More tasks than this with one reason in one job and cycle make one aggregated Event. */
  static final int PER_TASK_UP_TO = 5;
  private static final String JOB_LABEL = "peloton.io/job";
  private static final java.util.Set<String> ALWAYS_PER_TASK = java.util.Set.of("Preempted");

  private final ApiClient api;
  private final String identity;
  private final AtomicLong counter = new AtomicLong();
  // (namespace, job, reason, type) -> what was said of which task, in order
  private final Map<List<String>, List<Said>> queued = new LinkedHashMap<>();

  private record Said(Task task, String message) {}

  public EventRecorder(ApiClient api, String identity) {
    this.api = api;
    this.identity = identity;
  }

  /** Queues an Event about {@code task}; Warning for trouble, Normal otherwise. */
  public synchronized void record(Task task, String reason, String message, Event.EventType type) {
    Map<String, String> labels = task.metadata().labels();
    String job = labels == null ? null : labels.get(JOB_LABEL);
    queued.computeIfAbsent(java.util.Arrays.asList(task.metadata().namespace(), job, reason,
        type.name()), k -> new ArrayList<>()).add(new Said(task, message));
  }

  /** Creates everything queued; returns how many Events were written. */
  public int flush() {
    Map<List<String>, List<Said>> batch;
    synchronized (this) {
      if (queued.isEmpty()) {
        return 0;
      }
      batch = new LinkedHashMap<>(queued);
      queued.clear();
    }
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    Map<String, List<ObjectNode>> byNamespace = new LinkedHashMap<>();
    batch.forEach((key, said) -> {
      String ns = key.get(0);
      String job = key.get(1);
      String reason = key.get(2);
      Event.EventType type = Event.EventType.valueOf(key.get(3));
      List<ObjectNode> events = byNamespace.computeIfAbsent(ns, n -> new ArrayList<>());
      if (job == null || said.size() <= PER_TASK_UP_TO || ALWAYS_PER_TASK.contains(reason)) {
        said.forEach(s -> events.add(event(ns, s.task().metadata().name(),
            new ObjectReference(apiVersionOf(s.task()), "Task", ns, s.task().metadata().name(),
                s.task().metadata().uid(), null, null), reason, s.message(), type, 1, now)));
      } else {
        Said first = said.get(0);
        events.add(event(ns, job, new ObjectReference(ApiObject.API_VERSION, "Job", ns, job,
                null, null, null), reason, said.size() + " tasks, e.g. "
                + first.task().metadata().name() + ": " + first.message(), type, said.size(),
            now));
      }
    });
    int written = 0;
    for (Map.Entry<String, List<ObjectNode>> e : byNamespace.entrySet()) {
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

  private ObjectNode event(String ns, String about, ObjectReference involved, String reason,
      String message, Event.EventType type, int count, String now) {
    // unique and sortable: the object's name, then time and a counter in hex (Kubernetes does the same)
    String name = about + "." + Long.toHexString(System.currentTimeMillis())
        + Long.toHexString(counter.incrementAndGet());
    return ApiClient.tree(new Event(ApiObject.API_VERSION, "Event", ObjectMeta.named(ns, name),
        involved, reason, message, type, count, now, now, new Event.EventSource(COMPONENT, identity),
        COMPONENT, identity));
  }

  private static String apiVersionOf(Task task) {
    return task.apiVersion() == null ? ApiObject.API_VERSION : task.apiVersion();
  }
}
